import Billing

/// The formats of the numbering series: which prefix and how many digits each year's numbers get.
extension StoreTransaction {
    /// The setting that holds every series' formats.
    static var numberFormatsSetting: String { "number-formats" }

    /// The formats set so far; the standard ones before any.
    func numberingScheme() throws -> NumberingScheme {
        try setting(Self.numberFormatsSetting, as: NumberingScheme.self) ?? .standard
    }

    /// The formats set so far, read outside a transaction.
    static func numberingScheme(_ db: Connection) throws -> NumberingScheme {
        try db.one(
            SettingRecord<NumberingScheme>.self,
            "SELECT * FROM settings WHERE name = ?",
            [
                .text(numberFormatsSetting)
            ]
        )?.value ?? .standard
    }

    /// Numbers `series` in `format` from the 1st of January of `year` on.
    ///
    /// A year the series has already numbered a document in keeps its format: numbers issued never
    /// change and a series never changes shape, or restarts, inside a year. So the change is refused
    /// for such a year, naming the first year it can take effect; a year before the event's is refused
    /// too. A prefix another series has, or had, is refused by ``NumberingScheme/setting(_:for:from:)``.
    func setNumberFormat(
        _ series: DocumentSeries,
        _ format: NumberFormat,
        from year: Int,
        on date: CalendarDate
    )
        throws
    {
        guard year >= date.year else {
            throw StoreError.rejected(
                .invalidValue(
                    field: "first year",
                    value: String(year),
                    expected: "\(date.year) or later: a format takes effect from the 1st of January of a year to come"
                )
            )
        }
        if let used = try db.first(
            "SELECT year, last FROM numbering WHERE series = ? AND year >= ? ORDER BY year DESC LIMIT 1",
            [.text(series.rawValue), .integer(Int64(year))],
            { row in
                (year: Int(try row.optionalInt64("year") ?? 0), last: Int(try row.optionalInt64("last") ?? 0))
            }
        ) {
            let scheme = try numberingScheme()
            let last = try DocumentNumber(
                series: series,
                year: used.year,
                sequence: max(1, used.last),
                format: scheme.format(of: series, in: used.year)
            )
            throw StoreError.rejected(
                .invalidValue(
                    field: "first year",
                    value: String(year),
                    expected: "a year the \(series.rawValue) series has not numbered in yet: it has issued up to "
                        + "\(last) and keeps its format until the year is over, so the change can take effect "
                        + "from \(used.year + 1)"
                )
            )
        }
        try saveSetting(Self.numberFormatsSetting, try numberingScheme().setting(format, for: series, from: year))
    }
}
