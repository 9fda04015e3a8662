import GRDB

/// SQLite's side of the seam ``StoreTransaction`` writes through: GRDB's connection, its
/// statements compiled once and kept in GRDB's cache, bound and stepped in `RawSQLite.swift`.
extension Database: StoreDatabase {
    package typealias Statement = GRDB.Statement
    package typealias ResultRow = RawRow

    package func statement(_ sql: String) throws -> GRDB.Statement {
        try cachedStatement(sql: sql)
    }

    @discardableResult
    package func run(_ statement: GRDB.Statement, _ arguments: [StoredArgument]) throws -> Int {
        try statement.run(binding: arguments, in: self)
    }

    @discardableResult
    package func run(_ statement: GRDB.Statement, _ columns: StoredColumns) throws -> Int {
        try statement.run(binding: columns, in: self)
    }

    package func first<T>(
        _ statement: GRDB.Statement,
        _ arguments: [StoredArgument],
        _ read: (RawRow) throws -> T
    )
        throws -> T?
    {
        try statement.first(binding: arguments, in: self, read)
    }

    package func all<T>(
        _ statement: GRDB.Statement,
        _ arguments: [StoredArgument],
        _ read: (RawRow) throws -> T
    )
        throws -> [T]
    {
        try statement.all(binding: arguments, in: self, read)
    }

    package func lastInsertedKey() throws -> Int64 { lastInsertedRowID }

    /// None: SQLite has one writer at a time, so an UPDATE and, when it changed nothing, an INSERT
    /// cannot race.
    package static var upsertsInOneStatement: Bool { false }

    package func upsertSQL(table: String, names: [String]) -> String? { nil }

    package func hasTable(_ name: String) throws -> Bool { try tableExists(name) }
}
