import Billing
import Foundation
import GRDB
import Testing

@testable import HistoryStore

/// Every stored type, generated at random and fully populated, is saved through its mapping and
/// read back through the store's own queries, equal (`==`) to what was saved.
@Suite("Stored records round-trip")
struct RecordRoundTripTests {
    static let samples = 60

    /// A new store, and a way to save records in it the way a transaction does.
    struct Harness {
        let fixtures: StoreFixtures
        let store: SQLiteStore
        var generator = Generator(seed: 0x4C50_5254)

        init() throws {
            fixtures = try StoreFixtures()
            store = try fixtures.newStore()
        }

        func save(_ body: (StoreTransaction<GRDB.Database>) throws -> Void) throws {
            try store.write { transaction in try body(transaction) }
        }

        /// An account row for `accountID`, which other records refer to.
        mutating func parentAccount() throws -> Account {
            let account = try generator.account()
            try save { try $0.save(account) }
            return account
        }
    }

    /// Runs `samples` round trips of `T` and checks that the generator varied every member.
    static func roundTrip<T: Equatable>(
        _ type: T.Type,
        constant: Set<String> = [],
        _ body: (inout Harness) throws -> (saved: T, read: T)
    ) throws {
        var harness = try Harness()
        defer { harness.fixtures.remove() }
        var coverage = Coverage()
        for _ in 0..<samples {
            let (saved, read) = try body(&harness)
            #expect(read == saved, "\(T.self) read back differs:\n\(saved)\n\(read)")
            coverage.record(saved)
        }
        #expect(coverage.unvaried(except: constant) == [], "members of \(T.self) the generator never varied")
    }

    @Test func accountsWithTheirPurchaseOrders() throws {
        try Self.roundTrip(Account.self) { harness in
            let account = try harness.parentAccount()
            return (account, try harness.store.account(account.id))
        }
    }

    @Test func subscriptions() throws {
        try Self.roundTrip(Subscription.self, constant: [".history"]) { harness in
            let subscription = try harness.generator.subscription(accountID: try harness.parentAccount().id)
            try harness.save { try $0.save(subscription) }
            return (subscription, try harness.store.subscription(subscription.id))
        }
    }

    @Test func invoicesWithTheirLines() throws {
        try Self.roundTrip(Invoice.self, constant: [".number?", ".number.series"]) { harness in
            let invoice = try harness.generator.invoice(account: try harness.parentAccount())
            try harness.save { try InvoiceRecord(invoice).insert($0.db) }
            return (invoice, try harness.store.invoice(requireNumber(invoice.number)))
        }
    }

    @Test func creditNotes() throws {
        try Self.roundTrip(CreditNote.self, constant: [".number?", ".number.series", ".invoiceNumber.series"]) {
            harness in
            let invoice = try harness.generator.invoice(account: try harness.parentAccount())
            let note = try harness.generator.creditNote(voiding: invoice)
            try harness.save { transaction in
                try InvoiceRecord(invoice).insert(transaction.db)
                try CreditNoteRecord(note).insert(transaction.db)
            }
            return (note, try #require(try harness.store.creditNote(voiding: requireNumber(invoice.number))))
        }
    }

    @Test func paymentsAndAccountCredits() throws {
        try Self.roundTrip(Payment.self, constant: [".invoiceNumber.series"]) { harness in
            let payment = try harness.generator.payment(accountID: try harness.parentAccount().id)
            try harness.save { try PaymentRecord(payment).insert($0.db) }
            let inputs = try harness.store.ledgerInputs(
                ofAccount: payment.accountID,
                before: CalendarDate("9999-01-01")
            )
            return (payment, try #require(inputs.payments.first))
        }
        try Self.roundTrip(AccountCredit.self) { harness in
            let credit = try harness.generator.credit(accountID: try harness.parentAccount().id)
            try harness.save { try AccountCreditRecord(credit).insert($0.db) }
            let inputs = try harness.store.ledgerInputs(ofAccount: credit.accountID, before: CalendarDate("9999-01-01"))
            return (credit, try #require(inputs.credits.first))
        }
    }

    @Test func quotesAndW9Requests() throws {
        try Self.roundTrip(Quote.self) { harness in
            let quote = try harness.generator.quote(accountID: try harness.parentAccount().id)
            try harness.save { try QuoteRecord(quote).insert($0.db) }
            return (quote, try #require(try harness.store.quotes(ofAccount: quote.accountID).first))
        }
        try Self.roundTrip(W9Request.self) { harness in
            let request = try harness.generator.w9Request(accountID: try harness.parentAccount().id)
            try harness.save { try W9RequestRecord(request).insert($0.db) }
            return (request, try harness.store.w9Request(request.id))
        }
    }

    @Test func printedDocuments() throws {
        try Self.roundTrip(PrintedDocument.self) { harness in
            let document = harness.generator.printedDocument()
            try harness.store.recordPrinted(document)
            return (document, try #require(try harness.store.printedDocuments().last))
        }
    }

    /// Events keep the event log's JSON form (`EventLog`): every kind of action, its fields at random,
    /// each action sixty times so that every member varies, every optional present and absent.
    @Test func eventsOfEveryAction() throws {
        var harness = try Harness()
        defer { harness.fixtures.remove() }
        var coverage = Coverage()
        for index in 0..<(31 * 60) {
            let accountID = harness.generator.unique("ACC")
            let event = try harness.generator.event(index, accountID: accountID)
            var record = EventRecord(event, accountID: accountID)
            try harness.save { try record.insert($0.db) }
            let sequence = try #require(record.sequence)
            let read = try harness.store.read { db in
                try EventRecord.fetchOne(db, sql: "SELECT * FROM events WHERE seq = ?", arguments: [sequence])
            }
            #expect(read?.event == event, "event read back differs:\n\(event)\n\(String(describing: read?.event))")
            coverage.record(event)
        }
        // Invoices are numbered in their own series; a W-9 is for a US address, with a state.
        let constant: Set<String> = [
            ".action.recordPayment.invoice.number.series", ".action.voidInvoice.invoice.number.series",
            ".action.creditInvoice.invoice.number.series", ".action.recordOverpayment.invoice.number.series",
            ".action.setVendor.w9.address.country", ".action.setVendor.w9.address.region?",
        ]
        #expect(coverage.unvaried(except: constant) == [], "members of StoreEvent the generator never varied")
    }
}
