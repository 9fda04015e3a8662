import Billing
import Foundation
import HistoryStore
import Testing

/// Text the store cannot keep whole is refused, never cut short.
///
/// GRDB binds and reads text as C strings on its own paths, so a NUL character (U+0000) would end
/// the text there: a payment method "Bank␀transfer" would read back as "Bank", silently. Imports
/// and command-line values cannot carry one; a program using the store as a library can. On both
/// stores (``StoreKind``): libpq takes text as C strings too.
@Suite("Stored text: a NUL character is refused, not cut off")
struct StoredTextTests {
    /// A store with one account, its subscription and its first invoice.
    static func store(_ fixtures: StoreFixtures, _ kind: StoreKind) throws -> any BillingStore {
        let store = try fixtures.newStore(kind)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 1)))])
        return store
    }

    @Test(arguments: StoreKind.allCases)
    func aPaymentMethodWithANULIsRefusedAndNothingIsStored(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures, kind)
        let events = try RawDatabase.count("events", in: store)
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
        #expect(try RawDatabase.count("payments", in: store) == 0)
        #expect(try RawDatabase.count("events", in: store) == events)
    }

    @Test(arguments: StoreKind.allCases)
    func aPrintedDocumentWithANULInItsPathIsRefused(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures, kind)
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
    @Test(arguments: StoreKind.allCases)
    func aNULInsideAnAddressComesBackWhole(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures, kind)
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
