import Billing
import Foundation
import GRDB
import HistoryStore
import Testing

/// The store's append-only triggers, the numbering counter's included, are checked before every
/// change and restored by `init` (issue 25, D13).
@Suite("Store protection: triggers checked and restored")
struct StoreProtectionTests {
    static func issuedStore(_ fixtures: StoreFixtures) throws -> SQLiteStore {
        let store = try fixtures.newStore()
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 2)))])
        return store
    }

    static func run(_ store: SQLiteStore, on date: String) throws {
        try store.apply(
            StoreEvent(
                date: StoreFixtures.date(date),
                actor: StoreFixtures.representative,
                action: .runInvoices(kind: nil)
            )
        )
    }

    @Test(arguments: [
        ("DELETE FROM numbering", "numbering counters are never removed"),
        ("UPDATE numbering SET last = last - 1", "numbering counters only go forward"),
        ("UPDATE numbering SET year = year + 1", "numbering counters only go forward"),
    ])
    func d13TheNumberingCounterCannotGoBackOrDisappear(sql: String, message: String) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.issuedStore(fixtures)
        let before = try StoreFixtures.sequences(store, year: 2026)
        #expect(!before.isEmpty)
        let raw = try DatabaseQueue(path: fixtures.path())
        defer { try? raw.close() }
        do {
            try raw.write { db in try db.execute(sql: sql) }
            Issue.record("'\(sql)' succeeded")
        } catch let error as DatabaseError {
            #expect(error.message?.contains(message) == true, "\(error)")
        }
        try Self.run(store, on: "2026-03-01")
        let after = try StoreFixtures.sequences(store, year: 2026)
        #expect(after == Array(1...after.count), "no number reused or skipped: \(after)")
    }

    @Test func d13AStoreMissingATriggerRefusesEveryChangeUntilInitRestoresIt() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.issuedStore(fixtures)
        let invoices = try store.invoices().count
        let raw = try DatabaseQueue(path: fixtures.path())
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER numbering_no_delete")
            try db.execute(sql: "DROP TRIGGER invoices_no_update")
            try db.execute(
                sql: "CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices WHEN 0 BEGIN SELECT 1; END"
            )
        }
        try raw.close()
        for reopened in [store, try SQLiteStore(path: fixtures.path())] {
            do {
                try Self.run(reopened, on: "2026-03-01")
                Issue.record("a store without its triggers issued invoices")
            } catch let error as StoreError {
                #expect(
                    error.description
                        == "\(fixtures.path()) has lost the protection of its issued records (trigger"
                        + " invoices_no_update altered, trigger numbering_no_delete missing): nothing was changed;"
                        + " run 'ledgerprint init --store \(fixtures.path())' to restore it"
                )
            }
        }
        #expect(try store.invoices().count == invoices)
        #expect(try store.restoreProtection() == ["invoices_no_update altered", "numbering_no_delete missing"])
        #expect(try store.restoreProtection() == [])
        let again = try DatabaseQueue(path: fixtures.path())
        defer { try? again.close() }
        #expect(throws: DatabaseError.self) { try again.write { db in try db.execute(sql: "DELETE FROM numbering") } }
        #expect(throws: DatabaseError.self) {
            try again.write { db in try db.execute(sql: "UPDATE invoices SET grand_total = 0") }
        }
        try Self.run(store, on: "2026-03-01")
        #expect(try store.invoices().count > invoices)
    }

    /// A trigger written again with other spacing and a final semicolon (by another tool, or by hand)
    /// protects as before: the check compares texts made uniform only when they differ, and must not
    /// refuse such a store — while one that does something else is still refused.
    @Test func aTriggerWrittenWithOtherSpacingStillProtectsButAnotherOneIsRefused() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.issuedStore(fixtures)
        let invoices = try store.invoices().count
        let raw = try DatabaseQueue(path: fixtures.path())
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER invoices_no_delete")
            try db.execute(
                sql: """
                    CREATE TRIGGER  invoices_no_delete
                      BEFORE DELETE ON invoices\tBEGIN
                        SELECT RAISE(ABORT, 'invoices are append-only: issued records never change');
                      END;
                    """
            )
        }
        try Self.run(store, on: "2026-03-01")
        #expect(try store.invoices().count > invoices)
        #expect(try store.restoreProtection() == [])
        #expect(throws: DatabaseError.self) { try raw.write { db in try db.execute(sql: "DELETE FROM invoices") } }
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER invoices_no_delete")
            try db.execute(
                sql: """
                    CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
                    BEGIN SELECT RAISE(ABORT, 'invoices are append-only'); END
                    """
            )
        }
        try raw.close()
        #expect(throws: StoreError.self) { try Self.run(store, on: "2026-04-01") }
        #expect(try store.restoreProtection() == ["invoices_no_delete altered"])
    }
}
