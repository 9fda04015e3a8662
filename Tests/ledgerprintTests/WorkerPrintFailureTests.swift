import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import PostgresStore
import Testing

/// A worker of a shared month-end run whose printing fails (issue 21, session 13): what it could not
/// print is left for another worker, and every worker's summary reaches the Billing Center's /runs.
@Suite("A worker whose printing fails")
struct WorkerPrintFailureTests {
    /// The PDF's file name `invoices run` gives invoice `number` of `account` (`Printing.invoiceFileName`):
    /// any character but a letter, a digit, `-`, `_` or `.` written `-`.
    static func fileName(_ number: DocumentNumber, _ account: String) -> String {
        let name = "invoice_\(number)_\(account)"
        let safe = name.unicodeScalars.map { scalar in
            scalar.isASCII
                && (Character(scalar).isLetter || Character(scalar).isNumber || "-_.".contains(Character(scalar)))
                ? String(scalar) : "-"
        }
        return safe.joined() + ".pdf"
    }

    @Test func whatAWorkerFailedToPrintIsPrintedByTheNextWorkerAndBothRecordTheirRun() throws {
        let (cli, address) = try PostgresCLITests.postgresCLI()
        defer { cli.remove() }
        try WorkerRunTests.history().write(to: URL(fileURLWithPath: cli.path("history.json")))
        let imported = try cli.run(["import", cli.path("history.json")])
        #expect(imported.status == 0, "\(imported.error)")
        let store = try PostgresStore(address)
        let last = try #require(try store.invoices().compactMap(\.number).max())
        let due = try store.dueRenewals(through: CalendarDate("2026-02-28"), kind: nil)
        // Whatever number the run gives account D2-00003's renewal, its PDF's name is taken by a
        // folder in the first worker's output folder: that one file cannot be written.
        let blocked = "D2-00003"
        let first = cli.path("out-first")
        for sequence in (last.sequence + 1)...(last.sequence + due.count) {
            let number = try DocumentNumber(series: .invoice, year: 2026, sequence: sequence, format: last.format)
            try FileManager.default.createDirectory(
                atPath: first + "/" + Self.fileName(number, blocked),
                withIntermediateDirectories: true
            )
        }
        let arguments = ["invoices", "run", "--period", "2026-02", "--today", "2026-02-28", "--worker", "--batch", "5"]
        let failed = try cli.run(arguments + ["--out", first])
        #expect(failed.status == 3, "\(failed.output)\n\(failed.error)")
        #expect(failed.error.contains("1 subscription(s) are left unprinted for another worker"), "\(failed.error)")
        #expect(failed.error.contains("run 'invoices run --period 2026-02 --worker' again"), "\(failed.error)")
        let halfway = try cli.run(["invoices", "run", "--period", "2026-02", "--status"])
        #expect(halfway.output.contains("36 subscriptions due, 36 renewed (0 failed), 35 printed"), "\(halfway.output)")

        let second = cli.path("out-second")
        let rerun = try cli.run(arguments + ["--out", second])
        #expect(rerun.status == 0, "\(rerun.output)\n\(rerun.error)")
        #expect(rerun.output.contains("issued 0 invoices, printed 1 in 1 batches"), "\(rerun.output)")
        let status = try cli.run(["invoices", "run", "--period", "2026-02", "--status"])
        #expect(
            status.output.contains("run 2026-02: finished; 36 subscriptions due, 36 renewed (0 failed), 36 printed"),
            "\(status.output)"
        )
        // The blocked invoice is whole in the second worker's folder, and every renewal is in the index.
        let renewal = try #require(
            try store.invoices().first { $0.customer.accountID == blocked && $0.issueDate.month == 2 }
        )
        let number = try #require(renewal.number)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: second + "/" + Self.fileName(number, blocked)))
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        let index = Set(try store.printedDocuments(kind: "invoice").filter { $0.format == "pdf" }.map(\.reference))
        let february = try store.invoices().filter { $0.issueDate.month == 2 }.compactMap(\.number?.description)
        #expect(february.count == due.count)
        #expect(Set(february).isSubset(of: index), "an invoice of the run was never printed")

        // Each worker recorded what it did, which /runs shows.
        let runs = try store.invoiceRuns().filter { $0.period == "2026-02" }
        #expect(runs.count == 2)
        let byFolder = Dictionary(runs.map { ($0.folder, $0) }, uniquingKeysWith: { one, _ in one })
        #expect(byFolder[first]?.issued == due.count)
        #expect(byFolder[first]?.printed == due.count - 1)
        #expect(byFolder[first]?.failures.count == 1)
        #expect(byFolder[first]?.failures.first?.contains(number.description) == true)
        #expect(byFolder[second]?.issued == 0)
        #expect(byFolder[second]?.printed == 1)
        #expect(byFolder[second]?.failures.isEmpty == true)
    }
}
