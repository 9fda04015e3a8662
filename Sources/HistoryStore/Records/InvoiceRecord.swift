import Billing
import GRDB

/// The one mapping of an issued ``Invoice`` to its row of `invoices`.
///
/// Numbers, dates, the account, the currency and every total are columns, amounts in minor units
/// of the invoice's currency; the customer's details as printed, the terms, the payment method,
/// the lines, the tax breakdown and the tax note are JSON in `detail`, which nothing queries.
/// `grand_total` (total plus stamp duty) is written for the queries that add invoices up; the
/// mapping works it out from the others instead of reading it back, a statement's read takes it
/// (``statementInvoice(columns:)``).
struct InvoiceRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "invoices"

    /// The members kept as JSON in `detail`.
    private struct Detail: Codable {
        var customer: CustomerDetails
        var terms: PaymentTerms
        var paymentMethod: PaymentMethod? = nil
        var lines: [InvoiceLine]
        var taxes: [TaxLine]
        var taxNote: String? = nil
        var quoteID: String? = nil
    }

    var invoice: Invoice

    init(_ invoice: Invoice) {
        self.invoice = invoice
    }

    init(columns row: some StoredRow) throws {
        try self.init(row, detail: try row.json(Detail.self))
    }

    /// The part of `detail` a statement reads: of each line its description, item and amount, under
    /// the keys of ``Billing/InvoiceLine``'s own form (``Detail``'s `lines`).
    private struct StatementDetail: Decodable {
        struct Line: Decodable {
            var description: String
            var item: LineItem?
            var amount: Money
        }

        var lines: [Line]
    }

    /// The columns ``statementInvoice(columns:)`` reads.
    static let statementColumns = "number, currency, issue_date, due_date, grand_total, amount_due, detail"

    /// The columns ``receivable(columns:)`` reads.
    static let receivableColumns = "number, currency, issue_date, due_date, amount_due"

    /// The invoice of `row` as a statement reads it (``statementColumns``): its figures and, of
    /// `detail`, the description, item and amount of each line, nothing else.
    ///
    /// ``Statement/build(account:period:from:)`` reads nothing else of an invoice; decoding every
    /// invoice's whole `detail` was a twelfth of printing a long statement (`docs/performance.md`,
    /// speed28), its lines' periods, prices and rates and building the invoice a twentieth still (read32).
    static func statementInvoice(columns row: some StoredRow) throws -> StatementInvoice {
        let lines = try row.json(StatementDetail.self).lines
        return StatementInvoice(
            receivable: try receivable(columns: row),
            grandTotal: try row.money("grand_total", in: try row.currency()),
            lines: lines.map { StatementInvoice.Line(description: $0.description, item: $0.item, amount: $0.amount) }
        )
    }

    /// The invoice of `row` as far as paying it goes (``receivableColumns``): whether it is still owed.
    static func receivable(columns row: some StoredRow) throws -> Receivable {
        Receivable(
            number: try row.number("number"),
            issueDate: try row.date("issue_date"),
            dueDate: try row.date("due_date"),
            amountDue: try row.money("amount_due", in: try row.currency())
        )
    }

    private init(_ row: some StoredRow, detail: Detail) throws {
        let currency = try row.currency()
        invoice = Invoice.stored(
            key: try row.text("key"),
            number: try row.number("number"),
            customer: detail.customer,
            subscriptionID: try row.optionalText("subscription_id"),
            reason: try row.value(InvoiceReason.self, "reason"),
            currency: currency,
            issueDate: try row.date("issue_date"),
            dueDate: try row.date("due_date"),
            terms: detail.terms,
            purchaseOrderNumber: try row.optionalText("po_number"),
            paymentMethod: detail.paymentMethod,
            lines: detail.lines,
            totals: DocumentTotals(
                subtotal: try row.money("subtotal", in: currency),
                taxes: detail.taxes,
                taxTotal: try row.money("tax_total", in: currency),
                total: try row.money("total", in: currency)
            ),
            taxNote: detail.taxNote,
            stampDuty: try row.optionalMoney("stamp_duty", in: currency),
            balanceApplied: try row.money("balance_applied", in: currency),
            amountDue: try row.money("amount_due", in: currency),
            quoteID: detail.quoteID
        )
    }

    func write(to container: inout StoredColumns) throws {
        guard let number = invoice.number else {
            throw StoreError.database("invoice \(invoice.key) has no number: only issued invoices are stored")
        }
        let currency = invoice.currency
        func minor(_ money: Money, _ field: String) throws -> Int64 {
            try StoredValue.minorUnits(money, in: currency, "invoice \(number) \(field)")
        }
        container["key"] = invoice.key
        container["number"] = number.description
        container["year"] = number.year
        container["sequence"] = number.sequence
        container["account_id"] = invoice.customer.accountID
        container["subscription_id"] = invoice.subscriptionID
        container["reason"] = invoice.reason.rawValue
        container["currency"] = currency.code
        container["issue_date"] = invoice.issueDate.description
        container["due_date"] = invoice.dueDate.description
        container["po_number"] = invoice.purchaseOrderNumber
        container["subtotal"] = try minor(invoice.totals.subtotal, "subtotal")
        container["tax_total"] = try minor(invoice.totals.taxTotal, "tax")
        container["total"] = try minor(invoice.totals.total, "total")
        container["stamp_duty"] = try invoice.stampDuty.map { try minor($0, "stamp duty") }
        container["grand_total"] = try minor(invoice.grandTotal, "grand total")
        container["balance_applied"] = try minor(invoice.balanceApplied, "balance applied")
        container["amount_due"] = try minor(invoice.amountDue, "amount due")
        container["detail"] = try StoredValue.json(
            Detail(
                customer: invoice.customer,
                terms: invoice.terms,
                paymentMethod: invoice.paymentMethod,
                lines: invoice.lines,
                taxes: invoice.totals.taxes,
                taxNote: invoice.taxNote,
                quoteID: invoice.quoteID
            )
        )
    }
}

/// The one mapping of an issued ``CreditNote`` to its row of `credit_notes`: as an invoice's, with
/// the number of the invoice it credits, the reason, the line it credits and the part of it that
/// became account credit (`v4-ops-docs-credit-notes`).
struct CreditNoteRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "credit_notes"

    /// The members kept as JSON in `detail`.
    private struct Detail: Codable {
        var customer: CustomerDetails
        var lines: [InvoiceLine]
        var taxes: [TaxLine]
        var taxNote: String?
    }

    var note: CreditNote

    init(_ note: CreditNote) {
        self.note = note
    }

    init(columns row: some StoredRow) throws {
        let detail = try row.json(Detail.self)
        let currency = try row.currency()
        note = CreditNote.stored(
            number: try row.number("number", in: .creditNote),
            invoiceNumber: try row.number("invoice_number"),
            customer: detail.customer,
            currency: currency,
            issueDate: try row.date("issue_date"),
            reason: try row.text("reason"),
            lines: detail.lines,
            totals: DocumentTotals(
                subtotal: try row.money("subtotal", in: currency),
                taxes: detail.taxes,
                taxTotal: try row.money("tax_total", in: currency),
                total: try row.money("total", in: currency)
            ),
            stampDuty: try row.optionalMoney("stamp_duty", in: currency),
            taxNote: detail.taxNote,
            creditedLine: try row.optionalInt64("credited_line").map { Int($0) },
            accountCredit: try row.optionalMoney("account_credit", in: currency)
        )
    }

    func write(to container: inout StoredColumns) throws {
        guard let number = note.number else {
            throw StoreError.database("a credit note without a number cannot be stored: only issued ones are")
        }
        let currency = note.currency
        func minor(_ money: Money, _ field: String) throws -> Int64 {
            try StoredValue.minorUnits(money, in: currency, "credit note \(number) \(field)")
        }
        container["number"] = number.description
        container["year"] = number.year
        container["sequence"] = number.sequence
        container["invoice_number"] = note.invoiceNumber.description
        container["account_id"] = note.customer.accountID
        container["currency"] = currency.code
        container["issue_date"] = note.issueDate.description
        container["reason"] = note.reason
        container["subtotal"] = try minor(note.totals.subtotal, "subtotal")
        container["tax_total"] = try minor(note.totals.taxTotal, "tax")
        container["total"] = try minor(note.totals.total, "total")
        container["stamp_duty"] = try note.stampDuty.map { try minor($0, "stamp duty") }
        container["grand_total"] = try minor(note.grandTotal, "grand total")
        container["detail"] = try StoredValue.json(
            Detail(customer: note.customer, lines: note.lines, taxes: note.totals.taxes, taxNote: note.taxNote)
        )
        container["credited_line"] = note.creditedLine
        container["account_credit"] = try note.accountCredit.map { try minor($0, "account credit") }
    }
}
