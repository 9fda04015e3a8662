import Billing

/// The mail relay setting and the record of documents e-mailed (`mail_sendings`, append-only), on
/// either store: written once over ``StoreDatabase`` (`BillingStore+Mail.swift`).
public protocol MailRecords: Sendable {
    /// The relay set with a `set-mail-relay` event, if any.
    func mailRelay() throws(StoreError) -> MailRelay?
    /// Records a document e-mailed.
    func recordSending(_ sending: MailSending) throws(StoreError)
    /// The sendings of one document (`kind` and `reference`), or all when both are `nil`, oldest first.
    func sendings(kind: String?, reference: String?) throws(StoreError) -> [MailSending]
}

extension MailRecords {
    /// Every document e-mailed, oldest first.
    public func sendings() throws(StoreError) -> [MailSending] { try sendings(kind: nil, reference: nil) }

    /// The sendings of documents of one kind (`invoice`, `credit-note`, `reminder`), oldest first.
    public func sendings(kind: String) throws(StoreError) -> [MailSending] {
        try sendings(kind: kind, reference: nil)
    }
}

/// The month-end runs' results (`invoice_runs`, append-only), so that representatives see the last
/// run's on the web (issue 20), on either store.
public protocol InvoiceRunRecords: Sendable {
    /// Records a finished run.
    func recordInvoiceRun(_ run: InvoiceRunSummary) throws(StoreError)
    /// The last `limit` runs, the latest first; none for a store no run has been recorded in.
    func invoiceRuns(limit: Int) throws(StoreError) -> [InvoiceRunSummary]
}

extension InvoiceRunRecords {
    /// The last ten runs, the latest first.
    public func invoiceRuns() throws(StoreError) -> [InvoiceRunSummary] { try invoiceRuns(limit: 10) }
}
