import GRDB
internal import GRDBSQLite

/// A value bound to a statement's parameter through SQLite's C API.
protocol SQLArgument {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32
}

/// A value read from a result column through SQLite's C API.
protocol SQLColumnValue {
    init(column: Int32, of statement: OpaquePointer)
}

/// The statements every event runs (reading its account and subscription, saving them, numbering
/// and inserting its documents, appending to the log), taken from GRDB's statement cache and
/// driven through SQLite's C API.
///
/// GRDB's general path converts every argument to a `DatabaseValue`, builds an argument array and
/// a cursor object per statement and tells its observers before and after; for the dozen
/// statements of a renewal that bookkeeping cost more than SQLite's own work
/// (`docs/performance.md`). Here arguments are bound straight from Swift values and the statement
/// is reset when done, so GRDB still owns, compiles and finalises it and finds it ready to reuse.
/// Errors are GRDB's `DatabaseError`, with SQLite's message and extended code.
enum HotStatement {
    /// Runs `sql`, which returns no rows.
    static func execute(_ db: Database, _ sql: SQLText, _ arguments: [any SQLArgument]) throws {
        let statement = try prepared(db, sql, arguments)
        defer { sqlite3_reset(statement) }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code, db, sql) }
    }

    /// The first column of the first row of `sql`, or `nil` when there is no row or it is NULL.
    static func one<T: SQLColumnValue>(
        _ type: T.Type,
        _ db: Database,
        _ sql: SQLText,
        _ arguments: [any SQLArgument]
    ) throws -> T? {
        let statement = try prepared(db, sql, arguments)
        defer { sqlite3_reset(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            return sqlite3_column_type(statement, 0) == SQLITE_NULL ? nil : T(column: 0, of: statement)
        case SQLITE_DONE:
            return nil
        case let code:
            throw error(code, db, sql)
        }
    }

    /// The first column of the first row of `sql` as bytes handed to `body` before the statement is
    /// reset (no `String` is made); `body` gets `nil` when there is no row or it is NULL.
    static func withBytes<R>(
        _ db: Database,
        _ sql: SQLText,
        _ arguments: [any SQLArgument],
        _ body: (UnsafeBufferPointer<UInt8>?) throws -> R
    ) throws -> R {
        let statement = try prepared(db, sql, arguments)
        defer { sqlite3_reset(statement) }
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            guard sqlite3_column_type(statement, 0) != SQLITE_NULL else { return try body(nil) }
            // The pointer first, then its length, as SQLite's documentation asks.
            let bytes = sqlite3_column_blob(statement, 0)
            let count = Int(sqlite3_column_bytes(statement, 0))
            guard let bytes else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try body(UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: count))
        case SQLITE_DONE:
            return try body(nil)
        case let code:
            throw error(code, db, sql)
        }
    }

    private static func prepared(
        _ db: Database,
        _ sql: SQLText,
        _ arguments: [any SQLArgument]
    ) throws -> OpaquePointer {
        let statement = try handle(db, sql)
        sqlite3_reset(statement)
        for (offset, argument) in arguments.enumerated() {
            let code = argument.bind(to: statement, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw error(code, db, sql) }
        }
        return statement
    }

    /// The compiled statement: GRDB's cache finds it by hashing the whole text, so within one
    /// transaction the handles of static texts are also kept by their address.
    private static func handle(_ db: Database, _ sql: SQLText) throws -> OpaquePointer {
        guard case .fixed(let text) = sql, text.hasPointerRepresentation, let memo = TransactionMemo.current(for: db)
        else {
            return try db.cachedStatement(sql: sql.text).sqliteStatement
        }
        let key = UnsafeRawPointer(text.utf8Start)
        if let statement = memo.handles[key] { return statement }
        let statement = try db.cachedStatement(sql: sql.text).sqliteStatement
        memo.handles[key] = statement
        return statement
    }

    private static func error(_ code: Int32, _ db: Database, _ sql: SQLText) -> DatabaseError {
        let extended = db.sqliteConnection.map { sqlite3_extended_errcode($0) } ?? code
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: sql.text)
    }
}

/// The text of a statement: a literal, or one built at run time (a table's name put in).
enum SQLText: ExpressibleByStringLiteral {
    case fixed(StaticString)
    case built(String)

    init(stringLiteral value: StaticString) {
        self = .fixed(value)
    }

    var text: String {
        switch self {
        case .fixed(let text): return text.description
        case .built(let text): return text
        }
    }
}

/// What one write transaction can keep for its own length: the statement handles it has used, by
/// the address of their literal text, and the settings (catalog, vendor) it has read or written.
///
/// GRDB finalises cached statements only when the connection closes or releases memory, neither of
/// which can happen inside a transaction on that connection, so a handle stays valid for as long
/// as this memo is current (``SQLiteStore/write(_:)``). No other connection can write while this
/// one holds its transaction, so a setting changes only through ``SQLiteStore/saveSetting(_:_:_:)``
/// here, which updates the memo; rolling back to a savepoint forgets the settings.
///
/// It is unchecked `Sendable` only to be a task-local value: it is made, bound and used by the one
/// thread running the transaction, and other threads (the warm-up reader) never see it.
final class TransactionMemo: @unchecked Sendable {
    let database: ObjectIdentifier
    var handles: [UnsafeRawPointer: OpaquePointer] = [:]
    var settings: [String: any Sendable] = [:]

    init(_ db: Database) {
        database = ObjectIdentifier(db)
    }

    /// The memo of the transaction running on this thread, if any.
    @TaskLocal static var current: TransactionMemo?

    /// The current memo if it belongs to `db`'s transaction.
    static func current(for db: Database) -> TransactionMemo? {
        guard let memo = current, memo.database == ObjectIdentifier(db) else { return nil }
        return memo
    }
}

/// SQLite copies the bytes it is given (`SQLITE_TRANSIENT`): a Swift string's storage may move.
private let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// Binds UTF-8 `bytes` as text (copied by SQLite).
private func bindText(_ bytes: UnsafeBufferPointer<UInt8>, to statement: OpaquePointer, at index: Int32) -> Int32 {
    // An empty buffer may have no address, which SQLite would bind as NULL.
    guard let base = bytes.baseAddress else { return sqlite3_bind_text(statement, index, "", 0, transient) }
    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
    }
}

extension String: SQLArgument {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        var text = self
        return text.withUTF8 { bindText($0, to: statement, at: index) }
    }
}

/// UTF-8 bytes bound as text: a record's JSON, bound without making a string of it first.
extension Array: SQLArgument where Element == UInt8 {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        withUnsafeBufferPointer { bindText($0, to: statement, at: index) }
    }
}

extension Int: SQLArgument {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, Int64(self))
    }
}

extension Int64: SQLArgument {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        sqlite3_bind_int64(statement, index, self)
    }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    func bind(to statement: OpaquePointer, at index: Int32) -> Int32 {
        guard let self else { return sqlite3_bind_null(statement, index) }
        return self.bind(to: statement, at: index)
    }
}

extension String: SQLColumnValue {
    init(column: Int32, of statement: OpaquePointer) {
        let text = sqlite3_column_text(statement, column)
        let count = Int(sqlite3_column_bytes(statement, column))
        guard let text else {
            self = ""
            return
        }
        self = String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}

extension Int: SQLColumnValue {
    init(column: Int32, of statement: OpaquePointer) {
        self = Int(sqlite3_column_int64(statement, column))
    }
}

extension Int64: SQLColumnValue {
    init(column: Int32, of statement: OpaquePointer) {
        self = sqlite3_column_int64(statement, column)
    }
}

extension Bool: SQLColumnValue {
    init(column: Int32, of statement: OpaquePointer) {
        self = sqlite3_column_int64(statement, column) != 0
    }
}
