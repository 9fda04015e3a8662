import HistoryStore

/// PostgreSQL's side of the seam ``StoreTransaction`` writes through (`StoreDatabase`): one
/// connection, the statements' `?` and `?N` placeholders written `$N` once per statement text,
/// each statement prepared once per connection, every value sent and read back as text.
///
/// Used by one thread at a time: ``PostgresStore`` holds the connection behind a lock for the
/// length of a transaction.
package final class PostgresDatabase: StoreDatabase {
    let connection: PGConnection

    init(_ connection: PGConnection) {
        self.connection = connection
    }

    /// The statement with `$N` placeholders, rewritten once per connection (the connection keeps
    /// it, as it keeps the statement prepared on the server: ``PGConnection/executePrepared(_:_:)``).
    package func statement(_ sql: String) throws -> String {
        if let known = connection.numbered[sql] { return known }
        let text = Self.numberedPlaceholders(sql)
        connection.numbered[sql] = text
        return text
    }

    @discardableResult
    package func run(_ statement: String, _ arguments: [StoredArgument]) throws -> Int {
        try connection.executePrepared(statement, arguments.map(Self.value)).changed
    }

    @discardableResult
    package func run(_ statement: String, _ columns: StoredColumns) throws -> Int {
        var values = columns.bound.map(Self.value)
        for (index, bytes) in columns.utf8Texts { values[index] = .utf8(bytes) }
        return try connection.executePrepared(statement, values).changed
    }

    package func first<T>(_ statement: String, _ arguments: [StoredArgument], _ read: (PGRow) throws -> T) throws -> T?
    {
        let rows = try connection.executePrepared(statement, arguments.map(Self.value))
        return rows.count > 0 ? try read(PGRow(rows: rows, index: 0)) : nil
    }

    package func all<T>(_ statement: String, _ arguments: [StoredArgument], _ read: (PGRow) throws -> T) throws -> [T] {
        let rows = try connection.executePrepared(statement, arguments.map(Self.value))
        return try (0..<rows.count).map { index in try read(PGRow(rows: rows, index: index)) }
    }

    /// `lastval()`: the value the connection's last `nextval` gave, `events.seq`'s identity included.
    package func lastInsertedKey() throws -> Int64 {
        let rows = try connection.executePrepared("SELECT lastval() AS key")
        guard let text = rows.value(0, "key"), let key = Int64(text) else {
            throw StoreError.database("PostgreSQL gave no key for the row just inserted")
        }
        return key
    }

    /// `sql` with `RETURNING column`: the key comes back with the INSERT, one round trip, not two.
    package func insertSQL(_ sql: String, returning column: String) -> String { sql + " RETURNING \(column)" }

    package func insertReturningKey(_ statement: String, _ columns: StoredColumns) throws -> Int64 {
        var values = columns.bound.map(Self.value)
        for (index, bytes) in columns.utf8Texts { values[index] = .utf8(bytes) }
        let rows = try connection.executePrepared(statement, values)
        guard let text = rows.values.first ?? nil, let key = Int64(text) else {
            throw StoreError.database("PostgreSQL gave no key for the row just inserted")
        }
        return key
    }

    /// `INSERT … ON CONFLICT (key) DO UPDATE`: two writers saving the same row cannot both insert it.
    package static var upsertsInOneStatement: Bool { true }

    package func upsertSQL(table: String, names: [String]) -> String? {
        let assignments = names.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(names.joined(separator: ", "))) "
            + "VALUES (\(names.map { _ in "?" }.joined(separator: ", "))) "
            + "ON CONFLICT (\(names[0])) DO UPDATE SET \(assignments)"
    }

    package func hasTable(_ name: String) throws -> Bool {
        try connection.execute(
            "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1",
            [.text(name)]
        ).value(0, "n") != "0"
    }

    static func value(_ argument: StoredArgument) -> PGValue {
        switch argument {
        case .null: return .null
        case .integer(let value): return .integer(value)
        case .text(let text): return .text(text)
        }
    }

    /// `sql` with each `?` outside a quoted string or name written `$1`, `$2`… in order, and each
    /// `?N` written `$N`.
    static func numberedPlaceholders(_ sql: String) -> String {
        var result = ""
        var number = 0
        var quote: Character?
        var characters = sql.makeIterator()
        var pending = characters.next()
        while let character = pending {
            pending = characters.next()
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "?" {
                if let digit = pending, digit.isASCII, digit.isNumber {
                    result += "$"
                    while let next = pending, next.isASCII, next.isNumber {
                        result.append(next)
                        pending = characters.next()
                    }
                } else {
                    number += 1
                    result += "$\(number)"
                }
                continue
            }
            result.append(character)
        }
        return result
    }
}

/// A row PostgreSQL returned, read by the mappings by column name; every value is text.
package struct PGRow: TextStoredRow {
    let rows: PGRows
    let index: Int

    package func optionalText(_ column: String) throws -> String? {
        guard let position = rows.names.firstIndex(of: column) else {
            throw StoreError.database("the query returned no column \(column)")
        }
        return rows.values[index * rows.names.count + position]
    }

}
