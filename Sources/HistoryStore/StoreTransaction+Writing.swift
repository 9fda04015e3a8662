import GRDB

/// Writing records through their mappings, one INSERT and one UPDATE statement per type kept for
/// the transaction (``StoredRecord``), the columns the mapping wrote bound and stepped through
/// SQLite's C API (`RawSQLite.swift`).
extension StoreTransaction {
    /// Inserts `record`.
    func insert<Record: StoredRecord>(_ record: Record) throws {
        var columns = StoredColumns()
        try record.write(to: &columns)
        let key = ObjectIdentifier(Record.self)
        let statement: GRDB.Statement
        if let cached = inserts[key] {
            statement = cached
        } else {
            let placeholders = columns.names.map { _ in "?" }.joined(separator: ", ")
            statement = try db.cachedStatement(
                sql: "INSERT INTO \(Record.databaseTableName)(\(columns.names.joined(separator: ", "))) "
                    + "VALUES (\(placeholders))"
            )
            inserts[key] = statement
        }
        try statement.run(binding: columns.values, in: db)
    }

    /// Updates the row whose first column (its key) is `record`'s, or inserts it when there is none.
    func save<Record: StoredRecord>(_ record: Record) throws {
        var columns = StoredColumns()
        try record.write(to: &columns)
        let key = ObjectIdentifier(Record.self)
        let statement: GRDB.Statement
        if let cached = updates[key] {
            statement = cached
        } else {
            // The key is ?1, the other columns ?2, ?3… in the mapping's order: bound as written.
            let names = columns.names
            let assignments = names.indices.dropFirst().map { "\(names[$0]) = ?\($0 + 1)" }
            let table = Record.databaseTableName
            statement = try db.cachedStatement(
                sql: "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE \(names[0]) = ?1"
            )
            updates[key] = statement
        }
        try statement.run(binding: columns.values, in: db)
        if db.changesCount == 0 { try insert(record) }
    }
}
