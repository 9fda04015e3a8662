import GRDB

/// Writing records through their mappings, one INSERT and one UPDATE statement per type kept for
/// the transaction (``StoredRecord``).
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
        try statement.execute(arguments: StatementArguments(columns.values))
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
            let names = columns.names
            let assignments = names.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")
            statement = try db.cachedStatement(
                sql: "UPDATE \(Record.databaseTableName) SET \(assignments) WHERE \(names[0]) = ?"
            )
            updates[key] = statement
        }
        try statement.execute(arguments: StatementArguments(Array(columns.values.dropFirst()) + [columns.values[0]]))
        if db.changesCount == 0 { try insert(record) }
    }
}
