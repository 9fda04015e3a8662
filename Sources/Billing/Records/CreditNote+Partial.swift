import Foundation

/// What part of an issued invoice a credit note credits.
public enum CreditScope: Sendable, Hashable {
    /// All of it: the invoice is void.
    case whole
    /// One line of it, 1 for the first, as it was charged.
    case line(Int)
    /// An amount before tax, taxed at the invoice's one rate.
    case amount(Money)
}

extension CreditNote {
    /// What is left to credit on `invoice` after the credit notes `earlier`: its total with stamp
    /// duty, less theirs, never below zero.
    public static func uncredited(_ invoice: Invoice, after earlier: [CreditNote]) -> Money {
        var left = invoice.grandTotal
        for note in earlier where note.invoiceNumber == invoice.number {
            left = (try? left.minus(note.grandTotal)) ?? left
        }
        return left.isNegative ? .zero(invoice.currency) : left
    }

    /// A credit note for `scope` of `invoice`, dated `date`, given the invoice's earlier credit notes.
    ///
    /// A whole credit voids an invoice nothing has credited yet; a line is credited as it was
    /// charged, once; an amount is before tax, at the invoice's one tax rate. No credit note takes
    /// the invoice's credited total past its own.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for a line or amount the
    ///   invoice does not allow, ``BillingError/invalidState(_:)`` when it is a draft, dated
    ///   before the invoice, or the credit exceeds what is left.
    public static func crediting(
        _ scope: CreditScope,
        of invoice: Invoice,
        after earlier: [CreditNote],
        on date: CalendarDate,
        reason: String
    ) throws(BillingError) -> CreditNote {
        guard let number = invoice.number else { throw .invalidState("a draft invoice is discarded, not credited") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw .invalidValue(field: "reason", value: "", expected: "a reason, printed on the credit note")
        }
        let mine = earlier.filter { $0.invoiceNumber == number }
        let left = uncredited(invoice, after: mine)
        var note = try voiding(invoice, on: date, reason: reason)
        switch scope {
        case .whole:
            guard mine.isEmpty else {
                throw .invalidState(
                    "invoice \(number) is already credited by \(mine.compactMap(\.number?.description).joined(separator: ", ")); "
                        + "what is left (\(left)) can be credited with --amount or --line"
                )
            }
            return note
        case .line(let index):
            note.lines = [try creditableLine(index, of: invoice, after: mine)]
            note.creditedLine = index
        case .amount(let amount):
            note.lines = [try amountLine(amount, of: invoice, reason: reason)]
        }
        note.totals = try DocumentTotals(lines: note.lines, currency: invoice.currency)
        note.stampDuty = nil
        guard note.grandTotal.minorUnits <= left.minorUnits else {
            throw .invalidState(
                "a credit of \(note.grandTotal) on invoice \(number) is more than what is left uncredited (\(left) of \(invoice.grandTotal))"
            )
        }
        return note
    }

    private static func creditableLine(
        _ index: Int,
        of invoice: Invoice,
        after earlier: [CreditNote]
    ) throws(BillingError) -> InvoiceLine {
        let number = invoice.number?.description ?? invoice.key
        guard invoice.lines.indices.contains(index - 1) else {
            throw .invalidValue(
                field: "line",
                value: "\(index)",
                expected: "a line of invoice \(number): 1 to \(invoice.lines.count)"
            )
        }
        let line = invoice.lines[index - 1]
        guard line.amount.isPositive else {
            throw .invalidValue(field: "line", value: "\(index)", expected: "a line that charges (this one credits)")
        }
        if let previous = earlier.first(where: { $0.creditedLine == index }) {
            throw .invalidState(
                "line \(index) of invoice \(number) is already credited by \(previous.number?.description ?? "a credit note")"
            )
        }
        return line
    }

    private static func amountLine(
        _ amount: Money,
        of invoice: Invoice,
        reason: String
    ) throws(BillingError)
        -> InvoiceLine
    {
        guard amount.currency == invoice.currency else { throw .currencyMismatch(amount.currency, invoice.currency) }
        guard amount.isPositive else {
            throw .invalidValue(field: "amount", value: amount.decimalString, expected: "an amount above zero")
        }
        let rates = Set(invoice.lines.map(\.taxRate))
        guard rates.count == 1, let rate = rates.first else {
            throw .invalidValue(
                field: "amount",
                value: amount.decimalString,
                expected: "an invoice with one tax rate; this one has \(rates.count): credit it by line"
            )
        }
        return try InvoiceLine.charge(reason, period: nil, quantity: 1, unitPrice: amount, taxRate: rate)
    }
}
