import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import PostgresStore
import Testing

/// A worker's round trips to PostgreSQL (issue 21, session 14): each statement waits for the
/// server, which on a small machine shares the worker's cores, so a batch's printing is one read
/// and one write transaction, not several transactions for every invoice.
@Suite("A worker's round trips to PostgreSQL")
struct WorkerRoundTripTests {
    @Test func aWorkerSendsAFewStatementsAnInvoiceAndIndexesEveryFileItPrints() throws {
        let (cli, address) = try PostgresCLITests.postgresCLI()
        defer { cli.remove() }
        try WorkerRunTests.history().write(to: URL(fileURLWithPath: cli.path("history.json")))
        let imported = try cli.run(["import", cli.path("history.json")])
        #expect(imported.status == 0, "\(imported.error)")
        let out = cli.path("out")
        let run = try cli.run([
            "invoices", "run", "--period", "2026-02", "--today", "2026-02-28", "--worker", "--batch", "12",
            "--jobs", "1", "--out", out,
        ])
        #expect(run.status == 0, "\(run.output)\n\(run.error)")
        #expect(run.output.contains("issued 36 invoices, printed 36 in 3 batches"), "\(run.output)")
        // "worker HOST:PID: 412 statements sent to PostgreSQL, 11.4 an invoice"
        let line = try #require(
            run.output.split(separator: "\n").first { $0.contains("statements sent to PostgreSQL") }
        )
        let perInvoice = try #require(
            line.split(separator: ",").last?.split(separator: " ").first.flatMap { Double($0) }
        )
        // Recording each printed file in a transaction of its own and reading each invoice in four
        // was 33 round trips an invoice; a batch's printing now costs a handful for the batch.
        #expect(perInvoice < 16, "\(line)")

        // Every invoice of the run is in the printed index, its PDF and its FatturaPA file, each
        // entry naming a file that is there with the recorded SHA-256.
        let store = try PostgresStore(address)
        let february = Set(try store.invoices().filter { $0.issueDate.month == 2 }.compactMap(\.number?.description))
        #expect(february.count == 36)
        let entries = try store.printedDocuments(kind: "invoice").filter { february.contains($0.reference) }
        #expect(Set(entries.filter { $0.format == "pdf" }.map(\.reference)) == february)
        #expect(Set(entries.filter { $0.format == "xml" }.map(\.reference)) == february)
        for entry in entries {
            let data = try Data(contentsOf: URL(fileURLWithPath: entry.path))
            #expect(SHA256.hex(data) == entry.sha256, "\(entry.path)")
            #expect(data.count == entry.size)
        }
    }
}
