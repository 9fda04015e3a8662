import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// The statements the shared logic runs are prepared once per connection (issue 21, session 13):
/// a prepared statement lives on the server only as long as its connection, so every way a
/// connection can end or fail must leave the store preparing again rather than running a name the
/// server does not know.
@Suite(needsPostgres) struct PostgresPreparedStatementTests {
    /// `count` synthetic accounts with a subscription each, after the samples' vendor and plans
    /// when `first`.
    static func accounts(_ count: Int, prefix: String, first: Bool) throws -> [(name: String, data: Data)] {
        let samples = try JSONDecoder().decode(
            StoreFile.self,
            from: Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        )
        let events = try SyntheticHistory.accounts(
            count,
            prefix: prefix,
            tier: "pro",
            on: CalendarDate("2026-01-05"),
            after: first ? Array(samples.events.prefix(2)) : []
        )
        return [("\(prefix).json", try JSONEncoder().encode(StoreFile(events: events)))]
    }

    @Test func aStatementIsPreparedOnceAndThenRunByItsNameOnly() throws {
        let connection = try PostgresTestDatabase().connection()
        let sql = "SELECT CAST($1 AS integer) + 1 AS n"
        let before = connection.statementsSent
        #expect(try connection.executePrepared(sql, [.integer(1)]).value(0, "n") == "2")
        #expect(connection.statementsSent - before == 2, "preparing and running are two round trips the first time")
        #expect(try connection.executePrepared(sql, [.integer(41)]).value(0, "n") == "42")
        #expect(connection.statementsSent - before == 3, "the second time it only runs")
        let name = try #require(connection.prepared[sql])
        let onServer = try connection.execute(
            "SELECT count(*) AS n FROM pg_prepared_statements WHERE name = $1",
            [.text(name)]
        )
        #expect(onServer.value(0, "n") == "1")
    }

    @Test func aStatementFirstPreparedInATransactionThatRolledBackIsStillRunByName() throws {
        let connection = try PostgresTestDatabase().connection()
        let sql = "SELECT CAST($1 AS text) || '!' AS said"
        try connection.execute("BEGIN")
        #expect(try connection.executePrepared(sql, [.text("first")]).value(0, "said") == "first!")
        try connection.execute("ROLLBACK")
        #expect(try connection.executePrepared(sql, [.text("again")]).value(0, "said") == "again!")
    }

    @Test func aStatementThatCouldNotBePreparedInAFailedTransactionIsPreparedAgainNextTime() throws {
        let connection = try PostgresTestDatabase().connection()
        let sql = "SELECT CAST($1 AS integer) * 2 AS twice"
        try connection.execute("BEGIN")
        #expect(throws: PGFailure.self) { try connection.execute("SELECT * FROM no_such_table") }
        // The transaction has failed: the server refuses to prepare anything until it ends.
        let refused = #expect(throws: PGFailure.self) { try connection.executePrepared(sql, [.integer(4)]) }
        #expect(refused?.sqlState == "25P02")
        #expect(connection.prepared[sql] == nil, "a statement the server refused to prepare was named")
        try connection.execute("ROLLBACK")
        #expect(try connection.executePrepared(sql, [.integer(4)]).value(0, "twice") == "8")
    }

    @Test func aStoreOpenedAgainPreparesItsOwnStatementsOnItsNewConnection() throws {
        let database = try PostgresTestDatabase()
        do {
            let first = try PostgresStore(database.address)
            try first.importFiles(try Self.accounts(3, prefix: "FIRST", first: true))
            #expect(try first.connection.withLock { $0.prepared.count } > 10)
        }
        // The first store's connection is closed, and the server forgot its statements with it.
        let again = try PostgresStore(database.address)
        #expect(try again.connection.withLock { $0.prepared.isEmpty })
        try again.importFiles(try Self.accounts(3, prefix: "AGAIN", first: false))
        #expect(try again.accounts().count == 6)
        #expect(try again.connection.withLock { $0.prepared.count } > 10)
    }

    @Test func aConnectionTheServerEndedFailsWithOneMessageAndAStoreOpenedAgainWorks() throws {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        try store.importFiles(try Self.accounts(2, prefix: "BEFORE", first: true))
        let backend = try store.connection.withLock { try $0.execute("SELECT pg_backend_pid() AS pid") }
        let pid = try #require(backend.value(0, "pid"))
        // What a server restart does to a connection, without restarting the server other tests use.
        try database.connection().execute("SELECT pg_terminate_backend(CAST($1 AS integer))", [.text(pid)])
        let lost = #expect(throws: StoreError.self) {
            try store.importFiles(try Self.accounts(2, prefix: "LOST", first: false))
        }
        let message = lost?.description ?? ""
        #expect(!message.contains("\n"))
        #expect(!message.contains("prepared statement"), "a statement of the lost connection was run by name")
        let reopened = try PostgresStore(database.address)
        try reopened.importFiles(try Self.accounts(2, prefix: "AFTER", first: false))
        #expect(try reopened.accounts().map(\.id).sorted().filter { $0.hasPrefix("LOST") }.isEmpty)
        #expect(try reopened.accounts().count == 4)
    }
}
