import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// PostgreSQL's client library, libpq (Debian's `libpq5`), loaded with `dlopen` on first use.
///
/// The one file that calls libpq (`make lint` refuses its API anywhere else). `ledgerprint` does
/// not link libpq: linked, it and the 23 libraries it needs (Kerberos, LDAP, OpenSSL…) cost every
/// start 4.3 ms of CPU, measured with `perf stat` on a program that only prints (0.25 → 4.5 ms),
/// which issue 22's start-up target cannot pay for users who never use PostgreSQL. libpq itself
/// does TLS (`sslmode`), `.pgpass`, `PGPASSWORD` and the other `PG…` variables.
///
/// `@unchecked Sendable`: the function pointers are set once when the library is loaded and never
/// change; libpq's functions are thread-safe for distinct connections.
struct LibPQ: @unchecked Sendable {
    typealias Connect =
        @convention(c) (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32) ->
        OpaquePointer?
    typealias Status = @convention(c) (OpaquePointer?) -> Int32
    typealias Text = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    typealias Finish = @convention(c) (OpaquePointer?) -> Void
    typealias Exec = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    typealias ExecParams =
        @convention(c) (
            OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?,
            UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
        ) -> OpaquePointer?
    typealias Prepare =
        @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?) ->
        OpaquePointer?
    typealias ExecPrepared =
        @convention(c) (
            OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
            UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
        ) -> OpaquePointer?
    typealias ErrorField = @convention(c) (OpaquePointer?, Int32) -> UnsafePointer<CChar>?
    typealias Count = @convention(c) (OpaquePointer?) -> Int32
    typealias FieldName = @convention(c) (OpaquePointer?, Int32) -> UnsafePointer<CChar>?
    typealias Value = @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    typealias IsNull = @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    typealias NoticeProcessor = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void
    typealias SetNoticeProcessor =
        @convention(c) (OpaquePointer?, NoticeProcessor?, UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?

    let connect: Connect
    let status: Status
    let errorMessage: Text
    let finish: Finish
    let exec: Exec
    let execParams: ExecParams
    let prepare: Prepare
    let execPrepared: ExecPrepared
    let resultStatus: Status
    let resultErrorField: ErrorField
    let resultErrorMessage: Text
    let rowCount: Count
    let fieldCount: Count
    let fieldName: FieldName
    let value: Value
    let isNull: IsNull
    let clear: Finish
    let setNoticeProcessor: SetNoticeProcessor
    let commandTuples: Text

    /// libpq, loaded the first time a PostgreSQL store is opened; or why it cannot be.
    static let loaded: Result<LibPQ, PGFailure> = Result { () throws(PGFailure) -> LibPQ in try LibPQ() }

    private init() throws(PGFailure) {
        guard let library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libpq.so", RTLD_NOW | RTLD_LOCAL)
        else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            throw PGFailure(
                sqlState: nil,
                message: "cannot load PostgreSQL's client library libpq.so.5 (install Debian's libpq5): \(reason)"
            )
        }
        func symbol<T>(_ name: String, _ type: T.Type) throws(PGFailure) -> T {
            guard let pointer = dlsym(library, name) else {
                throw PGFailure(sqlState: nil, message: "libpq.so.5 has no \(name): it is too old (need 10 or later)")
            }
            return unsafeBitCast(pointer, to: type)
        }
        connect = try symbol("PQconnectdbParams", Connect.self)
        status = try symbol("PQstatus", Status.self)
        errorMessage = try symbol("PQerrorMessage", Text.self)
        finish = try symbol("PQfinish", Finish.self)
        exec = try symbol("PQexec", Exec.self)
        execParams = try symbol("PQexecParams", ExecParams.self)
        prepare = try symbol("PQprepare", Prepare.self)
        execPrepared = try symbol("PQexecPrepared", ExecPrepared.self)
        resultStatus = try symbol("PQresultStatus", Status.self)
        resultErrorField = try symbol("PQresultErrorField", ErrorField.self)
        resultErrorMessage = try symbol("PQresultErrorMessage", Text.self)
        rowCount = try symbol("PQntuples", Count.self)
        fieldCount = try symbol("PQnfields", Count.self)
        fieldName = try symbol("PQfname", FieldName.self)
        value = try symbol("PQgetvalue", Value.self)
        isNull = try symbol("PQgetisnull", IsNull.self)
        clear = try symbol("PQclear", Finish.self)
        setNoticeProcessor = try symbol("PQsetNoticeProcessor", SetNoticeProcessor.self)
        commandTuples = try symbol("PQcmdTuples", Text.self)
    }

    /// `CONNECTION_OK`, `PGRES_COMMAND_OK`, `PGRES_TUPLES_OK` of `libpq-fe.h`.
    static let connectionOK: Int32 = 0
    static let commandOK: Int32 = 1
    static let tuplesOK: Int32 = 2
    /// `PG_DIAG_SQLSTATE` and `PG_DIAG_MESSAGE_PRIMARY` of `postgres_ext.h`.
    static let sqlStateField = Int32(UInt8(ascii: "C"))
    static let primaryMessageField = Int32(UInt8(ascii: "M"))
}

/// What libpq or the server reported: the SQLSTATE code when the server sent one, and the message.
struct PGFailure: Error, Equatable {
    /// The five-character SQLSTATE (`23505` unique violation, `40001` serialisation failure…).
    var sqlState: String?
    var message: String
}

/// A value bound to a statement's `$1`, `$2`…, sent as text: the server converts it to the
/// column's type (a date, a `bigint`) as it would a literal.
enum PGValue: Equatable {
    case null
    case text(String)
    case integer(Int64)
    /// UTF-8 text already encoded (a JSON column, ``StoredJSON``), sent as it is.
    case utf8([UInt8])
}

/// The rows a statement returned, copied out of libpq's result, every value as text.
struct PGRows {
    /// The columns' names, in order.
    var names: [String]
    /// Row after row, `names.count` values each; `nil` for SQL NULL.
    var values: [String?]
    /// How many rows an INSERT, UPDATE or DELETE changed (libpq's `PQcmdTuples`); 0 for others.
    var changed = 0

    /// How many rows there are.
    var count: Int { names.isEmpty ? 0 : values.count / names.count }

    /// The value of `column` in row `row`; `nil` for NULL or a column that is not there.
    func value(_ row: Int, _ column: String) -> String? {
        guard let index = names.firstIndex(of: column) else { return nil }
        return values[row * names.count + index]
    }
}

/// One connection to a PostgreSQL server, closed in `deinit`.
///
/// Not thread-safe: ``PostgresStore`` lets one thread at a time use it.
///
/// The statements the shared logic runs many times (``executePrepared(_:_:)``) are prepared once
/// on the server, parsed and planned there once, and named in ``prepared``: a name is this
/// connection's alone (the server forgets it when the connection ends), so the names live and die
/// with this object — a store reopened, or a second connection, prepares its own.
final class PGConnection {
    private let pq: LibPQ
    private let handle: OpaquePointer
    /// The statements prepared on this connection, their names by text.
    private(set) var prepared: [String: String] = [:]
    /// Each statement's text with `$N` placeholders, by the `?` text the shared logic wrote
    /// (``PostgresDatabase``), kept for the connection's life rather than one transaction's.
    var numbered: [String: String] = [:]
    /// How many distinct statements a connection prepares; others (a statement built with a
    /// varying number of values) are sent as text each time.
    static let preparedLimit = 400
    /// Statements sent to the server (each one round trip), for the tests and the measurements.
    private(set) var statementsSent = 0

    /// Connects with libpq's keywords (`host`, `port`, `dbname`, `user`, `password`, `sslmode`…);
    /// libpq fills in what is not given from the `PG…` variables and `.pgpass`.
    init(parameters: [(keyword: String, value: String)]) throws(PGFailure) {
        let pq = try LibPQ.loaded.get()
        self.pq = pq
        let keywords = parameters.map { strdup($0.keyword) } + [nil]
        let values = parameters.map { strdup($0.value) } + [nil]
        defer { for pointer in keywords + values { free(pointer) } }
        let connection = keywords.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { keys in
            values.map { $0.map { UnsafePointer($0) } }.withUnsafeBufferPointer { vals in
                pq.connect(keys.baseAddress, vals.baseAddress, 0)
            }
        }
        guard let connection else { throw PGFailure(sqlState: nil, message: "out of memory") }
        guard pq.status(connection) == LibPQ.connectionOK else {
            let message = pq.errorMessage(connection).map { String(cString: $0) } ?? "unknown error"
            pq.finish(connection)
            throw PGFailure(sqlState: nil, message: Self.oneLine(message))
        }
        handle = connection
        // The server's notices ("relation already exists, skipping") would go to standard error.
        _ = pq.setNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { pq.finish(handle) }

    /// Whether libpq has given the connection up (the server closed it or went away): it can never
    /// be used again.
    var isBroken: Bool { pq.status(handle) != LibPQ.connectionOK }

    /// Runs one statement with `arguments` bound to `$1`, `$2`…, and returns its rows (none for a
    /// statement that returns none).
    @discardableResult
    func execute(_ sql: String, _ arguments: [PGValue] = []) throws(PGFailure) -> PGRows {
        let texts = arguments.map(Self.text)
        defer { for text in texts { free(text) } }
        statementsSent += 1
        let result = texts.map { $0.map { UnsafePointer<CChar>($0) } }.withUnsafeBufferPointer { values in
            pq.execParams(handle, sql, Int32(arguments.count), nil, values.baseAddress, nil, nil, 0)
        }
        return try rows(of: result)
    }

    /// Runs `sql` as ``execute(_:_:)`` does, through a statement prepared on this connection the
    /// first time (`PQprepare`, one more round trip) and run by name after (`PQexecPrepared`):
    /// the server parses and plans it once, not every time.
    ///
    /// A statement whose preparing failed (in a transaction already failed, say) is not named: the
    /// next time prepares it again. A statement prepared in a transaction that rolled back stays
    /// prepared (preparing is not part of the transaction). Past ``preparedLimit`` statements, a
    /// new one is sent as text.
    @discardableResult
    func executePrepared(_ sql: String, _ arguments: [PGValue] = []) throws(PGFailure) -> PGRows {
        let name: String
        if let known = prepared[sql] {
            name = known
        } else if prepared.count < Self.preparedLimit {
            name = "ledgerprint_\(prepared.count + 1)"
            statementsSent += 1
            _ = try rows(of: pq.prepare(handle, name, sql, 0, nil))
            prepared[sql] = name
        } else {
            return try execute(sql, arguments)
        }
        let texts = arguments.map(Self.text)
        defer { for text in texts { free(text) } }
        statementsSent += 1
        let result = texts.map { $0.map { UnsafePointer<CChar>($0) } }.withUnsafeBufferPointer { values in
            pq.execPrepared(handle, name, Int32(arguments.count), values.baseAddress, nil, nil, 0)
        }
        return try rows(of: result)
    }

    /// `argument` as the NUL-terminated text libpq sends, allocated with `malloc`; `nil` for NULL.
    private static func text(_ argument: PGValue) -> UnsafeMutablePointer<CChar>? {
        switch argument {
        case .null: return nil
        case .text(let text): return strdup(text)
        case .integer(let value): return strdup(String(value))
        case .utf8(let bytes):
            // NUL-terminated, as libpq reads a text parameter.
            guard let copy = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self) else { return nil }
            bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { _ = memcpy(copy, base, bytes.count) }
            }
            copy[bytes.count] = 0
            return copy
        }
    }

    /// Runs statements separated by semicolons, with no arguments (a migration's script).
    func run(script sql: String) throws(PGFailure) {
        statementsSent += 1
        _ = try rows(of: pq.exec(handle, sql))
    }

    private func rows(of result: OpaquePointer?) throws(PGFailure) -> PGRows {
        guard let result else {
            throw PGFailure(
                sqlState: nil,
                message: Self.oneLine(pq.errorMessage(handle).map { String(cString: $0) } ?? "")
            )
        }
        defer { pq.clear(result) }
        let status = pq.resultStatus(result)
        guard status == LibPQ.commandOK || status == LibPQ.tuplesOK else {
            let state = pq.resultErrorField(result, LibPQ.sqlStateField).map { String(cString: $0) }
            let message =
                pq.resultErrorField(result, LibPQ.primaryMessageField).map { String(cString: $0) }
                ?? pq.resultErrorMessage(result).map { String(cString: $0) } ?? "unknown error"
            throw PGFailure(sqlState: state, message: Self.oneLine(message))
        }
        let columns = pq.fieldCount(result)
        let count = pq.rowCount(result)
        var rows = PGRows(
            names: (0..<columns).map { pq.fieldName(result, $0).map { String(cString: $0) } ?? "" },
            values: []
        )
        rows.changed = pq.commandTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        rows.values.reserveCapacity(Int(columns * count))
        for row in 0..<count {
            for column in 0..<columns {
                rows.values.append(
                    pq.isNull(result, row, column) != 0
                        ? nil : pq.value(result, row, column).map { String(cString: $0) }
                )
            }
        }
        return rows
    }

    /// libpq's message on one line: its lines joined, tabs and the final newline gone.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
