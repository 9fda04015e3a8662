import GRDB

/// ``SQLiteStore`` behind the seam the two stores share (``StoreConnection``).
extension SQLiteStore: StoreConnection {
    /// The rows `sql` returns, read through GRDB, every value as text.
    public func rows(_ sql: String, _ arguments: [StoredArgument]) throws(StoreError) -> [StoreRowValues] {
        let bound = StatementArguments(
            arguments.map { argument -> DatabaseValue in
                switch argument {
                case .null: return .null
                case .integer(let value): return value.databaseValue
                case .text(let text): return text.databaseValue
                }
            }
        )
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: bound).map { row in
                StoreRowValues(
                    names: Array(row.columnNames),
                    values: row.databaseValues.map { value -> String? in
                        switch value.storage {
                        case .null: return nil
                        case .int64(let integer): return String(integer)
                        case .double(let double): return String(double)
                        case .string(let text): return text
                        case .blob(let data): return String(decoding: data, as: UTF8.self)
                        }
                    }
                )
            }
        }
    }
}
