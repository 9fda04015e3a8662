import Billing
import EventLog
import GRDB

/// A row a mapping reads its columns from, by name: GRDB's `Row`, or the row of a statement
/// stepped in `RawSQLite.swift` (``RawRow``) for the records every event reads.
package protocol StoredRow {
    func text(_ column: String) throws -> String
    func optionalText(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int
    func int64(_ column: String) throws -> Int64
    func optionalInt64(_ column: String) throws -> Int64?
    /// The UTF-8 bytes of the text in `column`, for a JSON column's decoder.
    func utf8(_ column: String) throws -> [UInt8]
}

extension StoredRow {
    package func utf8(_ column: String) throws -> [UInt8] { Array(try text(column).utf8) }
}

/// A row whose values all arrive as text (libpq's rows): the numbers and the
/// required values are read from ``optionalText(_:)`` once, here, for every such row.
package protocol TextStoredRow: StoredRow {}

extension TextStoredRow {
    package func text(_ column: String) throws -> String {
        guard let text = try optionalText(column) else {
            throw StoreError.database("column \(column) is NULL where a value was expected")
        }
        return text
    }

    package func integer(_ column: String) throws -> Int { Int(try int64(column)) }

    package func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else {
            throw StoreError.database("column \(column) is NULL where a number was expected")
        }
        return value
    }

    package func optionalInt64(_ column: String) throws -> Int64? {
        guard let text = try optionalText(column) else { return nil }
        guard let value = Int64(text) else {
            throw StoreError.database("column \(column) holds '\(text)', which is not a whole number")
        }
        return value
    }
}

extension Row: StoredRow {
    package func text(_ column: String) throws -> String { try decode(String.self, forColumn: column) }

    package func optionalText(_ column: String) throws -> String? { try decode(String?.self, forColumn: column) }

    package func integer(_ column: String) throws -> Int { try decode(Int.self, forColumn: column) }

    package func int64(_ column: String) throws -> Int64 { try decode(Int64.self, forColumn: column) }

    package func optionalInt64(_ column: String) throws -> Int64? { try decode(Int64?.self, forColumn: column) }
}

/// How the mappings read Billing values from columns: dates as `YYYY-MM-DD` text, amounts as
/// minor units in the record's currency, nested detail as the event log's compact JSON.
///
/// Every read throws, naming the column, instead of trapping: a store written by another program
/// may be wrong.
extension StoredRow {
    func date(_ column: String) throws -> CalendarDate { try CalendarDate(text(column)) }

    func optionalDate(_ column: String) throws -> CalendarDate? {
        try optionalText(column).map { try CalendarDate($0) }
    }

    func currency(_ column: String = "currency") throws -> Currency { try Currency(code: text(column)) }

    func money(_ column: String, in currency: Currency) throws -> Money {
        Money(minorUnits: try int64(column), currency: currency)
    }

    func optionalMoney(_ column: String, in currency: Currency) throws -> Money? {
        try optionalInt64(column).map { Money(minorUnits: $0, currency: currency) }
    }

    func number(_ column: String, in series: DocumentSeries = .invoice) throws -> DocumentNumber {
        try DocumentNumber(parsing: text(column), series: series)
    }

    func optionalNumber(_ column: String) throws -> DocumentNumber? {
        try optionalText(column).map { try DocumentNumber(parsing: $0) }
    }

    /// A raw-value enum stored as its raw value; an unknown one names the column and what it holds.
    func value<T: RawRepresentable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        let raw = try text(column)
        guard let value = T(rawValue: raw) else {
            throw StoreError.database("column \(column) holds '\(raw)', which is not a \(T.self)")
        }
        return value
    }

    /// The nested detail JSON of `column`, decoded.
    func json<T: Decodable>(_ type: T.Type, _ column: String = "detail") throws -> T {
        try EventLogJSON.decode(type, from: try utf8(column))
    }
}

/// How the mappings write amounts: minor units, refusing an amount in another currency than the
/// record's, which a single `currency` column could not keep.
enum StoredValue {
    /// `field` names the amount in the error; it is worked out only then (formatting the number
    /// for every amount of every invoice was 3 % of writing one).
    static func minorUnits(_ money: Money, in currency: Currency, _ field: @autoclosure () -> String) throws -> Int64 {
        guard money.currency == currency else {
            throw StoreError.database("\(field()) is in \(money.currency), not in the record's currency \(currency)")
        }
        return money.minorUnits
    }

    static func json(_ value: some Encodable) throws -> StoredJSON {
        StoredJSON(bytes: try EventLogJSON.encode(value))
    }
}
