import GRDB
internal import GRDBSQLite

/// The one file that calls SQLite's C API (`make lint` refuses it anywhere else).
///
/// ``StoreTransaction`` writes every record by binding the columns its one mapping wrote
/// (``StoredColumns``) into a statement GRDB compiled and keeps in its cache, and stepping it
/// here. GRDB's general path checks the arguments, builds a cursor and tells its observers before
/// and after every statement, which for the dozen statements of a renewal cost more than SQLite's
/// own work (`docs/performance.md`). GRDB still owns, compiles and finalises the statement; it is
/// reset when done, so GRDB finds it ready to reuse. Errors are GRDB's `DatabaseError`, with
/// SQLite's message and extended code, as GRDB would have thrown them.
extension GRDB.Statement {
    /// Binds `values` to the parameters `?1`, `?2`… in order, runs the statement (which returns
    /// no rows) and resets it; returns how many rows it changed.
    @discardableResult
    func run(binding values: [StoredArgument], in db: Database) throws -> Int {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        try bind(values, db)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let error = Self.error(code, db, sql)
            sqlite3_reset(statement)
            throw error
        }
        sqlite3_reset(statement)
        return Self.changes(db)
    }

    /// Binds a mapping's `columns` to `?1`, `?2`… in order (JSON as its UTF-8 bytes), runs the
    /// statement (which returns no rows) and resets it; returns how many rows it changed.
    @discardableResult
    func run(binding columns: StoredColumns, in db: Database) throws -> Int {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        try bind(columns.bound, db)
        for (offset, bytes) in columns.utf8Texts {
            let code = bytes.withUnsafeBufferPointer { utf8 in
                withUnsafePointer(to: 0 as CChar) { empty in
                    sqlite3_bind_text(
                        statement,
                        Int32(offset + 1),
                        utf8.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? empty,
                        Int32(utf8.count),
                        transient
                    )
                }
            }
            guard code == SQLITE_OK else { throw Self.error(code, db, sql) }
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let error = Self.error(code, db, sql)
            sqlite3_reset(statement)
            throw error
        }
        sqlite3_reset(statement)
        return Self.changes(db)
    }

    /// How many rows the last statement of `db` changed.
    private static func changes(_ db: Database) -> Int {
        db.sqliteConnection.map { Int(sqlite3_changes($0)) } ?? 0
    }

    /// Runs the statement with `values` bound in order and hands its first row to `read`.
    ///
    /// Returns `nil` when there is no row. For the small queries every event runs (a number, a
    /// sum, whether a key exists), where GRDB's cursor and row cost more than SQLite's work.
    func first<T>(binding values: [StoredArgument], in db: Database, _ read: (RawRow) throws -> T) throws -> T? {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        defer { sqlite3_reset(statement) }
        try bind(values, db)
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return try read(RawRow(statement: statement, names: columnNames))
        case SQLITE_DONE: return nil
        case let code: throw Self.error(code, db, sql)
        }
    }

    /// Runs the statement with `values` bound in order and hands each row to `read`, in order.
    ///
    /// For the few rows every event reads besides its record (an account's purchase orders).
    func all<T>(binding values: [StoredArgument], in db: Database, _ read: (RawRow) throws -> T) throws -> [T] {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        defer { sqlite3_reset(statement) }
        try bind(values, db)
        var rows: [T] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: rows.append(try read(RawRow(statement: statement, names: columnNames)))
            case SQLITE_DONE: return rows
            case let code: throw Self.error(code, db, sql)
            }
        }
    }

    private func bind(_ values: [StoredArgument], _ db: Database) throws {
        let statement = sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(statement, index)
            case .integer(let integer):
                code = sqlite3_bind_int64(statement, index, integer)
            case .text(var text):
                code = text.withUTF8 { bytes in
                    // An empty buffer may have no address, and a NULL pointer would bind NULL, not "".
                    withUnsafePointer(to: 0 as CChar) { empty in
                        sqlite3_bind_text(
                            statement,
                            index,
                            bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) } ?? empty,
                            Int32(bytes.count),
                            transient
                        )
                    }
                }
            }
            guard code == SQLITE_OK else { throw Self.error(code, db, sql) }
        }
    }

    private static func error(_ code: Int32, _ db: Database, _ sql: String) -> DatabaseError {
        let extended = db.sqliteConnection.map { sqlite3_extended_errcode($0) } ?? code
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: extended), message: message, sql: sql)
    }
}

/// The row a statement stepped by ``GRDB/Statement/first(binding:in:_:)`` is on.
///
/// Read by column index or, for a mapping (``StoredRow``), by name; valid only inside the closure
/// it is handed to. Unlike GRDB's row it builds nothing to find a column: the names are the
/// statement's, which GRDB works out once per statement.
package struct RawRow: StoredRow {
    fileprivate let statement: OpaquePointer
    fileprivate let names: [String]

    /// The integer in `column`, `nil` for NULL.
    func int64(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
    }

    /// The text in `column`, `nil` for NULL; all of it, a NUL character included.
    func text(_ column: Int32) -> String? {
        // The pointer first, then its length, as SQLite's documentation asks.
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The UTF-8 bytes of the text in `column`, `nil` for NULL: a JSON column's, for the tape
    /// to parse as they are, without making and checking a Swift string of them first.
    func utf8(_ column: Int32) -> [UInt8]? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }

    private func index(_ column: String, _ type: Int32, _ what: String) throws -> Int32? {
        guard let index = names.firstIndex(of: column) else {
            throw StoreError.database("the store has no column \(column) where \(what) was expected")
        }
        let found = sqlite3_column_type(statement, Int32(index))
        if found == SQLITE_NULL { return nil }
        guard found == type else {
            throw StoreError.database("column \(column) does not hold \(what)")
        }
        return Int32(index)
    }

    package func optionalText(_ column: String) throws -> String? {
        try index(column, SQLITE_TEXT, "text").flatMap { text($0) }
    }

    package func text(_ column: String) throws -> String {
        guard let text = try optionalText(column) else { throw StoreError.database("column \(column) is NULL") }
        return text
    }

    package func utf8(_ column: String) throws -> [UInt8] {
        guard let bytes = try index(column, SQLITE_TEXT, "text").flatMap({ utf8($0) }) else {
            throw StoreError.database("column \(column) is NULL")
        }
        return bytes
    }

    package func optionalInt64(_ column: String) throws -> Int64? {
        try index(column, SQLITE_INTEGER, "an integer").flatMap { int64($0) }
    }

    package func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else { throw StoreError.database("column \(column) is NULL") }
        return value
    }

    package func integer(_ column: String) throws -> Int { Int(try int64(column)) }
}

/// SQLite's `SQLITE_TRANSIENT`: it copies a bound value before the call returns.
private var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
