import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint for corporate account services and accountants", .serialized)
struct CorporateAndAccountantTests {
    /// The samples' vendor and catalog, then `count` accounts each buying a monthly subscription on 1 January 2026.
    private func manyAccounts(_ count: Int, into cli: CLI) throws {
        let samples = try JSONDecoder().decode(
            StoreFile.self,
            from: Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        )
        let events = try SyntheticHistory.accounts(
            count,
            prefix: "ACME",
            tier: "standard",
            on: CalendarDate("2026-01-01"),
            after: Array(samples.events.prefix(2))
        ).map(withPartitaIVA)
        try JSONEncoder().encode(StoreFile(events: events)).write(to: URL(fileURLWithPath: cli.path("many.json")))
        #expect(try cli.run(["import", cli.path("many.json")]).status == 0)
    }

    @Test func aKilledRunIsRunAgainAndIssuesEveryInvoiceExactlyOnce() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let count = 300
        try manyAccounts(count, into: cli)
        let arguments = [
            "invoices", "run", "--period", "2026-02", "--out", cli.path("out"), "--jobs", "2", "--today", "2026-02-01",
        ]
        let process = try cli.start(arguments)
        // Kill it part-way: once some PDFs are written, or after two seconds at most.
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline, process.isRunning {
            let written = (try? FileManager.default.contentsOfDirectory(atPath: cli.path("out")))?.count ?? 0
            if written > 20 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let again = try cli.run(arguments)
        #expect(again.status == 0, "\(again.error)")
        let store = try SQLiteStore(path: cli.environment["LEDGERPRINT_STORE"] ?? "")
        let february = try store.invoices(issuedIn: DatePeriod.month(year: 2026, month: 2))
        #expect(february.count == count)
        #expect(Set(february.map(\.key)).count == count)
        let numbers = try store.invoices(issuedIn: DatePeriod.year(2026)).compactMap(\.number?.sequence).sorted()
        #expect(numbers == Array(1...(2 * count)))
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("out"))
        #expect(files.filter { $0.hasSuffix(".pdf") }.count == count)
        // The samples' vendor has a Partita IVA: each invoice's FatturaPA lies beside its PDF.
        #expect(files.filter { $0.hasPrefix("IT39182740587_") && $0.hasSuffix(".xml") }.count == count)
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "a killed run left a temporary file behind")
        for file in files.filter({ $0.hasSuffix(".pdf") }).prefix(5) {
            #expect(try pdfinfo(Data(contentsOf: URL(fileURLWithPath: cli.path("out/\(file)"))))["Pages"] == "1")
        }
        #expect(try cli.run(arguments).output.contains("issued 0 invoices, printed 0 (300 already printed)"))
    }

    @Test func anArchiveVerifiesAndAChangedFileIsCaught() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let archived = try cli.run(["archive", "--year", "2025", "--out", cli.path("archive")])
        #expect(archived.status == 0, "\(archived.error)")
        let manifest = try String(contentsOfFile: cli.path("archive/manifest.csv"), encoding: .utf8)
        #expect(manifest.hasPrefix("number,kind,account,date,amount,sha256,file\n"))
        #expect(manifest.contains("NC-2025/0001,credit-note,ROSSI-IT,2025-04-03"))
        let verified = try cli.run(["archive", "verify", cli.path("archive")])
        #expect(verified.status == 0, "\(verified.error)")
        #expect(verified.output.hasPrefix("verified "))
        // The archive holds PDF/A-3b files.
        let archivedPDF = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cli.path("archive")).sorted().first {
                $0.hasPrefix("invoice")
            }
        )
        let archivedData = try Data(contentsOf: URL(fileURLWithPath: cli.path("archive/\(archivedPDF)")))
        #expect(try PDFAChecklist.problems(archivedData) == [])
        let victim = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cli.path("archive")).first { $0.hasPrefix("invoice") }
        )
        try Data("%PDF-1.5 tampered".utf8).write(to: URL(fileURLWithPath: cli.path("archive/\(victim)")))
        try FileManager.default.removeItem(atPath: cli.path("archive/credit-note_NC-2025-0001_ROSSI-IT.pdf"))
        let caught = try cli.run(["archive", "verify", cli.path("archive")])
        #expect(caught.status == 3)
        #expect(caught.output.contains("changed: \(victim)"))
        #expect(caught.output.contains("missing: credit-note_NC-2025-0001_ROSSI-IT.pdf"))
    }

    @Test func aW9RequestIsPrintedAndFulfilled() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let request = try cli.run([
            "w9", "request", "NORDWERK-DE", "--form", "w9", "--details", "W-9 please", "--as",
            "kreditoren@nordwerk.example",
        ])
        #expect(request.output.contains("filed request W9-2026-0002"), "\(request.error)")
        let printed = try cli.run(["w9", "print", "W9-2026-0002", "--as", "rep:Marco", "-o", cli.path("w9.pdf")])
        #expect(printed.status == 0, "\(printed.error)")
        #expect(
            try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("w9.pdf")))).contains(
                "Guten Tag Lena Hoffmann,"
            )
        )
        #expect(
            try cli.run(["w9", "list", "--format", "csv"]).output.contains(
                "W9-2026-0002,NORDWERK-DE,w9,kreditoren@nordwerk.example,2026-11-27,fulfilled,2026-11-27"
            )
        )
    }

    @Test func aVoidIssuesACreditNoteAndThePrintIsMarked() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let list = try cli.run(["invoices", "list", "--account", "NORDWERK-DE", "--format", "csv"]).output
        let number = try #require(list.split(separator: "\n").last?.split(separator: ",").first.map(String.init))
        #expect(
            try cli.run(["invoices", "void", number, "--reason", "wrong PO", "--as", "kreditoren@nordwerk.example"])
                .status == 77
        )
        let voided = try cli.run(["invoices", "void", number, "--reason", "wrong PO", "--as", "rep:Marco"])
        #expect(voided.output.contains("issued credit note NC-2026/0001"), "\(voided.error)")
        #expect(try cli.run(["invoices", "print", number, "-o", cli.path("void.pdf")]).status == 0)
        #expect(
            try poppler("pdftotext", ["-raw"], on: Data(contentsOf: URL(fileURLWithPath: cli.path("void.pdf"))))
                .contains("STORNIERT")
        )
        // The account is German: the print says it is void, in German, and names its credit note.
        #expect(
            try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("void.pdf"))))
                .contains("Gutschrift NC-2026/0001")
        )
        #expect(try cli.run(["invoices", "print", number, "-o", cli.path("void.pdf"), "--copy"]).status == 65)
    }
}

@Suite("Output files")
struct OutputFileTests {
    @Test func aRunRemovesTheTemporaryFilesAKilledRunLeftBehind() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let out = cli.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let leftover = "\(out)/.invoice_2026-0001_ROSSI-IT.pdf.\(ended.processIdentifier).0123456789abcdef.tmp"
        let unrelated = "\(out)/.notes.tmp"
        try Data("half a PDF".utf8).write(to: URL(fileURLWithPath: leftover))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: unrelated))
        let run = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(FileManager.default.fileExists(atPath: unrelated))
    }

    @Test func aFailedImportIntoANewStoreLeavesNoStoreBehind() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: cli.path("bad.json")))
        let store = cli.path("new.sqlite")
        let result = try cli.run(["import", cli.path("bad.json"), "--store", store])
        #expect(result.status == 65)
        #expect(
            result.error.contains(
                "bad.json: line 1, column 1: not valid JSON: expected null, found 'not'; nothing was imported"
            )
        )
        #expect(!FileManager.default.fileExists(atPath: store))
        #expect(!FileManager.default.fileExists(atPath: store + "-wal"))
    }
}

/// `event` with a synthetic Partita IVA for the account it opens: the samples' vendor is registered
/// for VAT in Italy, so a run writes each invoice's FatturaPA, which names the customer's tax number.
func withPartitaIVA(_ event: StoreEvent) throws -> StoreEvent {
    guard case .openAccount(var account) = event.action else { return event }
    let serial = 1_000_000 + (Int(account.id.filter(\.isNumber)) ?? 0) % 8_000_000
    var digits = String(serial).compactMap(\.wholeNumberValue) + [0, 0, 1]
    let sum = digits.enumerated().reduce(0) { sum, element in
        let doubled = element.element * 2
        return sum + (element.offset % 2 == 1 ? (doubled > 9 ? doubled - 9 : doubled) : element.element)
    }
    digits.append((10 - sum % 10) % 10)
    account.taxIdentifiers = [try TaxIdentifier(.partitaIVA, digits.map(String.init).joined())]
    return StoreEvent(date: event.date, actor: event.actor, action: .openAccount(account))
}
