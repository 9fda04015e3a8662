import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// The month-end run writes each invoice's FatturaPA file from what it read to print the PDF.
@Suite("ledgerprint invoices run: the FatturaPA files")
struct RunEInvoiceTests {
    /// `event` with a synthetic Partita IVA (valid check digit) for the account it opens.
    static func withPartitaIVA(_ event: StoreEvent) throws -> StoreEvent {
        guard case .openAccount(var account) = event.action else { return event }
        var digits = String(1_000_000 + (Int(account.id.filter(\.isNumber)) ?? 0)).compactMap(\.wholeNumberValue)
        digits += [0, 0, 1]
        let sum = digits.enumerated().reduce(0) { sum, element in
            let doubled = element.element * 2
            return sum + (element.offset % 2 == 1 ? (doubled > 9 ? doubled - 9 : doubled) : element.element)
        }
        digits.append((10 - sum % 10) % 10)
        account.taxIdentifiers = [try TaxIdentifier(.partitaIVA, digits.map(String.init).joined())]
        return StoreEvent(date: event.date, actor: event.actor, action: .openAccount(account))
    }

    /// The samples' vendor and catalog, then `count` Italian business accounts with a Partita IVA,
    /// each with a standard subscription from 2026-01-01.
    static func italianAccounts(_ count: Int) throws -> [StoreEvent] {
        let samples = try JSONDecoder().decode(
            StoreFile.self,
            from: Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        )
        return try SyntheticHistory.accounts(
            count,
            prefix: "RUN",
            tier: "standard",
            on: CalendarDate("2026-01-01"),
            after: Array(samples.events.prefix(2))
        ).map(Self.withPartitaIVA)
    }

    @Test func eachInvoiceOfARunHasTheFatturaPAThatPrintWrites() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let events = try Self.italianAccounts(3)
        try JSONEncoder().encode(StoreFile(events: events)).write(to: URL(fileURLWithPath: cli.path("run.json")))
        #expect(try cli.run(["import", cli.path("run.json")]).status == 0)

        let out = cli.path("out")
        let arguments = ["invoices", "run", "--period", "2026-02", "--out", out, "--today", "2026-02-01"]
        let run = try cli.run(arguments + ["--jobs", "2"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("printed 3 (0 already printed)"), "\(run.output)")
        #expect(run.output.contains("wrote 3 FatturaPA files (0 already written)"), "\(run.output)")
        // The line wording's em dash is written as '-' in the XML without a warning on every invoice.
        #expect(!run.error.contains("outside Latin-1"), "\(run.error)")

        let written = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".xml") }
        #expect(written.count == 3)
        var expected: Set<Data> = []
        for number in ["2026/0004", "2026/0005", "2026/0006"] {
            let file = cli.path(number.replacingOccurrences(of: "/", with: "-") + ".xml")
            let printed = try cli.run(["invoices", "print", number, "--format", "xml", "-o", file])
            #expect(printed.status == 0, "\(printed.error)")
            expected.insert(try Data(contentsOf: URL(fileURLWithPath: file)))
        }
        let fromRun = try Set(
            written.map { try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent($0)) }
        )
        #expect(fromRun == expected)

        let again = try cli.run(arguments)
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("wrote 0 FatturaPA files (3 already written)"), "\(again.output)")
    }

    /// A run killed after writing an invoice's FatturaPA file and before its row in the printed index
    /// was committed leaves the file without its row; the next run records it (and would replace it,
    /// were its bytes not the invoice's), as it does a PDF, instead of trusting the file for being there.
    ///
    /// The state a kill leaves at that moment is made whole: a second store, a copy of the first from
    /// before its run, is run into the folder the first run wrote, so every file there lacks its row.
    @Test func aFatturaPAFileWithoutItsIndexRowIsRecordedByTheNextRun() throws {
        var cli = try CLI()
        defer { cli.remove() }
        try JSONEncoder().encode(StoreFile(events: try Self.italianAccounts(3)))
            .write(to: URL(fileURLWithPath: cli.path("run.json")))
        #expect(try cli.run(["import", cli.path("run.json")]).status == 0)
        try FileManager.default.copyItem(atPath: cli.path("store.sqlite"), toPath: cli.path("unrecorded.sqlite"))

        let out = cli.path("out")
        let arguments = [
            "invoices", "run", "--period", "2026-02", "--out", out, "--today", "2026-02-01", "--jobs", "2",
        ]
        #expect(try cli.run(arguments).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names.filter { $0.hasSuffix(".xml") }.count == 3, "\(names)")
        let written = try names.map { try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent($0)) }
        // One file's bytes are not its invoice's: the run that records it writes it again.
        let damaged = URL(fileURLWithPath: out).appendingPathComponent(
            try #require(names.last { $0.hasSuffix(".xml") })
        )
        try Data("<not-a-fattura/>".utf8).write(to: damaged)

        cli.environment["LEDGERPRINT_STORE"] = cli.path("unrecorded.sqlite")
        let resumed = try cli.run(arguments)
        #expect(resumed.status == 0, "\(resumed.error)")
        #expect(resumed.output.contains("wrote 3 FatturaPA files (0 already written)"), "\(resumed.output)")
        #expect(resumed.output.contains("re-wrote \(damaged.lastPathComponent)"), "\(resumed.output)")
        let again = try names.map { try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent($0)) }
        #expect(again == written, "the files differ from the first run's")

        let index = try SQLiteStore(path: cli.path("unrecorded.sqlite")).printedDocuments()
        let recorded = Dictionary(index.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        #expect(index.count == names.count, "\(index.map(\.path))")
        for (name, data) in zip(names, again) {
            let path = URL(fileURLWithPath: out).appendingPathComponent(name).path
            #expect(recorded[path] == SHA256.hex(data), "\(name) is not in the printed index as it is")
        }
        let third = try cli.run(arguments)
        #expect(third.output.contains("wrote 0 FatturaPA files (3 already written)"), "\(third.output)")
    }

    /// A customer whose name loses a letter in Latin-1 is the one warning of a run, and printing
    /// its XML names the letter.
    @Test func aRunWarnsOnlyOfTheFileWhoseCustomerNameLostALetter() throws {
        let cli = try CLI()
        defer { cli.remove() }
        var events = try Self.italianAccounts(2)
        let opening = try #require(
            events.firstIndex {
                if case .openAccount = $0.action { return true } else { return false }
            }
        )
        guard case .openAccount(var account) = events[opening].action else { return }
        account.name = "Łódź Szkolenia S.r.l."
        events[opening] = StoreEvent(
            date: events[opening].date,
            actor: events[opening].actor,
            action: .openAccount(account)
        )
        try JSONEncoder().encode(StoreFile(events: events)).write(to: URL(fileURLWithPath: cli.path("run.json")))
        #expect(try cli.run(["import", cli.path("run.json")]).status == 0)

        let out = cli.path("out")
        let run = try cli.run(["invoices", "run", "--period", "2026-02", "--out", out, "--today", "2026-02-01"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("wrote 2 FatturaPA files (0 already written)"), "\(run.output)")
        #expect(
            run.error.contains("warning: 1 FatturaPA files have characters outside Latin-1 replaced"),
            "\(run.error)"
        )

        var warnings: [String] = []
        let listing = try cli.run(["invoices", "list", "--period", "2026-02", "--format", "csv"]).output
        let numbers = listing.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first }
        #expect(numbers.count == 2, "\(listing)")
        for number in numbers.map(String.init) {
            let file = cli.path(number.replacingOccurrences(of: "/", with: "-") + ".xml")
            let printed = try cli.run(["invoices", "print", number, "--format", "xml", "-o", file])
            #expect(printed.status == 0, "\(printed.error)")
            warnings += printed.error.split(separator: "\n").map(String.init)
        }
        // Ł and ź of one invoice; nothing for the em dash both invoices' lines have.
        #expect(warnings.count == 2, "\(warnings)")
        #expect(warnings.contains { $0.contains("Denominazione: 'ź' (U+017A) written as 'z'") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("Denominazione: 'Ł' (U+0141) written as 'L'") }, "\(warnings)")
    }
}
