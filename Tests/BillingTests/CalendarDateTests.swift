import Billing
import Testing

@Suite("Calendar dates and periods")
struct CalendarDateTests {
    @Test(arguments: [
        "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "26-11-27", "2026/11/27", "2026-11-7", "",
    ])
    func impossibleOrMalformedDatesAreRefused(text: String) {
        #expect(throws: BillingError.invalidDate(text)) { try CalendarDate(text) }
    }

    @Test func leapDaysExistOnlyInLeapYears() throws {
        #expect(try CalendarDate("2028-02-29").day == 29)
        #expect(try CalendarDate("2000-02-29").day == 29)
        #expect(throws: BillingError.self) { try CalendarDate("2100-02-29") }
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2028-01-31", 1, "2028-02-29"), ("2026-01-31", 2, "2026-03-31"),
        ("2026-03-31", 1, "2026-04-30"), ("2026-11-27", 12, "2027-11-27"), ("2028-02-29", 12, "2029-02-28"),
        ("2026-12-15", 1, "2027-01-15"),
    ])
    func addingMonthsClampsToTheMonthEnd(start: String, months: Int, expected: String) throws {
        #expect(try CalendarDate(start).adding(months: months).description == expected)
    }

    @Test func monthlyPeriodsReturnToTheAnchorDayAfterFebruary() throws {
        var start = try CalendarDate("2026-01-31")
        var ends: [String] = []
        for _ in 0..<3 {
            let period = BillingFrequency.monthly.period(startingOn: start, anchorDay: 31)
            ends.append(period.end.description)
            start = period.end
        }
        #expect(ends == ["2026-02-28", "2026-03-31", "2026-04-30"])
    }

    @Test(arguments: [
        ("2025-09-01", "2025-10-01", 30), ("2026-01-01", "2026-02-01", 31), ("2028-02-01", "2028-03-01", 29),
        ("2026-01-01", "2027-01-01", 365), ("2028-01-01", "2029-01-01", 366),
    ])
    func periodsCountTheirDaysHalfOpen(start: String, end: String, days: Int) throws {
        let period = try DatePeriod(start: CalendarDate(start), end: CalendarDate(end))
        #expect(period.days == days)
        #expect(period.contains(try CalendarDate(start)))
        #expect(!period.contains(try CalendarDate(end)))
    }

    @Test func dayNumbersRoundTrip() throws {
        for text in ["1970-01-01", "1600-03-01", "2000-02-29", "2026-11-27", "9999-12-31"] {
            let date = try CalendarDate(text)
            #expect(CalendarDate(dayNumber: date.dayNumber) == date)
        }
        #expect(try CalendarDate("1970-01-02").dayNumber == 1)
    }

    @Test func anEmptyPeriodIsRefused() throws {
        let day = try CalendarDate("2026-11-27")
        #expect(throws: BillingError.invalidPeriod(start: day, end: day)) { try DatePeriod(start: day, end: day) }
    }
}
