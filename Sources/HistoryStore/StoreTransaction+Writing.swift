/// Writing records through their mappings, one INSERT and one UPDATE statement per type kept for
/// the transaction (``StoredRecord``), the columns the mapping wrote bound and stepped by the
/// database (SQLite's C API in `RawSQLite.swift`).
extension StoreTransaction {
    /// Inserts `record`.
    func insert<Record: StoredRecord>(_ record: Record) throws {
        let columns = try record.columns()
        try db.run(try insertStatement(Record.self, columns), columns)
    }

    /// Inserts `record` and returns the key `column` the database generated for it (`events.seq`).
    func insert<Record: StoredRecord>(_ record: Record, returning column: String) throws -> Int64 {
        let columns = try record.columns()
        return try db.insertReturningKey(try insertStatement(Record.self, columns, returning: column), columns)
    }

    /// The INSERT statement of a mapping, built the first time and kept (one for each `returning`).
    private func insertStatement<Record: StoredRecord>(
        _ type: Record.Type,
        _ columns: StoredColumns,
        returning column: String? = nil
    ) throws -> Connection.Statement {
        let key = InsertKey(record: ObjectIdentifier(Record.self), returning: column)
        if let cached = inserts[key] { return cached }
        let placeholders = columns.names.map { _ in "?" }.joined(separator: ", ")
        let sql =
            "INSERT INTO \(Record.databaseTableName)(\(columns.names.joined(separator: ", "))) VALUES (\(placeholders))"
        let statement = try db.statement(column.map { db.insertSQL(sql, returning: $0) } ?? sql)
        inserts[key] = statement
        return statement
    }

    /// Updates the row whose first column (its key) is `record`'s, or inserts it when there is none.
    ///
    /// One statement where the database has one for it (PostgreSQL's `INSERT … ON CONFLICT`, which
    /// two writers cannot race), else an UPDATE and, when it changed nothing, an INSERT.
    func save<Record: StoredRecord>(_ record: Record) throws {
        let columns = try record.columns()
        let key = ObjectIdentifier(Record.self)
        let statement: Connection.Statement
        if let cached = updates[key] {
            statement = cached
        } else {
            // The key is ?1, the other columns ?2, ?3… in the mapping's order: bound as written.
            let names = columns.names
            let assignments = names.indices.dropFirst().map { "\(names[$0]) = ?\($0 + 1)" }
            let table = Record.databaseTableName
            let upsert = Connection.upsertsInOneStatement ? db.upsertSQL(table: table, names: names) : nil
            statement = try db.statement(
                upsert ?? "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE \(names[0]) = ?1"
            )
            updates[key] = statement
        }
        if try db.run(statement, columns) == 0, !Connection.upsertsInOneStatement { try insert(record) }
    }

    /// Updates only the columns in which `record` differs from `previous`, the row as this
    /// transaction read it (or last wrote it).
    ///
    /// A renewal changes a subscription's period and nothing else; setting every column made SQLite
    /// check the account's foreign key and rewrite the index by account each time (48 k
    /// instructions of a renewal's UPDATE). The mapping still writes every column; only the
    /// statement leaves out the ones that are the same. Falls back to ``save(_:)`` when the row is
    /// not there or the key differs.
    func update<Record: StoredRecord>(_ record: Record, from previous: Record) throws {
        let columns = try record.columns()
        let before = try previous.columns()
        // Without a JSON column (a subscription has none) the bound values are all the values:
        // no copy of them is made.
        let plain = columns.utf8Texts.isEmpty && before.utf8Texts.isEmpty
        let values = plain ? columns.bound : columns.values
        let previousValues = plain ? before.bound : before.values
        guard columns.names == before.names, let key = values.first, key == previousValues.first else {
            return try save(record)
        }
        let changed = values.indices.dropFirst().filter { values[$0] != previousValues[$0] }
        guard !changed.isEmpty else { return }
        let cacheKey = PartialUpdate(type: ObjectIdentifier(Record.self), columns: changed)
        let statement: Connection.Statement
        if let cached = partialUpdates[cacheKey] {
            statement = cached
        } else {
            // The key is ?1, the changed columns ?2, ?3… in the mapping's order.
            let assignments = changed.enumerated().map { "\(columns.names[$0.element]) = ?\($0.offset + 2)" }
            statement = try db.statement(
                "UPDATE \(Record.databaseTableName) SET \(assignments.joined(separator: ", ")) "
                    + "WHERE \(columns.names[0]) = ?1"
            )
            partialUpdates[cacheKey] = statement
        }
        var binding = [key]
        binding.reserveCapacity(changed.count + 1)
        for index in changed { binding.append(values[index]) }
        if try db.run(statement, binding) == 0 { try save(record) }
    }
}

/// The statement of an update of some of a mapping's columns (``StoreTransaction/update(_:from:)``).
struct PartialUpdate: Hashable {
    let type: ObjectIdentifier
    let columns: [Int]
}
