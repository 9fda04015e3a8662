import Billing
import HistoryStore

/// Gapless numbering with many writers: a series' next number is taken from its row of
/// `numbering` inside the issuing transaction.
///
/// The one statement that takes the number (an `INSERT … ON CONFLICT DO UPDATE … RETURNING`)
/// locks the series' row until the transaction ends: another transaction numbering in the same
/// series and year, on this machine or another, waits there and then reads the row as committed,
/// so no two documents share a number; a transaction that fails rolls its number back with it, so
/// none is skipped. A sequence (`nextval`) would not do: PostgreSQL never gives back a value a
/// failed transaction took, so it leaves gaps. The row is locked from the number until the commit;
/// an event should take its number last, after its checks, to hold the lock for the shortest time.
extension PostgresTransaction {
    /// The next number of `series` in `year` for a document dated `date`, taken in this
    /// transaction: if it rolls back, the number was never used.
    ///
    /// Numbers follow dates: a document dated before the latest one numbered in the series is
    /// refused with ``StoreError/outOfDateOrder(number:date:attempted:)`` unless the series
    /// allows back-dating; the series then keeps its latest date.
    func allocateNumber(
        _ series: DocumentSeries,
        year: Int,
        date: CalendarDate,
        allowsBackDating: Bool = false
    ) throws -> DocumentNumber {
        let taken = try execute(
            """
            INSERT INTO numbering AS n (series, year, last, last_date) VALUES ($1, $2, 1, $3)
            ON CONFLICT (series, year) DO UPDATE
                SET last = n.last + 1, last_date = GREATEST(n.last_date, EXCLUDED.last_date)
                WHERE EXCLUDED.last_date >= n.last_date OR $4::boolean
            RETURNING last
            """,
            [.text(series.rawValue), .integer(Int64(year)), .text(date.description), .text(String(allowsBackDating))]
        )
        if taken.count == 1, let text = taken.value(0, "last"), let sequence = Int(text) {
            return try DocumentNumber(series: series, year: year, sequence: sequence)
        }
        // Not taken: the document is dated before the series' latest (the row is still locked,
        // so what it holds is what refused it).
        let last = try execute(
            "SELECT last, last_date FROM numbering WHERE series = $1 AND year = $2",
            [.text(series.rawValue), .integer(Int64(year))]
        )
        guard let sequence = last.value(0, "last").flatMap({ Int($0) }), let lastDate = last.value(0, "last_date")
        else {
            throw StoreError.database("numbering of \(series.rawValue) \(year) has no last number or date")
        }
        throw StoreError.outOfDateOrder(
            number: try DocumentNumber(series: series, year: year, sequence: sequence).description,
            date: lastDate,
            attempted: date.description
        )
    }
}
