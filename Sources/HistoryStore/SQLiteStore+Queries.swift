import Billing
import GRDB

/// A line of an account listing.
public struct AccountSummary: Sendable, Hashable, Codable {
    /// The account id.
    public var id: String
    /// Its legal name.
    public var name: String
    /// Self-service or corporate.
    public var kind: AccountKind
    /// The billing contact's e-mail.
    public var billingContact: String
    /// How many subscriptions are active or pending cancellation.
    public var activeSubscriptions: Int
}

/// Which accounts to list.
public struct AccountFilter: Sendable, Hashable {
    /// Only this kind.
    public var kind: AccountKind?
    /// Only accounts with (true) or without (false) an active subscription.
    public var active: Bool?
    /// Only accounts whose id, name or billing contact contains this text, ignoring case.
    public var text: String?

    /// Creates a filter; `nil` fields do not filter.
    public init(kind: AccountKind? = nil, active: Bool? = nil, text: String? = nil) {
        self.kind = kind
        self.active = active
        self.text = text
    }
}

/// One entry of an account's history: an action from the event log.
public struct HistoryEntry: Sendable, Hashable {
    /// Its position in the log.
    public var sequence: Int64
    /// The event.
    public var event: StoreEvent
}

extension SQLiteStore {
    /// The vendor, if set.
    public func vendor() throws(StoreError) -> Vendor? {
        try read { db in try StoreTransaction.setting("vendor", as: Vendor.self, db) }
    }

    /// The vendor's tax rules, if set (a `set-tax-rules` event).
    public func taxRules() throws(StoreError) -> TaxRules? {
        try read { db in try StoreTransaction.setting("tax-rules", as: TaxRules.self, db) }
    }

    /// The catalog.
    public func catalog() throws(StoreError) -> Catalog {
        try read { db in try StoreTransaction.catalog(db) }
    }

    /// The account `id`.
    public func account(_ id: String) throws(StoreError) -> Account {
        try read { db in try StoreTransaction.account(id, db) }
    }

    /// Accounts matching `filter`, by id.
    /// - Complexity: one indexed query; filtering by text scans the accounts.
    public func accounts(_ filter: AccountFilter) throws(StoreError) -> [AccountSummary] {
        try read { db in try StoreTransaction.accounts(filter, db) }
    }

    /// The subscription `id`.
    public func subscription(_ id: String) throws(StoreError) -> Subscription {
        try read { db in try StoreTransaction.subscription(id, db) }
    }

    /// The subscriptions of an account, by id.
    public func subscriptions(ofAccount accountID: String) throws(StoreError) -> [Subscription] {
        try read { db in try StoreTransaction.subscriptions(ofAccount: accountID, db) }
    }

    /// The issued invoice `number`.
    public func invoice(_ number: DocumentNumber) throws(StoreError) -> Invoice {
        try read { db in try StoreTransaction.invoice(number, db) }
    }

    /// The credit note voiding invoice `number`, if any.
    public func creditNote(voiding number: DocumentNumber) throws(StoreError) -> CreditNote? {
        try read { db in try StoreTransaction.creditNote(voiding: number, db) }
    }

    /// Issued invoices, oldest first: of one account or all, within dates.
    public func invoices(accountID: String?, issuedIn period: DatePeriod?) throws(StoreError) -> [Invoice] {
        try read { db in try StoreTransaction.invoices(accountID: accountID, issuedIn: period, db) }
    }

    /// Issued credit notes, oldest first, within dates.
    public func creditNotes(issuedIn period: DatePeriod?) throws(StoreError) -> [CreditNote] {
        try read { db in try StoreTransaction.creditNotes(issuedIn: period, db) }
    }

    /// Ids of subscriptions whose period has ended by `date` and that are not expired: what a run
    /// on `date` renews or expires.
    public func dueSubscriptionIDs(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [String] {
        try read { db in try StoreTransaction.dueSubscriptionIDs(through: date, kind: kind, db) }
    }

    /// Whether `series` takes documents dated before its latest one (a `set-numbering` event).
    public func allowsBackDating(_ series: DocumentSeries) throws(StoreError) -> Bool {
        try read { db in try StoreTransaction.allowsBackDating(series, db) }
    }

    /// The date of the last document numbered in `series` in `year`; `nil` before the first.
    public func lastNumberedDate(_ series: DocumentSeries, year: Int) throws(StoreError) -> CalendarDate? {
        try read { db in try StoreTransaction.lastNumberedDate(series, year: year, db) }
    }

    /// Subscriptions due by `date`, with the date each renews on, by date, account and subscription.
    public func dueRenewals(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [DueRenewal] {
        try read { db in try StoreTransaction.dueRenewals(through: date, kind: kind, db) }
    }

    /// An account's history: every event about it in `period` (all when `nil`), in order.
    public func history(ofAccount accountID: String, in period: DatePeriod?) throws(StoreError) -> [HistoryEntry] {
        try read { db in try StoreTransaction.history(ofAccount: accountID, in: period, db) }
    }

    /// Everything a statement of the account up to `date` (exclusive) is built from.
    public func ledgerInputs(ofAccount accountID: String, before date: CalendarDate) throws(StoreError) -> LedgerInputs
    {
        try read { db in try StoreTransaction.ledgerInputs(accountID, before: date, db) }
    }

    /// The statement of an account for `period`, derived from its issued documents and payments.
    public func statement(ofAccount accountID: String, for period: DatePeriod) throws(StoreError) -> Billing.Statement {
        try read { db in try StoreTransaction.statement(ofAccount: accountID, for: period, db) }
    }

    /// W-9 requests, oldest first; of one account, or all.
    public func w9Requests(accountID: String?) throws(StoreError) -> [W9Request] {
        try read { db in try StoreTransaction.w9Requests(accountID: accountID, db) }
    }

    /// The W-9 request `id`.
    public func w9Request(_ id: String) throws(StoreError) -> W9Request {
        try read { db in try StoreTransaction.w9Request(id, db) }
    }

    /// Quotes of an account, by id.
    public func quotes(ofAccount accountID: String) throws(StoreError) -> [Quote] {
        try read { db in try StoreTransaction.quotes(ofAccount: accountID, db) }
    }
}

/// An issued invoice by its number and account, without its contents.
public struct InvoiceReferenceRow: Sendable, Hashable {
    /// The number.
    public var number: DocumentNumber
    /// The account it was issued to.
    public var accountID: String
    /// The account's kind.
    public var kind: AccountKind
}

extension SQLiteStore {
    /// Numbers and accounts of the invoices issued in `period`, oldest first: what a run prints,
    /// without holding every invoice in memory.
    public func invoiceReferences(issuedIn period: DatePeriod) throws(StoreError) -> [InvoiceReferenceRow] {
        try read { db in try StoreTransaction.invoiceReferences(issuedIn: period, db) }
    }
}
