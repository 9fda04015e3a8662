import Billing
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// The PostgreSQL schema: made by migrations all or nothing, issued records append-only whatever
/// program tries, a database of another program or of a newer Ledgerprint left alone.
@Suite(needsPostgres) struct PostgresSchemaTests {
    @Test func aNewDatabaseGetsEveryTableAndIsMigratedOnce() throws {
        let database = try PostgresTestDatabase()
        _ = try PostgresStore(database.address)
        _ = try PostgresStore(database.address)  // opened again: nothing left to do, nothing done twice
        let tables = try database.tables()
        for table in ["accounts", "subscriptions", "invoices", "credit_notes", "numbering", "events", "settings"] {
            #expect(tables.contains(table), "no table \(table)")
        }
        let applied = try database.connection().execute("SELECT identifier FROM ledgerprint_migrations ORDER BY 1")
        #expect(
            (0..<applied.count).compactMap { applied.value($0, "identifier") }
                == PostgresStore.migrations.map(\.identifier).sorted()
        )
    }

    @Test func aMigrationThatFailsLeavesTheDatabaseAsItWas() throws {
        let database = try PostgresTestDatabase()
        let broken = PostgresMigration(
            identifier: "pg1-test-broken",
            sql: "CREATE TABLE extra (x integer); CREATE TABLE also_extra (x no_such_type)"
        )
        let location = try PostgresLocation(database.address)
        do {
            _ = try PostgresStore(location: location, migrations: PostgresStore.migrations + [broken])
            Issue.record("a broken migration was applied")
        } catch {
            #expect(
                error.description.contains("migration pg1-test-broken failed: type \"no_such_type\" does not exist")
            )
            #expect(error.description.hasSuffix("the database was left as it was"))
            #expect(!error.description.contains(ThrowAwayPostgres.shared?.password ?? "?"))
        }
        // Not even the tables of the migrations before it, nor the list of migrations.
        #expect(try database.tables() == [])
    }

    @Test(arguments: [
        "UPDATE invoices SET total = 1", "DELETE FROM invoices", "TRUNCATE invoices CASCADE",
        "UPDATE events SET actor = 'someone'", "DELETE FROM events",
    ])
    func issuedRecordsAndTheLogNeverChange(statement: String) throws {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        let date = try CalendarDate("2026-03-02")
        try store.transaction { transaction in
            try transaction.insertAccount("ACME-1")
            try transaction.insertInvoice(
                try transaction.allocateNumber(.invoice, year: 2026, date: date),
                date: date,
                account: "ACME-1"
            )
            try transaction.execute(
                "INSERT INTO events(date, actor, account_id, kind, payload) VALUES ($1, 'system', 'ACME-1', 'renew', '{}')",
                [.text(date.description)]
            )
        }
        do {
            _ = try store.transaction { transaction in try transaction.execute(statement) }
            Issue.record("\(statement) was allowed")
        } catch {
            #expect(error.description.hasSuffix("are append-only: issued records never change"))
        }
        let left = try database.connection().execute(
            "SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM events) AS n"
        )
        #expect(left.value(0, "n") == "2")
    }

    @Test(arguments: [
        ("UPDATE numbering SET last = 0", "numbering counters only go forward"),
        ("DELETE FROM numbering", "numbering counters are never removed"),
        ("TRUNCATE numbering", "numbering counters are never removed"),
    ])
    func aNumberingCounterNeverGoesBackNorAway(statement: String, refusal: String) throws {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        let date = try CalendarDate("2026-03-02")
        _ = try store.transaction { transaction in try transaction.allocateNumber(.invoice, year: 2026, date: date) }
        do {
            _ = try store.transaction { transaction in try transaction.execute(statement) }
            Issue.record("\(statement) was allowed")
        } catch {
            #expect(error.description.contains(refusal))
        }
        let next = try store.transaction { transaction in
            try transaction.allocateNumber(.invoice, year: 2026, date: date)
        }
        #expect(next.sequence == 2)
    }

    @Test func aDatabaseMigratedByANewerLedgerprintIsRefused() throws {
        let database = try PostgresTestDatabase()
        _ = try PostgresStore(database.address)
        try database.connection().execute("INSERT INTO ledgerprint_migrations(identifier) VALUES ('v99-future')")
        #expect(
            throws: StoreError.newerVersion(
                path: try PostgresLocation(database.address).description,
                migrations: ["v99-future"]
            )
        ) {
            try PostgresStore(database.address)
        }
    }

    @Test func aDatabaseOfAnotherProgramIsLeftUntouched() throws {
        let database = try PostgresTestDatabase()
        try database.connection().execute("CREATE TABLE orders (id integer)")
        do {
            _ = try PostgresStore(database.address)
            Issue.record("opened another program's database as a store")
        } catch {
            #expect(
                error.description.contains(
                    "is not a Ledgerprint store (its schema has tables of another program (orders…)"
                )
            )
        }
        #expect(try database.tables() == ["orders"])
    }
}
