import Foundation
import GRDB

/// A stored type's one mapping: how it reads a row (`init(row:)`) and writes its columns
/// (``write(to:)``), in the same order every time.
///
/// GRDB's `encode(to:)` follows from ``write(to:)``, so a mapping is also an ordinary GRDB record.
/// ``StoreTransaction`` writes through ``write(to:)`` directly, with one INSERT and one UPDATE
/// statement per type kept for the transaction: GRDB's general persistence path works out the
/// table's primary key, builds a container and the statement's text for every row, which was a
/// fifth of an import.
protocol StoredRecord: FetchableRecord, TableRecord, EncodableRecord {
    /// Reads the columns of `row`: a GRDB row, a row stepped in `RawSQLite.swift`, or one of any
    /// ``StoreDatabase``.
    init(columns row: some StoredRow) throws

    /// Writes every column, the same ones in the same order each time; the first is the key
    /// ``StoreTransaction/save(_:)`` updates by.
    func write(to columns: inout StoredColumns) throws
}

extension StoredRecord {
    /// The columns ``write(to:)`` writes, refusing text with a NUL character (``StoredColumns``).
    func columns() throws -> StoredColumns {
        var columns = StoredColumns()
        try write(to: &columns)
        if let (column, text) = columns.textWithNUL {
            throw StoreError.rejected(
                .invalidValue(
                    field: "\(Self.databaseTableName).\(column)",
                    // The NUL shown as its picture, ␀: printed as it is, it would end the message.
                    value: String(text.map { $0 == "\u{0}" ? "\u{2400}" : $0 }),
                    expected: "text without a NUL character (U+0000), which the store cannot keep; nothing was changed"
                )
            )
        }
        return columns
    }

    /// GRDB's reading of a row, through the one mapping.
    init(row: Row) throws {
        try self.init(columns: row)
    }

    func encode(to container: inout PersistenceContainer) throws {
        let columns = try columns()
        for (name, value) in zip(columns.names, columns.values) { container[name] = value.databaseValue }
    }
}

/// The columns a mapping writes, in order.
///
/// A text holding a NUL character is noted (``textWithNUL``) and refused by
/// ``StoredRecord/columns()``: GRDB binds and reads text as C strings on its own paths, so such a
/// text would come back cut at the NUL, silently. No import or CLI value can hold one (imports
/// refuse control characters, and a command-line argument cannot hold a NUL); this keeps any
/// other caller of the store from losing text.
package struct StoredColumns {
    package private(set) var names: [String] = []
    /// What is bound, in order; a JSON column's place holds NULL, its text is in ``utf8Texts``.
    package private(set) var bound: [StoredArgument] = []
    /// The JSON columns' text as UTF-8 bytes, with their position: bound as text as they are,
    /// with no `String` made (checking a string's UTF-8 was 8 k instructions of an invoice).
    package private(set) var utf8Texts: [(index: Int, bytes: [UInt8])] = []
    /// The first column written with text holding a NUL character, and its text, if any.
    private(set) var textWithNUL: (column: String, text: String)?

    init() {
        names.reserveCapacity(20)
        bound.reserveCapacity(20)
    }

    /// Every column's value, JSON as text: for GRDB's own paths and for comparing two rows.
    var values: [StoredArgument] {
        var values = bound
        for (index, bytes) in utf8Texts { values[index] = .text(String(decoding: bytes, as: UTF8.self)) }
        return values
    }

    /// Sets `column`; it reads back nothing (the mappings only write).
    ///
    /// Generic rather than taking `any StoredArgumentConvertible`: the existential cost 480
    /// instructions a column, and an invoice has nineteen.
    subscript<Value: StoredArgumentConvertible>(_ column: String) -> Value? {
        get { nil }
        set {
            let value = newValue?.storedArgument ?? .null
            // `memchr` over the bytes: the UTF8View's iterator took 28 k instructions an invoice,
            // a loop over the bytes 16 k (its JSON detail is the long text).
            if textWithNUL == nil, case .text(var text) = value,
                text.withUTF8({ bytes in bytes.baseAddress.flatMap { memchr($0, 0, bytes.count) } != nil })
            {
                textWithNUL = (column, text)
            }
            names.append(column)
            bound.append(value)
        }
    }

    /// Sets the JSON column `column` (``StoredValue/json(_:)``).
    ///
    /// JSON text holds no NUL: the encoder writes one as `\u0000`.
    subscript(_ column: String) -> StoredJSON? {
        get { nil }
        set {
            names.append(column)
            if let newValue { utf8Texts.append((bound.count, newValue.bytes)) }
            bound.append(.null)
        }
    }
}

extension StoredArgument {
    /// The value as GRDB binds it, for GRDB's own paths (migrations, ``StoredRecord``'s `encode(to:)`).
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let integer): return integer.databaseValue
        case .text(let text): return text.databaseValue
        }
    }
}

/// The compact JSON text of a value, as UTF-8 bytes, for a JSON column.
struct StoredJSON {
    let bytes: [UInt8]
}
