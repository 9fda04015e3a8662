/// An issued invoice as far as paying it goes: all that deciding whether it is still owed reads of it.
///
/// A store reads these columns alone to tell whether one invoice is paid
/// (``Statement/unpaidInvoices(of:asOf:currency:)``), without decoding the account's whole invoices.
public struct Receivable: Sendable, Hashable {
    /// Its number.
    public var number: DocumentNumber
    /// When it was issued.
    public var issueDate: CalendarDate
    /// When it falls due.
    public var dueDate: CalendarDate
    /// What was asked at issue, after any account credit applied to it.
    public var amountDue: Money

    /// An invoice's figures.
    public init(number: DocumentNumber, issueDate: CalendarDate, dueDate: CalendarDate, amountDue: Money) {
        self.number = number
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.amountDue = amountDue
    }

    /// An issued invoice's figures; `nil` for a draft.
    public init?(_ invoice: Invoice) {
        guard let number = invoice.number else { return nil }
        self.init(number: number, issueDate: invoice.issueDate, dueDate: invoice.dueDate, amountDue: invoice.amountDue)
    }
}

/// What an account's unpaid invoices are worked out from (``Statement/unpaidInvoices(of:asOf:currency:)``).
public struct ReceivableInputs: Sendable, Hashable {
    /// Issued invoices.
    public var invoices: [Receivable]
    /// Issued credit notes.
    public var creditNotes: [CreditNote]
    /// Payments received.
    public var payments: [Payment]

    /// Groups the inputs.
    public init(invoices: [Receivable], creditNotes: [CreditNote], payments: [Payment]) {
        self.invoices = invoices
        self.creditNotes = creditNotes
        self.payments = payments
    }

    /// What a statement's inputs give.
    public init(_ inputs: LedgerInputs) {
        self.init(
            invoices: inputs.invoices.compactMap(Receivable.init),
            creditNotes: inputs.creditNotes,
            payments: inputs.payments
        )
    }

    /// What a statement's inputs give, each invoice as a statement reads it.
    public init(_ inputs: StatementInputs) {
        self.init(
            invoices: inputs.invoices.map(\.receivable),
            creditNotes: inputs.creditNotes,
            payments: inputs.payments
        )
    }
}

extension Statement {
    /// Issued invoices with something still owed on `date`, oldest first.
    static func unpaidInvoices(
        _ inputs: LedgerInputs,
        asOf date: CalendarDate,
        currency: Currency
    ) throws(BillingError)
        -> [UnpaidInvoice]
    {
        try unpaidInvoices(of: ReceivableInputs(inputs), asOf: date, currency: currency)
    }

    /// Issued invoices with something still owed on `date`, oldest first: the statement's own rule
    /// (``build(account:period:from:)``), from what it reads.
    ///
    /// A payment that names an invoice pays it; other payments pay the oldest invoices first; a
    /// credit note credits its invoice.
    public static func unpaidInvoices(
        of inputs: ReceivableInputs,
        asOf date: CalendarDate,
        currency: Currency
    ) throws(BillingError)
        -> [UnpaidInvoice]
    {
        // What a credit note credits beyond what was owed on its invoice is account credit, not this invoice's.
        var credited: [DocumentNumber: Money] = [:]
        for note in inputs.creditNotes where note.number != nil && note.issueDate <= date {
            let applied = try note.grandTotal.minus(note.accountCreditAmount)
            credited[note.invoiceNumber] = try (credited[note.invoiceNumber] ?? .zero(currency)).plus(applied)
        }
        var outstanding: [DocumentNumber: Money] = [:]
        let invoices = inputs.invoices.filter { invoice in invoice.issueDate <= date }
            .sorted { ($0.issueDate, $0.number.sequence) < ($1.issueDate, $1.number.sequence) }
        for invoice in invoices {
            let owed = try invoice.amountDue.minus(credited[invoice.number] ?? .zero(currency))
            outstanding[invoice.number] = owed.isNegative ? .zero(currency) : owed
        }
        var unassigned = Money.zero(currency)
        for payment in inputs.payments where payment.receivedOn <= date {
            if let number = payment.invoiceNumber, let owed = outstanding[number] {
                let paid = try payment.amount.minimum(owed)
                outstanding[number] = try owed.minus(paid)
                unassigned = try unassigned.plus(payment.amount.minus(paid))
            } else {
                unassigned = try unassigned.plus(payment.amount)
            }
        }
        var result: [UnpaidInvoice] = []
        for invoice in invoices {
            let number = invoice.number
            guard var owed = outstanding[number], owed.isPositive else { continue }
            let applied = try unassigned.minimum(owed)
            owed = try owed.minus(applied)
            unassigned = try unassigned.minus(applied)
            guard owed.isPositive else { continue }
            result.append(
                UnpaidInvoice(
                    number: number,
                    issueDate: invoice.issueDate,
                    dueDate: invoice.dueDate,
                    outstanding: owed,
                    daysPastDue: invoice.dueDate.days(until: date)
                )
            )
        }
        return result
    }

    static func aging(of unpaid: [UnpaidInvoice], currency: Currency) throws(BillingError) -> AgingBuckets {
        var buckets = AgingBuckets(
            current: .zero(currency),
            days1to30: .zero(currency),
            days31to60: .zero(currency),
            days61to90: .zero(currency),
            over90: .zero(currency)
        )
        for invoice in unpaid {
            switch invoice.daysPastDue {
            case ...0: buckets.current = try buckets.current.plus(invoice.outstanding)
            case 1...30: buckets.days1to30 = try buckets.days1to30.plus(invoice.outstanding)
            case 31...60: buckets.days31to60 = try buckets.days31to60.plus(invoice.outstanding)
            case 61...90: buckets.days61to90 = try buckets.days61to90.plus(invoice.outstanding)
            default: buckets.over90 = try buckets.over90.plus(invoice.outstanding)
            }
        }
        return buckets
    }
}
