import Billing
import Foundation

/// What Ledgerprint needs from a store of billing history.
///
/// The CLI talks to this protocol;
/// ``SQLiteStore`` is the implementation for one machine, and a PostgreSQL one can follow without
/// touching `Billing` or `Documents`.
///
/// Every change goes through ``apply(_:)``: an event is recorded with what it produced, in one
/// transaction. Everything else reads.
public protocol BillingStore: Sendable {
    /// Applies one event in its own transaction.
    func apply(_ event: StoreEvent) throws(StoreError) -> ApplyResult
    /// Imports files of events, all or nothing.
    func importFiles(_ files: [(name: String, data: Data)]) throws(StoreError) -> ImportSummary
    /// The whole history in the documented JSON format.
    func export() throws(StoreError) -> Data
    /// The vendor, if set.
    func vendor() throws(StoreError) -> Vendor?
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
    /// Issued credit notes within dates.
    func creditNotes(issuedIn period: DatePeriod?) throws(StoreError) -> [CreditNote]
    /// Subscriptions a run on a date renews or expires.
    func dueSubscriptionIDs(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [String]
    /// An account's events within dates.
    func history(ofAccount accountID: String, in period: DatePeriod?) throws(StoreError) -> [HistoryEntry]
    /// What a statement is built from.
    func ledgerInputs(ofAccount accountID: String, before date: CalendarDate) throws(StoreError) -> LedgerInputs
    /// An account's statement for a period.
    func statement(ofAccount accountID: String, for period: DatePeriod) throws(StoreError) -> Billing.Statement
    /// W-9 requests of an account or all.
    func w9Requests(accountID: String?) throws(StoreError) -> [W9Request]
    /// One W-9 request.
    func w9Request(_ id: String) throws(StoreError) -> W9Request
    /// An account's quotes.
    func quotes(ofAccount accountID: String) throws(StoreError) -> [Quote]
    /// Adds a printed file to the index.
    func recordPrinted(_ document: PrintedDocument) throws(StoreError)
    /// The index of printed files.
    func printedDocuments(kind: String?) throws(StoreError) -> [PrintedDocument]
}

extension SQLiteStore: BillingStore {}
