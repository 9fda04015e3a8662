/// A half-open range of days: from `start`, up to but not including `end`.
///
/// November 2026 is `2026-11-01 ..< 2026-12-01`, 30 days; periods that follow each other share a
/// boundary and never overlap.
public struct DatePeriod: Sendable, Hashable, CustomStringConvertible {
    /// The first day in the period.
    public let start: CalendarDate
    /// The first day after the period.
    public let end: CalendarDate

    /// Creates `start ..< end`.
    ///
    /// - Throws: ``BillingError/invalidPeriod(start:end:)`` unless `end` is after `start`.
    public init(start: CalendarDate, end: CalendarDate) throws(BillingError) {
        guard start < end else { throw .invalidPeriod(start: start, end: end) }
        self.start = start
        self.end = end
    }

    /// The calendar month `YYYY-MM`.
    public static func month(year: Int, month: Int) throws(BillingError) -> DatePeriod {
        let start = try CalendarDate(year: year, month: month, day: 1)
        return try DatePeriod(start: start, end: start.adding(months: 1))
    }

    /// The calendar year.
    public static func year(_ year: Int) throws(BillingError) -> DatePeriod {
        try DatePeriod(
            start: CalendarDate(year: year, month: 1, day: 1),
            end: CalendarDate(year: year + 1, month: 1, day: 1)
        )
    }

    /// The number of days in the period.
    public var days: Int { start.days(until: end) }

    /// The last day in the period.
    public var lastDay: CalendarDate { end.adding(days: -1) }

    /// Whether `date` falls in the period.
    public func contains(_ date: CalendarDate) -> Bool { start <= date && date < end }

    /// Whether the two periods share at least one day.
    public func overlaps(_ other: DatePeriod) -> Bool { start < other.end && other.start < end }

    /// "2026-11-01 ..< 2026-12-01".
    public var description: String { "\(start) ..< \(end)" }
}

extension DatePeriod: Codable {
    private enum CodingKeys: String, CodingKey {
        case start
        case end
    }

    /// Decodes `{"start": "2026-11-01", "end": "2026-12-01"}`, checking that the end is after the start.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(CalendarDate.self, forKey: .start)
        let end = try container.decode(CalendarDate.self, forKey: .end)
        do {
            try self.init(start: start, end: end)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .end, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the two boundaries.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // As `CalendarDate` encodes itself, `"YYYY-MM-DD"`, but as strings: cheaper to encode.
        try container.encode(start.description, forKey: .start)
        try container.encode(end.description, forKey: .end)
    }
}
