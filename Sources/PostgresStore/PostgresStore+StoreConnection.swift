import HistoryStore

/// The PostgreSQL store behind the seam the two stores share (``StoreConnection``): the shared
/// reads (``StoreReads``) run on it unchanged.
extension PostgresStore: StoreConnection {
    /// The rows `sql` returns, its `?` placeholders rewritten as `$1`, `$2`…, in one transaction.
    public func rows(_ sql: String, _ arguments: [StoredArgument]) throws(StoreError) -> [StoreRowValues] {
        let values = arguments.map { argument -> PGValue in
            switch argument {
            case .null: return .null
            case .integer(let value): return .integer(value)
            case .text(let text): return .text(text)
            }
        }
        return try transaction { transaction in
            let rows = try transaction.execute(Self.numberedPlaceholders(sql), values)
            let width = rows.names.count
            return (0..<rows.count).map { row in
                StoreRowValues(names: rows.names, values: Array(rows.values[row * width..<(row + 1) * width]))
            }
        }
    }

    /// `sql` with each `?` outside a quoted string or name written `$1`, `$2`… in order (`?N` as `$N`).
    static func numberedPlaceholders(_ sql: String) -> String { PostgresDatabase.numberedPlaceholders(sql) }
}
