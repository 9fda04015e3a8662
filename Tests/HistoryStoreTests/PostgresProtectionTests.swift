import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// On PostgreSQL as on SQLite (`StoreProtectionTests`), the append-only triggers are checked before
/// every change: one dropped, disabled or emptied is refused, naming it, and `init` puts it back.
@Suite("PostgreSQL protection: triggers checked before writing and restored")
struct PostgresProtectionTests {
    @Test(arguments: [
        (["DROP TRIGGER invoices_append_only ON invoices"], "invoices_append_only missing"),
        (["ALTER TABLE events DISABLE TRIGGER events_append_only"], "events_append_only disabled"),
        (["DROP TRIGGER numbering_no_truncate ON numbering"], "numbering_no_truncate missing"),
        // A table made append-only by a later migration is checked and restored with the rest.
        (["DROP TRIGGER invoice_runs_append_only ON invoice_runs"], "invoice_runs_append_only missing"),
        (
            [
                """
                CREATE OR REPLACE FUNCTION ledgerprint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RETURN OLD; END $$
                """
            ],
            "function ledgerprint_append_only altered"
        ),
        (
            [
                "DROP TRIGGER payments_append_only ON payments",
                "CREATE TRIGGER payments_append_only BEFORE INSERT ON payments FOR EACH ROW "
                    + "EXECUTE FUNCTION ledgerprint_append_only()",
            ],
            "payments_append_only altered"
        ),
    ])
    func aDamagedProtectionIsRefusedNamingItAndInitRestoresIt(sql: [String], damage: String) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(.postgres)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 2)))])
        let events = try RawDatabase.count("events", in: store)
        for statement in sql { try RawDatabase.execute(statement, on: store) }

        let run = StoreEvent(
            date: try StoreFixtures.date("2026-02-01"),
            actor: StoreFixtures.representative,
            action: .runInvoices(kind: nil)
        )
        let error = try #require(throws: StoreError.self) { try store.apply(run) }
        #expect(error == .unprotected(path: store.location, damage: [damage]))
        #expect(error.description.contains("has lost the protection of its issued records (trigger \(damage))"))
        #expect(error.description.contains("run 'ledgerprint init --store postgres://"))
        #expect(!error.description.contains(ThrowAwayPostgres.shared?.password ?? "?"), "the password was shown")
        #expect(try RawDatabase.count("events", in: store) == events, "something was written")
        // Reading still works: the documents are there.
        #expect(try store.invoices().count == 2)

        let postgres = try #require(store as? PostgresStore)
        #expect(try postgres.restoreProtection() == [damage])
        #expect(try postgres.restoreProtection() == [])
        #expect(try store.apply(run).invoices.count == 2)
        #expect(throws: RawSQLError.self) { try RawDatabase.execute("DELETE FROM invoices", on: store) }
    }
}
