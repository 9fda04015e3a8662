/// An account's issued documents and payments, each invoice as `Record`: what a statement is built from.
///
/// ``LedgerInputs`` holds whole ``Invoice``s; ``StatementInputs`` holds each invoice as far as a statement reads it
/// (``StatementInvoice``), which is what a store reads for a statement (`docs/performance.md`, read32).
public struct AccountDocuments<Record: Sendable & Hashable>: Sendable, Hashable {
    /// Issued invoices.
    public var invoices: [Record]
    /// Issued credit notes.
    public var creditNotes: [CreditNote]
    /// Payments received.
    public var payments: [Payment]
    /// Credits to the balance.
    public var credits: [AccountCredit]
    /// Account credit paid back.
    public var refunds: [Refund]

    /// Groups the inputs.
    public init(
        invoices: [Record],
        creditNotes: [CreditNote],
        payments: [Payment],
        credits: [AccountCredit],
        refunds: [Refund] = []
    ) {
        self.invoices = invoices
        self.creditNotes = creditNotes
        self.payments = payments
        self.credits = credits
        self.refunds = refunds
    }
}

/// Everything a statement is built from, each invoice whole.
public typealias LedgerInputs = AccountDocuments<Invoice>

/// What a statement is built from (``Statement/build(account:period:from:)``), each invoice as far as a statement
/// reads it.
public typealias StatementInputs = AccountDocuments<StatementInvoice>

extension AccountDocuments where Record == StatementInvoice {
    /// What whole invoices and the rest of `inputs` give.
    public init(_ inputs: LedgerInputs) {
        self.init(
            invoices: inputs.invoices.compactMap(StatementInvoice.init),
            creditNotes: inputs.creditNotes,
            payments: inputs.payments,
            credits: inputs.credits,
            refunds: inputs.refunds
        )
    }
}

extension Statement {
    /// Builds the statement of `account` for `period` from `inputs`.
    ///
    /// Invoices count as charges at their total with stamp duty; credit notes, account credits and
    /// payments as credits. Unpaid invoices are aged at the period's last day: a payment that names
    /// an invoice pays it; other payments pay the oldest invoices first; a credit note voids its invoice.
    /// - Complexity: O(n log n) in the number of inputs.
    public static func build(
        account: Account,
        period: DatePeriod,
        from inputs: LedgerInputs
    ) throws(BillingError)
        -> Statement
    {
        try build(account: account, period: period, from: StatementInputs(inputs))
    }

    /// Builds the statement of `account` for `period` from `inputs`, each invoice as far as a
    /// statement reads it: the same statement as from the whole invoices.
    /// - Complexity: O(n log n) in the number of inputs.
    public static func build(
        account: Account,
        period: DatePeriod,
        from inputs: StatementInputs
    ) throws(BillingError)
        -> Statement
    {
        let currency = account.currency
        let entries = try ledgerEntries(inputs).filter { $0.date < period.end }
        var balance = Money.zero(currency)
        var activities: [StatementActivity] = []
        var opening = Money.zero(currency)
        var charges = Money.zero(currency)
        var credits = Money.zero(currency)
        for entry in entries {
            balance = try balance.plus(entry.charge).minus(entry.credit)
            if entry.date < period.start {
                opening = balance
                continue
            }
            charges = try charges.plus(entry.charge)
            credits = try credits.plus(entry.credit)
            var activity = entry
            activity.balance = balance
            activities.append(activity)
        }
        let unpaid = try unpaidInvoices(of: ReceivableInputs(inputs), asOf: period.lastDay, currency: currency)
        return Statement(
            customer: CustomerDetails(account),
            period: period,
            currency: currency,
            openingBalance: opening,
            activities: activities,
            totalCharges: charges,
            totalCredits: credits,
            closingBalance: try opening.plus(charges).minus(credits),
            unpaidInvoices: unpaid,
            aging: try aging(of: unpaid, currency: currency)
        )
    }

    private static func ledgerEntries(_ inputs: StatementInputs) throws(BillingError) -> [StatementActivity] {
        var entries: [StatementActivity] = []
        for invoice in inputs.invoices {
            let zero = Money.zero(invoice.grandTotal.currency)
            let what = invoice.mainLine?.description ?? "Invoice"
            entries.append(
                StatementActivity(
                    date: invoice.receivable.issueDate,
                    kind: .invoice,
                    reference: invoice.receivable.number.description,
                    description: invoice.lineCount > 1 ? "\(what) and \(invoice.lineCount - 1) more" : what,
                    charge: invoice.grandTotal,
                    credit: zero,
                    balance: zero,
                    item: invoice.mainLine?.item,
                    otherLines: max(0, invoice.lineCount - 1)
                )
            )
        }
        for note in inputs.creditNotes {
            guard let number = note.number else { continue }
            let zero = Money.zero(note.currency)
            entries.append(
                StatementActivity(
                    date: note.issueDate,
                    kind: .creditNote,
                    reference: number.description,
                    description: "Credit note for invoice \(note.invoiceNumber): \(note.reason)",
                    charge: zero,
                    credit: note.grandTotal,
                    balance: zero,
                    relatedInvoice: note.invoiceNumber,
                    note: note.reason
                )
            )
        }
        for credit in inputs.credits {
            let zero = Money.zero(credit.amount.currency)
            entries.append(
                StatementActivity(
                    date: credit.date,
                    kind: .accountCredit,
                    reference: credit.id,
                    description: credit.description,
                    charge: zero,
                    credit: credit.amount,
                    balance: zero,
                    item: credit.lines.first?.item,
                    otherLines: max(0, credit.lines.count - 1)
                )
            )
        }
        for payment in inputs.payments {
            let zero = Money.zero(payment.amount.currency)
            let target = payment.invoiceNumber.map { " for invoice \($0)" } ?? ""
            entries.append(
                StatementActivity(
                    date: payment.receivedOn,
                    kind: .payment,
                    reference: payment.id,
                    description: "Payment received\(target) — \(payment.method)",
                    charge: zero,
                    credit: payment.amount,
                    balance: zero,
                    relatedInvoice: payment.invoiceNumber,
                    note: payment.method
                )
            )
        }
        entries += refundEntries(inputs.refunds)
        let order = Dictionary(uniqueKeysWithValues: StatementActivity.Kind.allCases.enumerated().map { ($1, $0) })
        return entries.sorted {
            ($0.date, order[$0.kind] ?? 0, $0.reference) < ($1.date, order[$1.kind] ?? 0, $1.reference)
        }
    }
}
