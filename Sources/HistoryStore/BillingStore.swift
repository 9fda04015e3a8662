import Billing
import Foundation
import GRDB

/// What Ledgerprint needs from a store of billing history: the seam between the commands and
/// documents and where the history lives.
///
/// The CLI and the printing code talk to this protocol only; ``SQLiteStore`` is the
/// implementation for one machine, and a PostgreSQL one can follow without touching `Billing`,
/// `Documents` or the commands. An implementation passes the same tests: gapless numbering per
/// series and year inside the issuing transaction, append-only issued documents and log, every
/// record read back as it was written.
///
/// Every change goes through ``apply(_:)`` (or ``applyInBatches(_:batchSize:progress:)``,
/// ``importFiles(_:)``): an event is recorded with what it produced, in one transaction.
/// Everything else reads. Optional filters have defaults in an extension.
public protocol BillingStore: UserDirectory, MailRecords, InvoiceRunRecords, Sendable {
    /// Where the history lives, for messages: a file's path, a database's name.
    var location: String { get }
    /// Applies one event in its own transaction.
    @discardableResult
    func apply(_ event: StoreEvent) throws(StoreError) -> ApplyResult
    /// What applying `event` would produce, keeping nothing.
    func preview(_ event: StoreEvent) throws(StoreError) -> ApplyResult
    /// Applies many events, `batchSize` to a transaction; an event that fails leaves nothing behind.
    @discardableResult
    func applyInBatches(
        _ events: [StoreEvent],
        batchSize: Int,
        progress: (Int) -> Void
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>]
    /// Imports files of events, all or nothing.
    @discardableResult
    func importFiles(_ files: [(name: String, data: Data)]) throws(StoreError) -> ImportSummary
    /// The whole history in the documented JSON format.
    func export() throws(StoreError) -> Data
    /// The vendor, if set.
    func vendor() throws(StoreError) -> Vendor?
    /// The vendor the document numbered `number` was issued with, or `current` for a document issued
    /// before the store kept the vendor of each document.
    ///
    /// A requirement rather than a cast to the store's kind where it is asked: a cast is a scan of the
    /// binary's conformance records the first time (`docs/performance.md`, issue 22, session 16).
    func vendor(asIssued number: DocumentNumber?, current: Vendor) throws(StoreError) -> Vendor
    /// The vendor's tax rules, if set.
    func taxRules() throws(StoreError) -> TaxRules?
    /// The catalog.
    func catalog() throws(StoreError) -> Catalog
    /// One account.
    func account(_ id: String) throws(StoreError) -> Account
    /// Accounts matching a filter.
    func accounts(_ filter: AccountFilter) throws(StoreError) -> [AccountSummary]
    /// One subscription.
    func subscription(_ id: String) throws(StoreError) -> Subscription
    /// An account's subscriptions.
    func subscriptions(ofAccount accountID: String) throws(StoreError) -> [Subscription]
    /// One issued invoice.
    func invoice(_ number: DocumentNumber) throws(StoreError) -> Invoice
    /// The credit note voiding an invoice, if any.
    func creditNote(voiding number: DocumentNumber) throws(StoreError) -> CreditNote?
    /// Issued invoices of an account or all, within dates.
    func invoices(accountID: String?, issuedIn period: DatePeriod?) throws(StoreError) -> [Invoice]
    /// Numbers and accounts of the invoices issued within dates.
    func invoiceReferences(issuedIn period: DatePeriod) throws(StoreError) -> [InvoiceReferenceRow]
    /// Issued credit notes within dates.
    func creditNotes(issuedIn period: DatePeriod?) throws(StoreError) -> [CreditNote]
    /// Subscriptions a run on a date renews or expires.
    func dueSubscriptionIDs(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [String]
    /// Subscriptions a run on a date renews or expires, each with the date its current period ends (the
    /// date of its next invoice), by date, then account, then subscription: a run renews them a date at a
    /// time, so that invoice numbers follow invoice dates.
    func dueRenewals(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [DueRenewal]
    /// The date of the last document numbered in `series` in `year`; `nil` before the first. No
    /// document of the series may be dated earlier from now on, unless the series allows back-dating.
    func lastNumberedDate(_ series: DocumentSeries, year: Int) throws(StoreError) -> CalendarDate?
    /// Whether `series` takes documents dated before its latest one.
    func allowsBackDating(_ series: DocumentSeries) throws(StoreError) -> Bool
    /// An account's events within dates.
    func history(ofAccount accountID: String, in period: DatePeriod?) throws(StoreError) -> [HistoryEntry]
    /// What a statement is built from.
    func ledgerInputs(ofAccount accountID: String, before date: CalendarDate) throws(StoreError) -> LedgerInputs
    /// An account's statement for a period.
    func statement(ofAccount accountID: String, for period: DatePeriod) throws(StoreError) -> Billing.Statement
    /// An account's invoices with something still owed at the end of `date`, oldest first: its
    /// statement's unpaid invoices, read from the invoices' figures alone.
    func unpaidInvoices(ofAccount accountID: String, asOf date: CalendarDate) throws(StoreError) -> [UnpaidInvoice]
    /// What the Billing Center's account overview shows of an account at the end of a day, in one
    /// read: the balance is its statement's closing balance, added up without building the statement.
    func accountOverview(_ accountID: String, on date: CalendarDate) throws(StoreError) -> AccountOverview
    /// The languages (`locale`) the accounts of `accountIDs` print in, of those that exist.
    func locales(ofAccounts accountIDs: [String]) throws(StoreError) -> Set<String>
    /// What was invoiced, and not voided, against each purchase order of `account`, by PO number
    /// (what issuing checks a new invoice against).
    func invoicedOnPurchaseOrders(of account: Account) throws(StoreError) -> [String: Money]
    /// W-9 requests of an account or all.
    func w9Requests(accountID: String?) throws(StoreError) -> [W9Request]
    /// One W-9 request.
    func w9Request(_ id: String) throws(StoreError) -> W9Request
    /// An account's quotes.
    func quotes(ofAccount accountID: String) throws(StoreError) -> [Quote]
    /// Adds a printed file to the index.
    func recordPrinted(_ document: PrintedDocument) throws(StoreError)
    /// The index of printed files, of one kind or all.
    func printedDocuments(kind: String?) throws(StoreError) -> [PrintedDocument]
    /// The days and wording of the payment-reminder levels.
    func reminderPolicy() throws(StoreError) -> ReminderPolicy
    /// Payment reminders issued, of one account or all.
    func reminders(accountID: String?) throws(StoreError) -> [Reminder]
    /// An account's invoices due for a payment reminder on a date, each at its next level.
    func dueReminderLines(accountID: String, on date: CalendarDate) throws(StoreError) -> [ReminderLine]
    /// Accounts with an invoice past its due date on a date (not voided, something asked at issue).
    func accountsWithInvoicesPastDue(on date: CalendarDate) throws(StoreError) -> [String]
    /// The formats of the numbering series, each from a year on (`set-number-format` events).
    func numberingScheme() throws(StoreError) -> NumberingScheme
}

extension BillingStore {
    /// Applies many events, 100 to a transaction unless `batchSize` says otherwise.
    @discardableResult
    public func applyInBatches(
        _ events: [StoreEvent],
        batchSize: Int = 100
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>] {
        try applyInBatches(events, batchSize: batchSize, progress: { _ in })
    }

    /// Applies many events, 100 to a transaction, telling `progress` after each batch.
    @discardableResult
    public func applyInBatches(
        _ events: [StoreEvent],
        progress: (Int) -> Void
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>] {
        try applyInBatches(events, batchSize: 100, progress: progress)
    }

    /// Every account, by id.
    public func accounts() throws(StoreError) -> [AccountSummary] { try accounts(AccountFilter()) }

    /// Issued invoices, oldest first: of one account, or all.
    public func invoices(accountID: String? = nil) throws(StoreError) -> [Invoice] {
        try invoices(accountID: accountID, issuedIn: nil)
    }

    /// Issued invoices of every account, oldest first, within dates.
    public func invoices(issuedIn period: DatePeriod) throws(StoreError) -> [Invoice] {
        try invoices(accountID: nil, issuedIn: period)
    }

    /// Every issued credit note, oldest first.
    public func creditNotes() throws(StoreError) -> [CreditNote] { try creditNotes(issuedIn: nil) }

    /// Subscriptions of every kind of account a run on `date` renews or expires.
    public func dueSubscriptionIDs(through date: CalendarDate) throws(StoreError) -> [String] {
        try dueSubscriptionIDs(through: date, kind: nil)
    }

    /// An account's whole history.
    public func history(ofAccount accountID: String) throws(StoreError) -> [HistoryEntry] {
        try history(ofAccount: accountID, in: nil)
    }

    /// Every W-9 request, oldest first.
    public func w9Requests() throws(StoreError) -> [W9Request] { try w9Requests(accountID: nil) }

    /// The whole index of printed files.
    public func printedDocuments() throws(StoreError) -> [PrintedDocument] { try printedDocuments(kind: nil) }
}

extension SQLiteStore: DatabaseBillingStore {
    /// The file's path.
    public var location: String { path }

    package func reading<T>(_ body: (Database) throws -> T) throws(StoreError) -> T { try read(body) }

    package func writing<T>(_ body: (StoreTransaction<Database>) throws -> (T, commit: Bool)) throws(StoreError) -> T {
        try transaction { transaction in
            let (value, commit) = try body(transaction)
            return (value, commit ? .commit : .rollback)
        }
    }

    package func translate(_ error: any Error) -> StoreError { Self.translate(error) }

    package func endsTransaction(_ error: any Error) -> Bool {
        (error as? DatabaseError).map(Self.isFatal) ?? false
    }
}

/// A subscription a run renews, and the date of its next invoice.
public struct DueRenewal: Sendable, Hashable {
    /// The subscription.
    public var subscriptionID: String
    /// The account it belongs to.
    public var accountID: String
    /// When its current period ends: the date of the invoice its renewal issues.
    public var date: CalendarDate

    /// Creates one.
    public init(subscriptionID: String, accountID: String, date: CalendarDate) {
        self.subscriptionID = subscriptionID
        self.accountID = accountID
        self.date = date
    }
}
