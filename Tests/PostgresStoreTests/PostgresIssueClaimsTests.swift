import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// Issuing a worker's batch (`issueClaims`, session 13): the renewals run without a savepoint each,
/// and a batch in which one fails is rolled back and issued again renewal by renewal.
@Suite(needsPostgres) struct PostgresIssueClaimsTests {
    @Test func aBatchWhereOneRenewalIsRefusedIssuesTheOthersWithGaplessNumbersAndRecordsTheRefusal() throws {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        try store.importFiles(try PostgresPreparedStatementTests.accounts(5, prefix: "CL", first: true))
        // The database refuses any new invoice of the third account: its renewal fails in the
        // middle of the batch, after it has taken its number.
        try database.connection().execute(
            "ALTER TABLE invoices ADD CONSTRAINT test_refuses_cl3 CHECK (account_id <> 'CL-00003') NOT VALID"
        )
        let before = try store.invoices().count
        let through = try CalendarDate("2026-02-28")
        try store.addClaims(run: "2026-02", due: try store.dueRenewals(through: through, kind: nil))
        let batch = try store.claimBatch(run: "2026-02", worker: "test:1", batch: "test:1#1", size: 10, lease: 60)
        #expect(batch.claims.count == 5)

        let outcomes = try store.issueClaims(run: "2026-02", worker: "test:1", batch: batch, through: through)
        let refused = outcomes.filter { $0.failure != nil }
        #expect(refused.map(\.accountID) == ["CL-00003"])
        #expect(refused.first?.failure?.contains("test_refuses_cl3") == true, "\(refused)")
        #expect(refused.first?.invoiceNumbers.isEmpty == true)
        #expect(outcomes.filter { $0.failure == nil }.map(\.invoiceNumbers.count) == [1, 1, 1, 1])
        // Nothing of the refused renewal is kept, and no number was lost to it.
        let invoices = try store.invoices()
        #expect(invoices.count == before + 4)
        #expect(invoices.compactMap { $0.number?.sequence }.sorted() == Array(1...invoices.count))
        #expect(!invoices.contains { $0.customer.accountID == "CL-00003" && $0.issueDate.month == 2 })
        let status = try store.runStatus(run: "2026-02")
        #expect(status.issued == 5)
        #expect(status.failed == 1)
        #expect(status.invoices == 4)
    }
}
