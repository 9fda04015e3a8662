/// What ``StoreTransaction`` needs from a database, so that SQLite and PostgreSQL share one logic
/// (issue 21, `docs/store.md`, "PostgreSQL: how the two stores share one logic").
///
/// Statements are written with `?` or `?N` placeholders, bound in order; a database whose SQL
/// writes them otherwise (PostgreSQL's `$1`) rewrites them. A statement is compiled once per
/// connection (``statement(_:)``) and the transaction keeps the ones it builds itself (a mapping's
/// INSERT and UPDATE), so a renewal hashes no SQL text for them.
///
/// `StoreTransaction` is generic over it rather than holding `any StoreDatabase`: with the
/// concrete database known, every call below is specialised and inlined as the SQLite-only code
/// was (`docs/performance.md`, session 11). GRDB's `Database` conforms directly
/// (`SQLiteStore+StoreDatabase.swift`), stepping GRDB's cached statements in `RawSQLite.swift`.
package protocol StoreDatabase: AnyObject {
    /// A statement compiled for this connection.
    associatedtype Statement
    /// The row a query is on while it is read, by column name (``StoredRow``).
    associatedtype ResultRow: StoredRow

    /// The statement `sql`, compiled once for the connection and kept.
    func statement(_ sql: String) throws -> Statement

    /// Runs `statement`, which returns no rows, with `arguments`; returns how many rows it changed.
    @discardableResult
    func run(_ statement: Statement, _ arguments: [StoredArgument]) throws -> Int

    /// Runs `statement` with a mapping's columns bound in order (JSON as its UTF-8 bytes); returns
    /// how many rows it changed.
    @discardableResult
    func run(_ statement: Statement, _ columns: StoredColumns) throws -> Int

    /// Runs `statement` and hands its first row to `read`; `nil` when there is none.
    func first<T>(
        _ statement: Statement,
        _ arguments: [StoredArgument],
        _ read: (ResultRow) throws -> T
    ) throws
        -> T?

    /// Runs `statement` and hands each row to `read`, in order.
    func all<T>(
        _ statement: Statement,
        _ arguments: [StoredArgument],
        _ read: (ResultRow) throws -> T
    ) throws
        -> [T]

    /// The key the last INSERT of this connection generated (`events.seq`).
    func lastInsertedKey() throws -> Int64

    /// The INSERT `sql` written to return the key `column` it generates (PostgreSQL's
    /// `RETURNING`), for ``insertReturningKey(_:_:)``; `sql` as it is where reading the key
    /// afterwards costs nothing (SQLite).
    func insertSQL(_ sql: String, returning column: String) -> String

    /// Runs an INSERT made by ``insertSQL(_:returning:)`` with a mapping's columns and returns the
    /// key it generated: on PostgreSQL in the same round trip, not a second one for `lastval()`.
    func insertReturningKey(_ statement: Statement, _ columns: StoredColumns) throws -> Int64

    /// Whether ``upsertSQL(table:names:)`` gives one statement that inserts or updates; when not,
    /// ``StoreTransaction/save(_:)`` updates, and inserts when nothing was updated (SQLite, one
    /// writer at a time, where the two cannot race).
    static var upsertsInOneStatement: Bool { get }

    /// One statement that inserts a row of `names` into `table` or, when its key (the first
    /// column) is taken, sets the other columns, binding the columns in order.
    func upsertSQL(table: String, names: [String]) -> String?

    /// Whether the store has the table `name` (a read-only SQLite store written by an older
    /// Ledgerprint may lack one that is only read).
    func hasTable(_ name: String) throws -> Bool
}

extension StoreDatabase {
    package func insertSQL(_ sql: String, returning column: String) -> String { sql }

    package func insertReturningKey(_ statement: Statement, _ columns: StoredColumns) throws -> Int64 {
        try run(statement, columns)
        return try lastInsertedKey()
    }

    /// Runs `sql`, which returns no rows, with `arguments`; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [StoredArgument] = []) throws -> Int {
        try run(try statement(sql), arguments)
    }

    /// The first row `sql` returns, read by `read`; `nil` when there is none.
    func first<T>(_ sql: String, _ arguments: [StoredArgument], _ read: (ResultRow) throws -> T) throws -> T? {
        try first(try statement(sql), arguments, read)
    }

    /// Every row `sql` returns, each read by `read`, in order.
    func all<T>(_ sql: String, _ arguments: [StoredArgument], _ read: (ResultRow) throws -> T) throws -> [T] {
        try all(try statement(sql), arguments, read)
    }

    /// The one record `sql` selects, read by its mapping; `nil` when there is none.
    func one<Record: StoredRecord>(
        _ type: Record.Type,
        _ sql: String,
        _ arguments: [StoredArgument]
    ) throws
        -> Record?
    {
        try first(sql, arguments) { row in try Record(columns: row) }
    }

    /// Every record `sql` selects, each read by its mapping, in order.
    func records<Record: StoredRecord>(
        _ type: Record.Type,
        _ sql: String,
        _ arguments: [StoredArgument]
    ) throws
        -> [Record]
    {
        try all(sql, arguments) { row in try Record(columns: row) }
    }
}

/// A value that binds as a ``StoredArgument``: what the mappings write into ``StoredColumns`` and
/// the transaction binds to its statements.
package protocol StoredArgumentConvertible {
    /// The value as bound.
    var storedArgument: StoredArgument { get }
}

extension String: StoredArgumentConvertible {
    /// The text.
    package var storedArgument: StoredArgument { .text(self) }
}

extension Int: StoredArgumentConvertible {
    /// The integer.
    package var storedArgument: StoredArgument { .integer(Int64(self)) }
}

extension Int64: StoredArgumentConvertible {
    /// The integer.
    package var storedArgument: StoredArgument { .integer(self) }
}

extension Optional: StoredArgumentConvertible where Wrapped: StoredArgumentConvertible {
    /// The value, or NULL.
    package var storedArgument: StoredArgument { self?.storedArgument ?? .null }
}

/// A value bound to a statement's placeholder (``StoreDatabase``) or written by a mapping (``StoredColumns``).
public enum StoredArgument: Sendable, Equatable {
    /// SQL NULL.
    case null
    /// A whole number.
    case integer(Int64)
    /// Text (a date as `YYYY-MM-DD`, JSON as its text).
    case text(String)
}
