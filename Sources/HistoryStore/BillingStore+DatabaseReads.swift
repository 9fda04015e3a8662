import Billing

/// The reads of a ``DatabaseBillingStore``: each the shared read of `StoreTransaction+Reads.swift`
/// in a read transaction.
extension DatabaseBillingStore {
    /// The vendor, if set.
    public func vendor() throws(StoreError) -> Vendor? {
        try reading { db in try StoreTransaction.setting("vendor", as: Vendor.self, db) }
    }

    /// The vendor's tax rules, if set.
    public func taxRules() throws(StoreError) -> TaxRules? {
        try reading { db in try StoreTransaction.setting("tax-rules", as: TaxRules.self, db) }
    }

    /// The catalog.
    public func catalog() throws(StoreError) -> Catalog { try reading { db in try StoreTransaction.catalog(db) } }

    /// One account.
    public func account(_ id: String) throws(StoreError) -> Account {
        try reading { db in try StoreTransaction.account(id, db) }
    }

    /// Accounts matching a filter.
    public func accounts(_ filter: AccountFilter) throws(StoreError) -> [AccountSummary] {
        try reading { db in try StoreTransaction.accounts(filter, db) }
    }

    /// One subscription.
    public func subscription(_ id: String) throws(StoreError) -> Subscription {
        try reading { db in try StoreTransaction.subscription(id, db) }
    }

    /// An account's subscriptions.
    public func subscriptions(ofAccount accountID: String) throws(StoreError) -> [Subscription] {
        try reading { db in try StoreTransaction.subscriptions(ofAccount: accountID, db) }
    }

    /// One issued invoice.
    public func invoice(_ number: DocumentNumber) throws(StoreError) -> Invoice {
        try reading { db in try StoreTransaction.invoice(number, db) }
    }

    /// The credit note voiding an invoice, if any.
    public func creditNote(voiding number: DocumentNumber) throws(StoreError) -> CreditNote? {
        try reading { db in try StoreTransaction.creditNote(voiding: number, db) }
    }

    /// Issued invoices of an account or all, within dates.
    public func invoices(accountID: String?, issuedIn period: DatePeriod?) throws(StoreError) -> [Invoice] {
        try reading { db in try StoreTransaction.invoices(accountID: accountID, issuedIn: period, db) }
    }

    /// Numbers and accounts of the invoices issued within dates.
    public func invoiceReferences(issuedIn period: DatePeriod) throws(StoreError) -> [InvoiceReferenceRow] {
        try reading { db in try StoreTransaction.invoiceReferences(issuedIn: period, db) }
    }

    /// Issued credit notes within dates.
    public func creditNotes(issuedIn period: DatePeriod?) throws(StoreError) -> [CreditNote] {
        try reading { db in try StoreTransaction.creditNotes(issuedIn: period, db) }
    }

    /// Subscriptions a run on a date renews or expires.
    public func dueSubscriptionIDs(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [String] {
        try reading { db in try StoreTransaction.dueSubscriptionIDs(through: date, kind: kind, db) }
    }

    /// Subscriptions a run on a date renews or expires, with the date each renews on.
    public func dueRenewals(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [DueRenewal] {
        try reading { db in try StoreTransaction.dueRenewals(through: date, kind: kind, db) }
    }

    /// The date of the last document numbered in `series` in `year`.
    public func lastNumberedDate(_ series: DocumentSeries, year: Int) throws(StoreError) -> CalendarDate? {
        try reading { db in try StoreTransaction.lastNumberedDate(series, year: year, db) }
    }

    /// Whether `series` takes documents dated before its latest one.
    public func allowsBackDating(_ series: DocumentSeries) throws(StoreError) -> Bool {
        try reading { db in try StoreTransaction.allowsBackDating(series, db) }
    }

    /// An account's events within dates.
    public func history(ofAccount accountID: String, in period: DatePeriod?) throws(StoreError) -> [HistoryEntry] {
        try reading { db in try StoreTransaction.history(ofAccount: accountID, in: period, db) }
    }

    /// What a statement is built from.
    public func ledgerInputs(ofAccount accountID: String, before date: CalendarDate) throws(StoreError) -> LedgerInputs
    {
        try reading { db in try StoreTransaction.ledgerInputs(accountID, before: date, db) }
    }

    /// An account's statement for a period.
    public func statement(ofAccount accountID: String, for period: DatePeriod) throws(StoreError) -> Billing.Statement {
        try reading { db in try StoreTransaction.statement(ofAccount: accountID, for: period, db) }
    }

    /// An account's invoices with something still owed at the end of `date`, oldest first.
    public func unpaidInvoices(
        ofAccount accountID: String,
        asOf date: CalendarDate
    ) throws(StoreError)
        -> [UnpaidInvoice]
    {
        try reading { db in try StoreTransaction.unpaidInvoices(ofAccount: accountID, asOf: date, db) }
    }

    /// W-9 requests of an account or all.
    public func w9Requests(accountID: String?) throws(StoreError) -> [W9Request] {
        try reading { db in try StoreTransaction.w9Requests(accountID: accountID, db) }
    }

    /// One W-9 request.
    public func w9Request(_ id: String) throws(StoreError) -> W9Request {
        try reading { db in try StoreTransaction.w9Request(id, db) }
    }

    /// An account's quotes.
    public func quotes(ofAccount accountID: String) throws(StoreError) -> [Quote] {
        try reading { db in try StoreTransaction.quotes(ofAccount: accountID, db) }
    }

    /// The index of printed files, of one kind or all.
    public func printedDocuments(kind: String?) throws(StoreError) -> [PrintedDocument] {
        try reading { db in try StoreTransaction.printedDocuments(kind: kind, db) }
    }

    /// The days and wording of the payment-reminder levels.
    public func reminderPolicy() throws(StoreError) -> ReminderPolicy {
        try reading { db in try StoreTransaction.setting("reminder-policy", as: ReminderPolicy.self, db) ?? .standard }
    }

    /// Payment reminders issued, of one account or all.
    public func reminders(accountID: String?) throws(StoreError) -> [Reminder] {
        try reading { db in try StoreTransaction.reminders(accountID: accountID, db) }
    }

    /// An account's invoices due for a payment reminder on a date, each at its next level.
    public func dueReminderLines(accountID: String, on date: CalendarDate) throws(StoreError) -> [ReminderLine] {
        try reading { db in
            let policy = try StoreTransaction.setting("reminder-policy", as: ReminderPolicy.self, db) ?? .standard
            return try StoreTransaction.dueReminderLines(accountID, policy: policy, on: date, db)
        }
    }

    /// Accounts with an invoice past its due date on a date.
    public func accountsWithInvoicesPastDue(on date: CalendarDate) throws(StoreError) -> [String] {
        try reading { db in try StoreTransaction.accountsWithInvoicesPastDue(on: date, db) }
    }

    /// The formats of the numbering series.
    public func numberingScheme() throws(StoreError) -> NumberingScheme {
        try reading { db in try StoreTransaction.numberingScheme(db) }
    }
}
