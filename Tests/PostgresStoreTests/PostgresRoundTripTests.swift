import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// A worker's batch costs a few round trips, not a few for every invoice (issue 21, session 14).
///
/// Its printed-index entries and claims are one write transaction, what it prints is one read.
/// Counted with the connection's own count of statements sent (each one round trip).
@Suite(needsPostgres) struct PostgresRoundTripTests {
    /// A store with `count` subscriptions renewed in one claimed batch of the run `2026-02`.
    static func issuedBatch(_ count: Int) throws -> (PostgresStore, ClaimedBatch, [ClaimOutcome]) {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        try store.importFiles(try PostgresPreparedStatementTests.accounts(count, prefix: "RT", first: true))
        let through = try CalendarDate("2026-02-28")
        try store.addClaims(run: "2026-02", due: try store.dueRenewals(through: through, kind: nil))
        let batch = try store.claimBatch(run: "2026-02", worker: "test:1", batch: "test:1#1", size: count, lease: 60)
        #expect(batch.claims.count == count)
        let outcomes = try store.issueClaims(run: "2026-02", worker: "test:1", batch: batch, through: through)
        #expect(outcomes.allSatisfy { $0.failure == nil && $0.invoiceNumbers.count == 1 }, "\(outcomes)")
        return (store, batch, outcomes)
    }

    @Test func aBatchsPrintedIndexAndClaimsAreRecordedInOneTransactionWhateverItsSize() throws {
        let (store, batch, outcomes) = try Self.issuedBatch(30)
        // A PDF and a FatturaPA file for each invoice: 60 entries.
        let entries = outcomes.flatMap { outcome in
            ["pdf", "xml"].map { format in
                PrintedDocument(
                    kind: "invoice",
                    reference: outcome.invoiceNumbers[0],
                    accountID: format == "pdf" ? outcome.accountID : nil,
                    format: format,
                    sha256: String(repeating: format == "pdf" ? "a" : "b", count: 64),
                    size: 1234,
                    templateVersion: "test \"quoted\" \\ version",
                    printedAt: "2026-02-28T10:00:00Z",
                    path: "/out/\(outcome.invoiceNumbers[0]), \(format)"
                )
            }
        }
        let before = store.statementsSent
        try store.markPrinted(run: "2026-02", batch: batch, worker: "test:1", recording: entries)
        // BEGIN, the protection check, the INSERT (prepared the first time: one more), the claims'
        // UPDATE, COMMIT. Recorded entry by entry, it was five round trips for each of the 60.
        #expect(store.statementsSent - before <= 6, "\(store.statementsSent - before) statements for one batch")
        #expect(Set(try store.printedDocuments(kind: "invoice")) == Set(entries))
        let status = try store.runStatus(run: "2026-02")
        #expect(status.printed == 30)
    }

    @Test func aBatchThatRecordsEntriesIsRefusedWhenAProtectiveTriggerIsGone() throws {
        let (store, batch, outcomes) = try Self.issuedBatch(3)
        let entry = PrintedDocument(
            kind: "invoice",
            reference: outcomes[0].invoiceNumbers[0],
            accountID: outcomes[0].accountID,
            format: "pdf",
            sha256: String(repeating: "c", count: 64),
            size: 1,
            templateVersion: "test",
            printedAt: "2026-02-28T10:00:00Z",
            path: "/out/one.pdf"
        )
        _ = try store.transaction { transaction in
            try transaction.execute("ALTER TABLE invoices DISABLE TRIGGER invoices_append_only")
        }
        #expect(throws: StoreError.self) {
            try store.markPrinted(run: "2026-02", batch: batch, worker: "test:1", recording: [entry])
        }
        #expect(try store.printedDocuments(kind: "invoice").isEmpty)
        #expect(try store.runStatus(run: "2026-02").printed == 0, "nothing of the refused transaction is kept")
    }

    @Test func whatABatchPrintsIsReadInOneTransactionOfAFewStatements() throws {
        let (store, _, outcomes) = try Self.issuedBatch(30)
        let numbers = try outcomes.map { try DocumentNumber(parsing: $0.invoiceNumbers[0]) }
        let before = store.statementsSent
        let read = try store.invoicesToPrint(numbers)
        // BEGIN, three queries (each prepared the first time), COMMIT; invoice by invoice it was four
        // read transactions each.
        #expect(store.statementsSent - before <= 8, "\(store.statementsSent - before) statements for 30 invoices")
        for number in numbers {
            let invoice = try store.invoice(number)
            #expect(read.invoices[number] == invoice)
            #expect(read.vendors[number] == (try store.issuedVendor(number)))
            let account = try store.account(invoice.customer.accountID)
            #expect(read.accounts[account.id]?.eInvoicing == account.eInvoicing)
        }
        #expect(read.invoices.count == 30)
        #expect(throws: StoreError.self) {
            try store.invoicesToPrint([try DocumentNumber(series: .invoice, year: 2026, sequence: 9_999)])
        }
    }
}
