extension Statement {
    /// An account's billing periods, one per renewal, from its invoices.
    ///
    /// Each runs from a period's start to the next one's (the last to the end of its period). What
    /// `ledgerprint statement --renewal N` and the Billing Center's statements list number from 1.
    ///
    /// - Throws: ``BillingError`` when a period would be empty (invoices that contradict each other).
    public static func billingPeriods(_ invoices: [Invoice]) throws(BillingError) -> [DatePeriod] {
        var periods: [DatePeriod] = []
        for invoice in invoices {
            if let period = invoice.lines.last(where: { !$0.amount.isNegative && $0.fraction == .one })?.period {
                periods.append(period)
            }
        }
        let starts = Array(Set(periods.map(\.start))).sorted()
        var result: [DatePeriod] = []
        for (index, start) in starts.enumerated() {
            let end =
                index + 1 < starts.count
                ? starts[index + 1] : (periods.filter { $0.start == start }.map(\.end).max() ?? start.adding(days: 1))
            result.append(try DatePeriod(start: start, end: end))
        }
        return result
    }
}
