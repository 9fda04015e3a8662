extension Statement {
    /// What is still owed on invoice `number` on `date`, as the statement's aging counts it:
    /// its amount due, less payments and what credit notes credited on it; zero when paid.
    public static func outstanding(
        on number: DocumentNumber,
        _ inputs: LedgerInputs,
        asOf date: CalendarDate,
        currency: Currency
    ) throws(BillingError) -> Money {
        try unpaidInvoices(inputs, asOf: date, currency: currency).first { $0.number == number }?.outstanding
            ?? .zero(currency)
    }

    /// Refunds as statement lines: each is a charge, taking the balance back towards zero.
    static func refundEntries(_ refunds: [Refund]) -> [StatementActivity] {
        refunds.map { refund in
            StatementActivity(
                date: refund.date,
                kind: .refund,
                reference: refund.id,
                description: "Refund of account credit — \(refund.method)",
                charge: refund.amount,
                credit: .zero(refund.amount.currency),
                balance: .zero(refund.amount.currency),
                note: refund.method
            )
        }
    }
}
