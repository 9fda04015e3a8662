/// A credit note: corrects an issued invoice, which itself never changes.
public struct CreditNote: Sendable, Hashable, Codable {
    /// The number; `nil` while a draft.
    public var number: DocumentNumber?
    /// The invoice it corrects.
    public var invoiceNumber: DocumentNumber
    /// The customer, as on the invoice.
    public var customer: CustomerDetails
    /// The currency.
    public var currency: Currency
    /// The date of issue.
    public var issueDate: CalendarDate
    /// Why it was issued.
    public var reason: String
    /// The lines credited, as positive amounts.
    public var lines: [InvoiceLine]
    /// Subtotal, tax per rate, total credited.
    public var totals: DocumentTotals
    /// Stamp duty credited back, if the invoice carried it.
    public var stampDuty: Money?
    /// Tax wording carried over from the invoice.
    public var taxNote: String?
    /// The invoice's line it credits (1 for the first), when it credits one line; `nil` otherwise.
    public var creditedLine: Int? = nil
    /// The part of the credit that became account credit; `nil` while a draft.
    ///
    /// It is what the note credited beyond what was still owed on the invoice when it was issued,
    /// used by the account's next invoices or refunded.
    public var accountCredit: Money? = nil

    /// The total credited, including any stamp duty.
    public var grandTotal: Money {
        (try? totals.total.plus(stampDuty ?? .zero(currency))) ?? totals.total
    }

    /// A credit note that voids `invoice` in full, dated `date`.
    ///
    /// - Throws: ``BillingError/invalidState(_:)`` when the invoice is not issued or `date` is
    ///   before its issue date.
    public static func voiding(
        _ invoice: Invoice,
        on date: CalendarDate,
        reason: String
    ) throws(BillingError)
        -> CreditNote
    {
        guard let number = invoice.number else { throw .invalidState("a draft invoice is discarded, not voided") }
        guard date >= invoice.issueDate else {
            throw .invalidState(
                "a credit note for \(number) cannot be dated \(date), before the invoice (\(invoice.issueDate))"
            )
        }
        return CreditNote(
            number: nil,
            invoiceNumber: number,
            customer: invoice.customer,
            currency: invoice.currency,
            issueDate: date,
            reason: reason,
            lines: invoice.lines,
            totals: invoice.totals,
            stampDuty: invoice.stampDuty,
            taxNote: invoice.taxNote
        )
    }

    /// The account credit of this note, zero when none.
    public var accountCreditAmount: Money { accountCredit ?? .zero(currency) }

    /// The credit note issued with `number`.
    ///
    /// - Throws: ``BillingError/invalidState(_:)`` if already issued or the number is of another series or year.
    public func issued(as number: DocumentNumber) throws(BillingError) -> CreditNote {
        guard self.number == nil else {
            throw .invalidState("credit note \(self.number?.description ?? "") is already issued")
        }
        guard number.series == .creditNote, number.year == issueDate.year else {
            throw .invalidState("\(number) does not belong to the credit-note series of \(issueDate.year)")
        }
        var copy = self
        copy.number = number
        return copy
    }
}

/// Money received from a customer.
public struct Payment: Sendable, Hashable, Codable {
    /// Reference, such as the bank transfer's or the card charge's id.
    public var id: String
    /// The paying account.
    public var accountID: String
    /// The invoice it pays, if known.
    public var invoiceNumber: DocumentNumber?
    /// How much, positive.
    public var amount: Money
    /// When it was received.
    public var receivedOn: CalendarDate
    /// How it was paid, as printed ("Visa •••• 4242", "Bank transfer").
    public var method: String

    /// Creates a payment.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` unless the amount is positive and
    ///   at most ``Money/largestEnteredMinorUnits``.
    public init(
        id: String,
        accountID: String,
        invoiceNumber: DocumentNumber?,
        amount: Money,
        receivedOn: CalendarDate,
        method: String
    ) throws(BillingError) {
        try amount.checkEntered("payment amount")
        self.id = id
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.amount = amount
        self.receivedOn = receivedOn
        self.method = method
    }
}

/// Credit given to an account's balance, such as the unused value of seats removed (rule 3).
public struct AccountCredit: Sendable, Hashable, Codable {
    /// Reference, such as "CR-SUB-1-2026-09-12".
    public var id: String
    /// The account credited.
    public var accountID: String
    /// The date of the credit.
    public var date: CalendarDate
    /// What it is for.
    public var description: String
    /// The lines that make it up: the unused value credited, the remaining value charged.
    public var lines: [InvoiceLine]
    /// The credit, positive: minus the sum of the lines.
    public var amount: Money

    /// Creates a credit; `amount` must be positive.
    public init(
        id: String,
        accountID: String,
        date: CalendarDate,
        description: String,
        lines: [InvoiceLine],
        amount: Money
    ) {
        self.id = id
        self.accountID = accountID
        self.date = date
        self.description = description
        self.lines = lines
        self.amount = amount
    }
}
