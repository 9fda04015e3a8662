import ArgumentParser
import Billing
import Foundation

extension StoreOptions {
    /// Today by the machine's clock, in its time zone.
    ///
    /// Read with the C library's `localtime_r` (`TZ`, else `/etc/localtime`, as `TimeZone.current`
    /// reads them): Foundation's calendar looked the zone up in ICU on every command (issue 22).
    static func clockDate() throws -> CalendarDate {
        var clock = time(nil)
        var parts = tm()
        guard localtime_r(&clock, &parts) != nil else {
            throw Failure(.storeError, "the machine's clock cannot be read as a local date")
        }
        return try CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }

    /// `date`, given by `--today` or `LEDGERPRINT_TODAY`, if it is within a year of the clock's
    /// date or the user confirmed it (`--yes`, `LEDGERPRINT_YES=1`): a mistyped year would
    /// otherwise issue years of invoices at once (issue 25, D20).
    func confirmed(_ date: CalendarDate) throws -> CalendarDate {
        let clock = try Self.clockDate()
        let distance = clock.days(until: date)
        guard abs(distance) > 366, !yes, ProcessInfo.processInfo.environment["LEDGERPRINT_YES"] != "1" else {
            return date
        }
        let years = (abs(distance) + 182) / 365
        let direction = distance > 0 ? "after" : "before"
        let span = years >= 2 ? "\(years) years" : "more than a year"
        throw Failure(
            .usage,
            "the date to act on, \(date), is \(span) \(direction) today's date by the clock (\(clock)):"
                + " if that is meant, add --yes (or set LEDGERPRINT_YES=1); nothing was changed"
        )
    }
}
