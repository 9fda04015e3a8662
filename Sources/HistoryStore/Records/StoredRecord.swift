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
    /// Writes every column, the same ones in the same order each time; the first is the key
    /// ``StoreTransaction/save(_:)`` updates by.
    func write(to columns: inout StoredColumns) throws
}

extension StoredRecord {
    func encode(to container: inout PersistenceContainer) throws {
        var columns = StoredColumns()
        try write(to: &columns)
        for (name, value) in zip(columns.names, columns.values) { container[name] = value }
    }
}

/// The columns a mapping writes, in order.
struct StoredColumns {
    private(set) var names: [String] = []
    private(set) var values: [DatabaseValue] = []

    init() {
        names.reserveCapacity(20)
        values.reserveCapacity(20)
    }

    /// Sets `column`; it reads back nothing (the mappings only write).
    subscript(_ column: String) -> (any DatabaseValueConvertible)? {
        get { nil }
        set {
            names.append(column)
            values.append(newValue?.databaseValue ?? .null)
        }
    }
}
