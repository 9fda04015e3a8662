import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import PostgresStore
import Testing

/// Issue 21's test of month-end runs shared by workers: three `ledgerprint invoices run --worker`
/// processes on one PostgreSQL store, one killed with SIGKILL in the middle of a batch.
@Suite("Month-end runs shared by workers")
struct WorkerRunTests {
    /// Renewal dates of the period's subscriptions: three groups, so that numbers must follow dates
    /// across workers.
    static let purchaseDays = ["2026-01-05", "2026-01-12", "2026-01-20"]
    static let perDay = 12

    /// A store with `perDay` Italian self-service subscriptions bought on each of ``purchaseDays``.
    static func history() throws -> Data {
        let samples = try JSONDecoder().decode(
            StoreFile.self,
            from: Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        )
        var events = Array(samples.events.prefix(2))
        for (index, day) in purchaseDays.enumerated() {
            events = try SyntheticHistory.accounts(
                perDay,
                prefix: "D\(index + 1)",
                tier: "standard",
                on: CalendarDate(day),
                after: events
            ).map(RunEInvoiceTests.withPartitaIVA)
        }
        return try JSONEncoder().encode(StoreFile(events: events))
    }

    /// The invoice PDFs in `folder`, without temporary files.
    static func pdfs(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("invoice_") && $0.hasSuffix(".pdf") }
    }

    @Test func threeWorkersOneKilledMidBatchIssueAndPrintEveryRenewalOnce() throws {
        let (cli, address) = try PostgresCLITests.postgresCLI()
        defer { cli.remove() }
        try Self.history().write(to: URL(fileURLWithPath: cli.path("history.json")))
        let imported = try cli.run(["import", cli.path("history.json")])
        #expect(imported.status == 0, "\(imported.error)")
        let store = try PostgresStore(address)
        let before = try store.invoices().count
        let due = try store.dueRenewals(through: CalendarDate("2026-02-28"), kind: nil)
        #expect(due.count == Self.purchaseDays.count * Self.perDay)

        // Each worker prints into a folder of its own; the printed index says where each file is.
        let folders = (1...3).map { cli.path("out-\($0)") }
        let workers = try folders.map { folder in
            try cli.start([
                "invoices", "run", "--period", "2026-02", "--today", "2026-02-28", "--worker",
                "--out", folder, "--batch", "3", "--lease", "2", "--jobs", "1",
            ])
        }
        // The first worker is killed as soon as its first PDF is written: the other two of its
        // batch are still to print.
        let deadline = Date().addingTimeInterval(60)
        while Self.pdfs(in: folders[0]).isEmpty && workers[0].isRunning && Date() < deadline { usleep(5_000) }
        kill(workers[0].processIdentifier, SIGKILL)
        workers[0].waitUntilExit()
        #expect(workers[0].terminationReason == .uncaughtSignal, "the first worker finished before it was killed")
        for worker in workers.dropFirst() {
            while worker.isRunning && Date() < deadline { usleep(20_000) }
            if worker.isRunning { kill(worker.processIdentifier, SIGKILL) }
            worker.waitUntilExit()
            #expect(worker.terminationReason == .exit && worker.terminationStatus == 0)
        }

        // The killed worker had renewed a batch it did not finish printing, and the others took it.
        let status = try cli.run(["invoices", "run", "--period", "2026-02", "--status"])
        #expect(status.status == 0, "\(status.error)")
        #expect(
            status.output.contains("run 2026-02: finished; 36 subscriptions due, 36 renewed (0 failed), 36 printed")
        )
        let killedName = "\(ProcessInfo.processInfo.hostName):\(workers[0].processIdentifier)"
        let killed = try #require(
            status.output.split(separator: "\n").first { $0.hasPrefix(killedName + " ") },
            "\(status.output)"
        ).split(separator: " ")
        let (renewed, printed) = (Int(killed[1]) ?? 0, Int(killed[3]) ?? 0)
        #expect(renewed > printed, "the killed worker was not mid-batch: \(status.output)")

        // Every due subscription has exactly one invoice of the period, numbers gapless and in date order.
        let invoices = try store.invoices()
        let february = try CalendarDate("2026-02-01")
        let renewals = invoices.filter { $0.issueDate >= february }
        #expect(invoices.count == before + due.count)
        #expect(Set(renewals.compactMap(\.subscriptionID)) == Set(due.map(\.subscriptionID)))
        #expect(renewals.count == due.count)
        let sequences = invoices.compactMap { $0.number?.sequence }.sorted()
        #expect(sequences == Array(1...invoices.count), "numbers are not gapless")
        let byNumber = invoices.sorted { ($0.number?.sequence ?? 0) < ($1.number?.sequence ?? 0) }
        #expect(
            zip(byNumber, byNumber.dropFirst()).allSatisfy { $0.issueDate <= $1.issueDate },
            "numbers out of date order"
        )
        #expect(Set(renewals.map(\.issueDate.description)) == ["2026-02-05", "2026-02-12", "2026-02-20"])

        // Each invoice's FatturaPA file was written beside its PDF, by whichever worker printed it.
        let xmlNames = Set(
            folders.flatMap { folder in
                ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }
            }
        )
        #expect(xmlNames.count == renewals.count, "\(xmlNames.count) FatturaPA files for \(renewals.count) invoices")

        // The index names a whole PDF for every invoice, wherever it was printed.
        let index = try store.printedDocuments(kind: "invoice")
        for invoice in renewals {
            let number = try #require(invoice.number).description
            let entries = index.filter { $0.reference == number && $0.format == "pdf" }
            #expect(!entries.isEmpty, "invoice \(number) is not in the printed index")
            for entry in entries {
                let data = try Data(contentsOf: URL(fileURLWithPath: entry.path))
                #expect(data.starts(with: Data("%PDF-".utf8)), "\(entry.path)")
                let tail = String(decoding: data.suffix(16), as: UTF8.self)
                #expect(tail.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("%%EOF"), "\(entry.path)")
                #expect(SHA256.hex(data) == entry.sha256, "\(entry.path) is not the file the index recorded")
                let pages = try QPDFJSON(data).json["pages"] as? [Any]
                #expect(pages?.count == 1, "\(entry.path) has \(pages?.count ?? 0) pages")
            }
        }
    }

    @Test func aSharedRunIsRefusedOnSQLiteInOneLine() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        for option in ["--worker", "--status"] {
            let refused = try cli.run(["invoices", "run", "--period", "2025-03", option, "--out", cli.path("out")])
            #expect(refused.status == 69)
            #expect(refused.error.split(separator: "\n").count == 1, "\(refused.error)")
            #expect(refused.error.contains("\(option) shares a run among processes on a PostgreSQL store"))
            #expect(!FileManager.default.fileExists(atPath: cli.path("out")))
        }
    }
}
