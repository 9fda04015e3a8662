import Billing

/// Issuing documents: gapless numbering inside the issuing transaction, immutable rows.
extension StoreTransaction {
    /// The next number of `series` in `year` for a document dated `date`, allocated in this
    /// transaction: if the transaction fails, the number was never used.
    ///
    /// Numbers follow dates (art. 21 DPR 633/72): a document dated before the latest one already
    /// numbered in the series is refused with ``StoreError/outOfDateOrder(number:date:attempted:)``,
    /// unless the series allows back-dating (a `set-numbering` event); the series then keeps its
    /// latest date.
    func allocateNumber(_ series: DocumentSeries, year: Int, date: CalendarDate) throws -> DocumentNumber {
        let counter = NumberingCounter(series: series, year: year)
        // The counter as this transaction last wrote it: no other connection can change it while
        // the transaction lasts, and a rolled-back savepoint forgets it (``forgetSettings()``).
        let last =
            try numbering[counter].map { (sequence: Optional($0.last), date: Optional($0.date)) }
            ?? db.first(
                "SELECT last, last_date FROM numbering WHERE series = ? AND year = ?",
                [.text(series.rawValue), .integer(Int64(year))]
            ) { row in
                (sequence: try row.optionalInt64("last"), date: try row.optionalText("last_date"))
            }
        let sequence: Int
        if let last {
            guard let lastSequence = last.sequence, let lastDate = last.date else {
                throw StoreError.database("numbering of \(series.rawValue) \(year) has no last number or date")
            }
            // The back-dating setting is read only for a date out of order: a run's renewals never pay for it.
            guard try date.description >= lastDate || setting(Self.backDatingSetting(series), as: Bool.self) == true
            else {
                throw StoreError.outOfDateOrder(
                    number: try DocumentNumber(
                        series: series,
                        year: year,
                        sequence: Int(lastSequence),
                        format: numberingScheme().format(of: series, in: year)
                    ).description,
                    date: lastDate,
                    attempted: date.description
                )
            }
            let latest = max(date.description, lastDate)
            try db.execute(
                "UPDATE numbering SET last = last + 1, last_date = ? WHERE series = ? AND year = ?",
                [.text(latest), .text(series.rawValue), .integer(Int64(year))]
            )
            sequence = Int(lastSequence) + 1
            numbering[counter] = (Int64(sequence), latest)
        } else {
            try db.execute(
                "INSERT INTO numbering(series, year, last, last_date) VALUES (?, ?, 1, ?)",
                [.text(series.rawValue), .integer(Int64(year)), .text(date.description)]
            )
            sequence = 1
            numbering[counter] = (1, date.description)
        }
        return try DocumentNumber(
            series: series,
            year: year,
            sequence: sequence,
            format: numberingScheme().format(of: series, in: year)
        )
    }

    /// The setting that says whether `series` takes back-dated documents.
    static func backDatingSetting(_ series: DocumentSeries) -> String { "numbering.\(series.rawValue).back-dating" }

    /// Whether `series` takes documents dated before its latest one.
    static func allowsBackDating(_ series: DocumentSeries, _ db: Connection) throws -> Bool {
        try db.one(
            SettingRecord<Bool>.self,
            "SELECT * FROM settings WHERE name = ?",
            [
                .text(backDatingSetting(series))
            ]
        )?.value ?? false
    }

    /// The date of the last document numbered in `series` in `year`, as `YYYY-MM-DD`; `nil` before the first.
    func lastNumberedDate(_ series: DocumentSeries, year: Int) throws -> String? {
        if let known = numbering[NumberingCounter(series: series, year: year)] { return known.date }
        return try db.first(
            "SELECT last_date FROM numbering WHERE series = ? AND year = ?",
            [.text(series.rawValue), .integer(Int64(year))]
        ) { try $0.optionalText("last_date") } ?? nil
    }

    /// Account credit not yet used by invoices: credits granted and what credit notes credited
    /// beyond their invoice, less balance applied and refunds, in one query.
    func availableCredit(_ account: Account) throws -> Money {
        let available =
            try db.first(
                """
                SELECT (SELECT COALESCE(SUM(amount), 0) FROM account_credits WHERE account_id = ?1)
                     + (SELECT COALESCE(SUM(account_credit), 0) FROM credit_notes WHERE account_id = ?1)
                     - (SELECT COALESCE(SUM(balance_applied), 0) FROM invoices WHERE account_id = ?1)
                     - (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE account_id = ?1) AS available
                """,
                [.text(account.id)]
            ) { try $0.optionalInt64("available") ?? 0 } ?? 0
        return Money(minorUnits: max(0, available), currency: account.currency)
    }

    /// What was invoiced, and not voided, against the account's PO active on `date`.
    func invoicedOnPurchaseOrder(_ account: Account, on date: CalendarDate) throws -> Money {
        guard let order = account.activePurchaseOrder(on: date) else { return .zero(account.currency) }
        let total =
            try db.first(
                """
                SELECT (SELECT COALESCE(SUM(grand_total), 0) FROM invoices
                        WHERE account_id = ?1 AND po_number = ?2)
                     - (SELECT COALESCE(SUM(c.grand_total), 0) FROM credit_notes c
                        JOIN invoices i ON i.number = c.invoice_number
                        WHERE i.account_id = ?1 AND i.po_number = ?2) AS total
                """,
                [.text(account.id), .text(order.number)]
            ) { try $0.optionalInt64("total") ?? 0 } ?? 0
        return Money(minorUnits: total, currency: account.currency)
    }

    /// Issues the invoice `key` unless it already was.
    ///
    /// It drafts it against the account's balance and PO, allocates its number and stores it.
    /// Returns `nil` when the key was already issued. An invoice is dated `issueDate` (a renewal's
    /// period start) unless its series already numbered a later document: a late renewal is then
    /// dated the day it is issued, `actedOn`, so that numbers follow dates.
    func issueInvoice(
        key: String,
        lines: [InvoiceLine],
        account: Account,
        subscriptionID: String?,
        reason: InvoiceReason,
        issueDate natural: CalendarDate,
        actedOn: CalendarDate? = nil,
        quoteID: String? = nil
    ) throws -> Invoice? {
        guard try !exists("invoices", column: "key", key) else { return nil }
        var issueDate = natural
        if let actedOn, actedOn > natural, let last = try lastNumberedDate(.invoice, year: natural.year),
            natural.description < last
        {
            issueDate = actedOn
        }
        var draft = try Invoice.draft(
            key: key,
            lines: lines,
            account: account,
            subscriptionID: subscriptionID,
            reason: reason,
            issueDate: issueDate,
            availableCredit: availableCredit(account),
            invoicedOnPurchaseOrders: invoicedOnPurchaseOrders(account)
        )
        draft.quoteID = quoteID
        let invoice = try draft.issued(as: allocateNumber(.invoice, year: issueDate.year, date: issueDate))
        try insert(InvoiceRecord(invoice))
        try collectOnIssue(invoice, account: account)
        return invoice
    }

    /// Self-service accounts paying by card or SEPA debit are charged when the invoice is issued:
    /// the payment is recorded with it.
    private func collectOnIssue(_ invoice: Invoice, account: Account) throws {
        guard account.kind == .selfService, account.paymentTerms == .dueOnReceipt, let number = invoice.number,
            let method = account.paymentMethod, method != .invoice, invoice.amountDue.isPositive
        else { return }
        let payment = try Payment(
            id: "PAY-\(number)",
            accountID: account.id,
            invoiceNumber: number,
            amount: invoice.amountDue,
            receivedOn: invoice.issueDate,
            method: method.description
        )
        try insert(PaymentRecord(payment))
    }
}

/// A numbering counter: one series in one year (``StoreTransaction/allocateNumber(_:year:date:)``).
struct NumberingCounter: Hashable {
    let series: DocumentSeries
    let year: Int
}
