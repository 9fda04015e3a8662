import Billing
import Foundation
import GRDB
import HistoryStore
import Testing

/// Text the store cannot keep whole is refused, never cut short.
///
/// GRDB binds and reads text as C strings on its own paths, so a NUL character (U+0000) would end
/// the text there: a payment method "Bank␀transfer" would read back as "Bank", silently. Imports
/// and command-line values cannot carry one; a program using the store as a library can.
@Suite("Stored text: a NUL character is refused, not cut off")
struct StoredTextTests {
    /// A store with one account, its subscription and its first invoice.
    static func store(_ fixtures: StoreFixtures) throws -> SQLiteStore {
        let store = try fixtures.newStore()
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 1)))])
        return store
    }

    static func count(_ table: String, _ fixtures: StoreFixtures) throws -> Int {
        let raw = try DatabaseQueue(path: fixtures.path())
        defer { try? raw.close() }
        return try raw.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }

    @Test func aPaymentMethodWithANULIsRefusedAndNothingIsStored() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures)
        let events = try Self.count("events", fixtures)
        let payment = StoreEvent(
            date: try StoreFixtures.date("2026-01-11"),
            actor: StoreFixtures.representative,
            action: .recordPayment(
                paymentID: "PAY-NUL",
                accountID: "ACC-00001",
                invoice: nil,
                amount: try Money(decimal: "10.00", currency: .eur),
                method: "Bank\u{0}transfer"
            )
        )
        let error = try #require(throws: StoreError.self) { try store.apply(payment) }
        #expect(
            error.description
                == "invalid payments.method 'Bank\u{2400}transfer': text without a NUL character (U+0000), which the"
                + " store cannot keep; nothing was changed"
        )
        #expect(try Self.count("payments", fixtures) == 0)
        #expect(try Self.count("events", fixtures) == events)
    }

    @Test func aPrintedDocumentWithANULInItsPathIsRefused() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures)
        let entry = PrintedDocument(
            kind: "invoice",
            reference: "2026/0001",
            accountID: "ACC-00001",
            format: "pdf",
            sha256: String(repeating: "ab", count: 32),
            size: 1_234,
            templateVersion: "1",
            printedAt: "2026-01-11T10:00:00Z",
            path: "out/2026-0001.pdf\u{0}.html"
        )
        let error = try #require(throws: StoreError.self) { try store.recordPrinted(entry) }
        #expect(error.description.hasPrefix("invalid printed_documents.path 'out/2026-0001.pdf\u{2400}.html'"))
        #expect(try store.printedDocuments(kind: nil).isEmpty)
    }

    /// Inside a record's JSON detail a NUL is written escaped (`\u0000`), so it comes back whole.
    @Test func aNULInsideAnAddressComesBackWhole() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures)
        let update = AccountUpdate(
            billingAddress: Address(lines: ["Via\u{0}Roma 1"], postalCode: "20121", city: "Milano", country: "IT")
        )
        try store.apply(
            StoreEvent(
                date: try StoreFixtures.date("2026-01-11"),
                actor: StoreFixtures.representative,
                action: .updateAccount(accountID: "ACC-00001", update: update)
            )
        )
        #expect(try store.account("ACC-00001").billingAddress.lines == ["Via\u{0}Roma 1"])
    }
}
