import Foundation

/// The time a document is printed, as the printed index records it: UTC, to the second, in ISO 8601
/// (`2026-12-04T23:10:42Z`, what `ISO8601DateFormatter` writes by default).
///
/// Formatted by hand: `ISO8601DateFormatter` opens an ICU calendar and time zone (ICU's data and
/// code paged in, 2.3 M instructions) for every document, which was a twentieth of the month-end
/// run's work per invoice besides its printing (issue 22, docs/performance.md).
enum Timestamp {
    /// Now, in UTC.
    static func now() -> String { string(time(nil)) }

    /// `seconds` since 1970 in UTC.
    static func string(_ seconds: time_t) -> String {
        var clock = seconds
        var parts = tm()
        guard gmtime_r(&clock, &parts) != nil else { return "1970-01-01T00:00:00Z" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        let year = String(parts.tm_year + 1900)
        return year + "-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday) + "T" + two(parts.tm_hour) + ":"
            + two(parts.tm_min) + ":" + two(parts.tm_sec) + "Z"
    }
}
