import Billing
import Foundation
import Testing

@testable import HistoryStore
@testable import PostgresStore

/// Every stored type, generated at random and fully populated, is saved through its mapping and
/// read back through the store's own queries, equal (`==`) to what was saved — on both stores
/// (``StoreKind``): PostgreSQL's types (`date`, `bigint`, `json`) must give back what SQLite does.
@Suite("Stored records round-trip")
struct RecordRoundTripTests {
    static let samples = 60

    /// What a round trip writes, the way a transaction writes it.
    enum Write {
        case account(Account)
        case subscription(Subscription)
        case record(any StoredRecord)
    }

    /// A new store of either kind, and a way to save records in it the way a transaction does.
    struct Harness {
        let fixtures: StoreFixtures
        let store: any BillingStore
        var generator = Generator(seed: 0x4C50_5254)

        init(_ kind: StoreKind) throws {
            fixtures = try StoreFixtures()
            store = try fixtures.newStore(kind)
        }

        /// Writes `writes` in one transaction; returns the sequence number the database gave the event written, if any.
        @discardableResult
        func save(_ writes: Write...) throws -> Int64 {
            if let sqlite = store as? SQLiteStore {
                return try sqlite.write { transaction in try Self.perform(writes, transaction) }
            }
            let postgres = try #require(store as? PostgresStore)
            return try postgres.writing { transaction in (try Self.perform(writes, transaction), true) }
        }

        private static func perform<Connection>(
            _ writes: [Write],
            _ transaction: StoreTransaction<Connection>
        ) throws -> Int64 {
            var key: Int64 = -1
            for write in writes {
                switch write {
                case .account(let account): try transaction.save(account)
                case .subscription(let subscription): try transaction.save(subscription)
                case .record(let record):
                    try transaction.insert(record)
                    // Only an event has a generated key (asking PostgreSQL for one otherwise fails the transaction).
                    if record is EventRecord { key = try transaction.db.lastInsertedKey() }
                }
            }
            return key
        }

        /// The event stored under `sequence`, read back through its mapping.
        func event(_ sequence: Int64) throws -> StoreEvent? {
            let sql = "SELECT * FROM events WHERE seq = ?"
            if let sqlite = store as? SQLiteStore {
                return try sqlite.read { db in try db.one(EventRecord.self, sql, [.integer(sequence)])?.event }
            }
            let postgres = try #require(store as? PostgresStore)
            return try postgres.reading { db in try db.one(EventRecord.self, sql, [.integer(sequence)])?.event }
        }

        /// What a statement reads of the account's invoices (`StoreTransaction.statementInputs`).
        func statementInvoices(ofAccount accountID: String) throws -> [StatementInvoice] {
            let far = try CalendarDate("9999-01-01")
            if let sqlite = store as? SQLiteStore {
                return try sqlite.read { db in
                    try StoreTransaction.statementInputs(accountID, before: far, db).invoices
                }
            }
            let postgres = try #require(store as? PostgresStore)
            return try postgres.reading { db in
                try StoreTransaction.statementInputs(accountID, before: far, db).invoices
            }
        }

        /// An account row for `accountID`, which other records refer to.
        mutating func parentAccount() throws -> Account {
            let account = try generator.account()
            try save(.account(account))
            return account
        }
    }

    /// Runs `samples` round trips of `T` and checks that the generator varied every member.
    static func roundTrip<T: Equatable>(
        _ type: T.Type,
        on kind: StoreKind,
        constant: Set<String> = [],
        _ body: (inout Harness) throws -> (saved: T, read: T)
    ) throws {
        var harness = try Harness(kind)
        defer { harness.fixtures.remove() }
        var coverage = Coverage()
        for _ in 0..<samples {
            let (saved, read) = try body(&harness)
            #expect(read == saved, "\(T.self) read back differs:\n\(saved)\n\(read)")
            coverage.record(saved)
        }
        #expect(coverage.unvaried(except: constant) == [], "members of \(T.self) the generator never varied")
    }

    @Test(arguments: StoreKind.allCases)
    func accountsWithTheirPurchaseOrders(kind: StoreKind) throws {
        try Self.roundTrip(Account.self, on: kind) { harness in
            let account = try harness.parentAccount()
            return (account, try harness.store.account(account.id))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func subscriptions(kind: StoreKind) throws {
        try Self.roundTrip(Subscription.self, on: kind, constant: [".history"]) { harness in
            let subscription = try harness.generator.subscription(accountID: try harness.parentAccount().id)
            try harness.save(.subscription(subscription))
            return (subscription, try harness.store.subscription(subscription.id))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func invoicesWithTheirLines(kind: StoreKind) throws {
        try Self.roundTrip(Invoice.self, on: kind, constant: [".number?", ".number.series"]) { harness in
            let invoice = try harness.generator.invoice(account: try harness.parentAccount())
            try harness.save(.record(InvoiceRecord(invoice)))
            return (invoice, try harness.store.invoice(requireNumber(invoice.number)))
        }
    }

    /// A statement reads of an invoice its columns and, of its lines, the description, item and
    /// amount alone: what it reads must be what the whole invoice says, whatever the lines hold
    /// (none, a credit first, no item, text to escape) and with or without stamp duty.
    @Test(arguments: StoreKind.allCases)
    func invoicesAsAStatementReadsThem(kind: StoreKind) throws {
        try Self.roundTrip(
            StatementInvoice.self,
            on: kind,
            constant: [".receivable.number.series"]
        ) { harness in
            let invoice = try harness.generator.invoice(account: try harness.parentAccount())
            try harness.save(.record(InvoiceRecord(invoice)))
            let read = try harness.statementInvoices(ofAccount: invoice.customer.accountID)
            #expect(read.count == 1)
            return (try #require(StatementInvoice(invoice)), try #require(read.first))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func creditNotes(kind: StoreKind) throws {
        try Self.roundTrip(
            CreditNote.self,
            on: kind,
            constant: [".number?", ".number.series", ".invoiceNumber.series"]
        ) {
            harness in
            let invoice = try harness.generator.invoice(account: try harness.parentAccount())
            let note = try harness.generator.creditNote(voiding: invoice)
            try harness.save(.record(InvoiceRecord(invoice)), .record(CreditNoteRecord(note)))
            return (note, try #require(try harness.store.creditNote(voiding: requireNumber(invoice.number))))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func paymentsAndAccountCredits(kind: StoreKind) throws {
        try Self.roundTrip(Payment.self, on: kind, constant: [".invoiceNumber.series"]) { harness in
            let payment = try harness.generator.payment(accountID: try harness.parentAccount().id)
            try harness.save(.record(PaymentRecord(payment)))
            let inputs = try harness.store.ledgerInputs(
                ofAccount: payment.accountID,
                before: CalendarDate("9999-01-01")
            )
            return (payment, try #require(inputs.payments.first))
        }
        try Self.roundTrip(AccountCredit.self, on: kind) { harness in
            let credit = try harness.generator.credit(accountID: try harness.parentAccount().id)
            try harness.save(.record(AccountCreditRecord(credit)))
            let inputs = try harness.store.ledgerInputs(ofAccount: credit.accountID, before: CalendarDate("9999-01-01"))
            return (credit, try #require(inputs.credits.first))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func quotesAndW9Requests(kind: StoreKind) throws {
        try Self.roundTrip(Quote.self, on: kind) { harness in
            let quote = try harness.generator.quote(accountID: try harness.parentAccount().id)
            try harness.save(.record(QuoteRecord(quote)))
            return (quote, try #require(try harness.store.quotes(ofAccount: quote.accountID).first))
        }
        try Self.roundTrip(W9Request.self, on: kind) { harness in
            let request = try harness.generator.w9Request(accountID: try harness.parentAccount().id)
            try harness.save(.record(W9RequestRecord(request)))
            return (request, try harness.store.w9Request(request.id))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func printedDocuments(kind: StoreKind) throws {
        try Self.roundTrip(PrintedDocument.self, on: kind) { harness in
            let document = harness.generator.printedDocument()
            try harness.store.recordPrinted(document)
            return (document, try #require(try harness.store.printedDocuments().last))
        }
    }

    /// Events keep the event log's JSON form (`EventLog`): every kind of action, its fields at random,
    /// each action sixty times so that every member varies, every optional present and absent.
    @Test(arguments: StoreKind.allCases)
    func eventsOfEveryAction(kind: StoreKind) throws {
        var harness = try Harness(kind)
        defer { harness.fixtures.remove() }
        var coverage = Coverage()
        for index in 0..<(31 * 60) {
            let accountID = harness.generator.unique("ACC")
            let event = try harness.generator.event(index, accountID: accountID)
            let sequence = try harness.save(.record(EventRecord(event, accountID: accountID)))
            let read = try harness.event(sequence)
            #expect(read == event, "event read back differs:\n\(event)\n\(String(describing: read))")
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
