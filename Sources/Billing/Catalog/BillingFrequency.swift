/// How often a subscription is billed.
public enum BillingFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every month, on the billing day.
    case monthly
    /// Every year, on the billing date.
    case annual

    /// Months in one period.
    public var months: Int { self == .monthly ? 1 : 12 }

    /// The period that starts on `start`; its end falls on `anchorDay` (clamped to shorter months).
    public func period(startingOn start: CalendarDate, anchorDay: Int) -> DatePeriod {
        let end = start.adding(months: months, anchorDay: anchorDay)
        // A period always has at least 28 days, so start < end holds.
        return (try? DatePeriod(start: start, end: end)) ?? DatePeriod.unchecked(start, start.adding(days: 1))
    }
}

extension DatePeriod {
    static func unchecked(_ start: CalendarDate, _ end: CalendarDate) -> DatePeriod {
        // Only for callers that have already ensured start < end.
        guard let period = try? DatePeriod(start: start, end: end) else {
            preconditionFailure("period \(start) ..< \(end) is empty")
        }
        return period
    }
}
