import Billing
import Foundation
import GRDB
import HistoryStore
import LedgerprintTestSupport
import Testing

/// A store written by the `v1` schema (records as JSON in `data` columns, `Fixtures/store-v1.sqlite`)
/// is migrated on open to real columns: every record reads back as it was, or nothing changes.
@Suite("Migration of a v1 store")
struct MigrationTests {
    static let fixture = repositoryRoot.appendingPathComponent("Tests/HistoryStoreTests/Fixtures/store-v1.sqlite")

    /// A copy of the fixture in a temporary folder: opening a store migrates it.
    static func copyOfFixture() throws -> (folder: URL, path: String) {
        let folder = try temporaryFolder("migration")
        let path = folder.appendingPathComponent("store.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        return (folder, path)
    }

    /// The `v1` records of `table`, decoded from their JSON by Foundation, as v1 wrote them.
    static func v1Records<T: Decodable>(
        _ type: T.Type,
        _ table: String,
        _ path: String,
        order: String = "rowid"
    )
        throws -> [T]
    {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT data FROM \(table) ORDER BY \(order)").map {
                try JSONDecoder().decode(T.self, from: Data($0.utf8))
            }
        }
    }

    @Test func everyRecordOfAV1StoreReadsBackAsItWasWritten() throws {
        let (folder, path) = try Self.copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let invoices = try Self.v1Records(Invoice.self, "invoices", path, order: "year, sequence")
        let notes = try Self.v1Records(CreditNote.self, "credit_notes", path, order: "year, sequence")
        let accounts = try Self.v1Records(Account.self, "accounts", path, order: "id")
        let subscriptions = try Self.v1Records(Subscription.self, "subscriptions", path, order: "id")
        let payments = try Self.v1Records(Payment.self, "payments", path, order: "received_on, rowid")
        let credits = try Self.v1Records(AccountCredit.self, "account_credits", path, order: "date, rowid")
        let requests = try Self.v1Records(W9Request.self, "w9_requests", path, order: "id")
        let quotes = try Self.v1Records(Quote.self, "quotes", path, order: "id")
        #expect(invoices.count == 63 && notes.count == 1 && accounts.count == 6)
        #expect(!payments.isEmpty && !credits.isEmpty && !requests.isEmpty && !quotes.isEmpty)
        #expect(accounts.contains { !$0.purchaseOrders.isEmpty })

        let store = try SQLiteStore(path: path)
        #expect(try store.invoices() == invoices)
        // `v4-ops-docs-credit-notes` records what a note credited beyond what was owed on its
        // invoice: the fixture's one note voids a paid invoice, so all of it is account credit.
        #expect(
            try store.creditNotes()
                == notes.map { note in
                    var note = note
                    note.accountCredit = note.grandTotal
                    return note
                }
        )
        #expect(try accounts.map { try store.account($0.id) } == accounts)
        #expect(try subscriptions.map { try store.subscription($0.id) } == subscriptions)
        #expect(try store.w9Requests() == requests)
        #expect(try accounts.flatMap { try store.quotes(ofAccount: $0.id) } == quotes)
        let far = try CalendarDate("9999-01-01")
        let inputs = try accounts.map { try store.ledgerInputs(ofAccount: $0.id, before: far) }
        #expect(Set(inputs.flatMap(\.payments)) == Set(payments))
        #expect(Set(inputs.flatMap(\.credits)) == Set(credits))
        #expect(inputs.flatMap(\.payments).count == payments.count)
        #expect(try store.printedDocuments().count == 75)
    }

    @Test func aMigratedStoreKeepsNumberingAndItsRecordsStayAppendOnly() throws {
        let (folder, path) = try Self.copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: path)
        let before = try store.invoices()
        let last = try #require(before.last?.number)
        let result = try store.apply(
            StoreEvent(
                date: CalendarDate("2027-01-31"),
                actor: .system,
                action: .runInvoices(kind: .selfService)
            )
        )
        let issued = try #require(result.invoices.first?.number)
        #expect(issued.year == 2027 && issued.sequence == 1, "a new year starts at 1; \(last) was the last of 2026")
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: "DELETE FROM invoices") } }
        #expect(try store.invoices().count == before.count + result.invoices.count)
    }

    @Test func aV1StoreWithOneUnreadableRecordIsNotMigratedAtAll() throws {
        let (folder, path) = try Self.copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try DatabaseQueue(path: path)
        // The v1 triggers forbid changing an invoice; a broken subscription shows the same thing.
        try queue.write { db in
            try db.execute(
                sql: "UPDATE subscriptions SET data = '{\"id\": 1}' WHERE id = (SELECT MIN(id) FROM subscriptions)"
            )
        }
        try queue.close()
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.description.contains("a subscriptions_v1 record of the v1 store cannot be read at $") == true)
        let after = try DatabaseQueue(path: path)
        defer { try? after.close() }
        let tables = try after.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(!tables.contains { $0.hasSuffix("_v1") }, "the renamed tables were rolled back: \(tables)")
        let v1Columns = try after.read { db in try db.columns(in: "invoices").map(\.name) }
        #expect(v1Columns.contains("data"), "the invoices are still in their v1 form")
        #expect(try after.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoices") } == 63)
    }
}
