import Billing
import GRDB

/// Issuing documents: gapless numbering inside the issuing transaction, immutable rows.
extension SQLiteStore {
    /// The next number of `series` in `year`, allocated in the caller's transaction: if the
    /// transaction fails, the number was never used.
    static func allocateNumber(_ series: DocumentSeries, year: Int, _ db: Database) throws -> DocumentNumber {
        // An UPDATE and a SELECT: an upsert with RETURNING cost SQLite three times as much.
        try Self.execute(
            db,
            sql: "UPDATE numbering SET last = last + 1 WHERE series = ? AND year = ?",
            arguments: [series.rawValue, year]
        )
        let sequence: Int?
        if db.changesCount == 0 {
            try Self.execute(
                db,
                sql: "INSERT INTO numbering(series, year, last) VALUES (?, ?, 1)",
                arguments: [series.rawValue, year]
            )
            sequence = 1
        } else {
            sequence = try Self.cachedOne(
                Int.self,
                db,
                sql: "SELECT last FROM numbering WHERE series = ? AND year = ?",
                arguments: [series.rawValue, year]
            )
        }
        guard let sequence else { throw StoreError.database("numbering returned no value") }
        return try DocumentNumber(series: series, year: year, sequence: sequence)
    }

    /// Account credit not yet used by invoices: credits granted less balance applied, in one query
    /// (each statement costs a renewal more in GRDB's bookkeeping than in SQLite).
    static func availableCredit(_ account: Account, _ db: Database) throws -> Money {
        let available =
            try Self.cachedOne(
                Int64.self,
                db,
                sql: """
                    SELECT (SELECT COALESCE(SUM(amount), 0) FROM account_credits WHERE account_id = ?1)
                         - (SELECT COALESCE(SUM(balance_applied), 0) FROM invoices WHERE account_id = ?1)
                    """,
                arguments: [account.id]
            ) ?? 0
        return Money(minorUnits: max(0, available), currency: account.currency)
    }

    /// What was invoiced, and not voided, against the account's PO active on `date`.
    static func invoicedOnPurchaseOrder(_ account: Account, on date: CalendarDate, _ db: Database) throws -> Money {
        guard let order = account.activePurchaseOrder(on: date) else { return .zero(account.currency) }
        let total =
            try Self.cachedOne(
                Int64.self,
                db,
                sql: """
                    SELECT COALESCE(SUM(grand_total), 0) FROM invoices
                    WHERE account_id = ? AND po_number = ?
                      AND number NOT IN (SELECT invoice_number FROM credit_notes WHERE account_id = ?)
                    """,
                arguments: [account.id, order.number, account.id]
            ) ?? 0
        return Money(minorUnits: total, currency: account.currency)
    }

    /// Issues the invoice `key` unless it already was.
    ///
    /// It drafts it against the account's balance and
    /// PO, allocates its number and stores it. Returns `nil` when the key was already issued.
    static func issueInvoice(
        key: String,
        lines: [InvoiceLine],
        account: Account,
        subscriptionID: String?,
        reason: InvoiceReason,
        issueDate: CalendarDate,
        _ db: Database
    ) throws -> Invoice? {
        guard try !exists("invoices", column: "key", key, db) else { return nil }
        let draft = try Invoice.draft(
            key: key,
            lines: lines,
            account: account,
            subscriptionID: subscriptionID,
            reason: reason,
            issueDate: issueDate,
            availableCredit: availableCredit(account, db),
            invoicedOnPurchaseOrder: invoicedOnPurchaseOrder(account, on: issueDate, db)
        )
        let number = try allocateNumber(.invoice, year: issueDate.year, db)
        let invoice = try draft.issued(as: number)
        try Self.execute(
            db,
            sql: """
                INSERT INTO invoices(key, number, year, sequence, account_id, subscription_id, issue_date,
                    grand_total, balance_applied, po_number, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key, number.description, number.year, number.sequence, account.id, subscriptionID,
                issueDate.description, invoice.grandTotal.minorUnits, invoice.balanceApplied.minorUnits,
                invoice.purchaseOrderNumber, try encode(invoice),
            ]
        )
        try collectOnIssue(invoice, account: account, db)
        return invoice
    }

    /// Self-service accounts paying by card or SEPA debit are charged when the invoice is issued:
    /// the payment is recorded with it.
    private static func collectOnIssue(_ invoice: Invoice, account: Account, _ db: Database) throws {
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
        try insert(payment, db)
    }

    /// Voids an issued invoice with a credit note numbered in its own series.
    static func issueCreditNote(
        voiding number: DocumentNumber,
        reason: String,
        on date: CalendarDate,
        _ db: Database
    )
        throws -> CreditNote
    {
        let invoice = try self.invoice(number, db)
        guard try !exists("credit_notes", column: "invoice_number", number.description, db) else {
            throw StoreError.rejected(.invalidState("invoice \(number) is already voided by a credit note"))
        }
        let draft = try CreditNote.voiding(invoice, on: date, reason: reason)
        let creditNumber = try allocateNumber(.creditNote, year: date.year, db)
        let note = try draft.issued(as: creditNumber)
        try Self.execute(
            db,
            sql: """
                INSERT INTO credit_notes(number, year, sequence, invoice_number, account_id, issue_date, data)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                creditNumber.description, creditNumber.year, creditNumber.sequence, number.description,
                invoice.customer.accountID, date.description, try encode(note),
            ]
        )
        return note
    }

    /// The number of the invoice a reference names.
    static func number(of reference: InvoiceReference, _ db: Database) throws -> DocumentNumber {
        switch reference {
        case .number(let number): return number
        case .key(let key):
            guard
                let text = try cachedOne(
                    String.self,
                    db,
                    sql: "SELECT number FROM invoices WHERE key = ?",
                    arguments: [key]
                )
            else {
                throw StoreError.notFound(kind: "invoice with key", id: key)
            }
            return try DocumentNumber(parsing: text)
        }
    }

    static func invoice(_ number: DocumentNumber, _ db: Database) throws -> Invoice {
        guard
            let data = try Self.cachedOne(
                String.self,
                db,
                sql: "SELECT data FROM invoices WHERE number = ?",
                arguments: [number.description]
            )
        else { throw StoreError.notFound(kind: "invoice", id: number.description) }
        return try decode(Invoice.self, data)
    }

    static func insert(_ credit: AccountCredit, _ db: Database) throws {
        try Self.execute(
            db,
            sql: "INSERT INTO account_credits(id, account_id, date, amount, data) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                credit.id, credit.accountID, credit.date.description, credit.amount.minorUnits, try encode(credit),
            ]
        )
    }

    static func insert(_ payment: Payment, _ db: Database) throws {
        try Self.execute(
            db,
            sql: "INSERT INTO payments(id, account_id, received_on, data) VALUES (?, ?, ?, ?)",
            arguments: [payment.id, payment.accountID, payment.receivedOn.description, try encode(payment)]
        )
    }
}
