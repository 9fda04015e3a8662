import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// The tables of the runs' results and the users' log on PostgreSQL (migration `v7-pg4-invoice-runs`
/// and `pg1-tables`): append-only, as SQLite's triggers keep them.
@Suite(needsPostgres) struct PostgresRecordTablesTests {
    @Test(arguments: [
        "UPDATE invoice_runs SET issued = 0", "DELETE FROM invoice_runs", "TRUNCATE invoice_runs",
        "UPDATE user_events SET actor = 'someone'", "DELETE FROM user_events", "TRUNCATE user_events",
    ])
    func theRunsResultsAndTheUsersLogNeverChange(statement: String) throws {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        try store.recordInvoiceRun(
            InvoiceRunSummary(
                startedAt: "2026-03-01T02:00:00Z",
                finishedAt: "2026-03-01T02:01:00Z",
                period: "2026-02",
                kind: nil,
                through: try CalendarDate("2026-02-28"),
                issued: 3,
                printed: 3,
                skipped: 0,
                failures: [],
                folder: "out",
                actor: "system"
            )
        )
        try store.addUser(
            email: "rep@vendor.example",
            name: "Rep",
            role: .representative,
            accountIDs: [],
            by: .system,
            at: Date(timeIntervalSince1970: 1_780_000_000)
        )
        do {
            _ = try store.transaction { transaction in try transaction.execute(statement) }
            Issue.record("\(statement) was allowed")
        } catch {
            #expect(error.description.hasSuffix("are append-only: issued records never change"), "\(error)")
        }
        #expect(try store.invoiceRuns().map(\.issued) == [3])
        #expect(try store.userEvents(email: nil).map(\.kind) == ["user-added"])
    }
}
