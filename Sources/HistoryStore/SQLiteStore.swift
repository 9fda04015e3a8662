import Billing
import EventLog
import Foundation
import GRDB

/// The billing history in one SQLite file (WAL mode): Ledgerprint's default store.
///
/// Every change is an ``StoreEvent`` applied in one transaction: the event is appended to the log,
/// and the records it produces (subscriptions, issued invoices with their numbers, credits) are
/// written with it, or nothing is. Issued documents and the log are append-only, enforced by
/// triggers in the database.
///
/// ```swift
/// let store = try SQLiteStore(path: "ledgerprint.sqlite")
/// try store.apply(StoreEvent(date: today, actor: .representative(name: "Marco"), action: .setCatalog(catalog)))
/// ```
///
/// The store is `Sendable`: GRDB's pool serialises writers, and SQLite's lock serialises writing
/// processes, so two processes issuing invoices at once never share a number.
public final class SQLiteStore: Sendable {
    /// The file's path.
    public let path: String
    /// The file's connections: GRDB's pool of a writer and readers, or one connection (``Connections``).
    let database: any DatabaseWriter
    /// Printed files that threads record at the same time, committed together (``recordPrinted(_:)``).
    let printedRows = GroupCommit<PrintedDocument>()

    /// Writes everything in the write-ahead log into the store file and closes every connection:
    /// afterwards the file alone is the whole store, and this object may not be used again.
    public func close() throws(StoreError) {
        do {
            _ = try database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try database.close()
        } catch {
            throw Self.translate(error)
        }
    }

    /// How a store connects to its file.
    public enum Connections: Sendable {
        /// A writer and readers that read beside it and each other (GRDB's `DatabasePool`): for a
        /// command or server that reads on several threads at once.
        case pool
        /// One connection that reads and writes (GRDB's `DatabaseQueue`), for a command that prints
        /// one document and records it: the second connection a pool opens for its first read parsed
        /// the whole schema again, and a pool makes sure of its write-ahead log at every start with a
        /// write of its own (GRDB issue 102), about 6 M instructions before the document was read
        /// (issue 22, docs/performance.md "start31, session 16"). A file a pool made stays in WAL
        /// mode, so other processes read and write beside it as before; the connection commits as
        /// the pool's writer does (`synchronous = NORMAL`).
        case one
    }

    /// Opens the store at `path`, creating it if the file does not exist, migrating an older one.
    ///
    /// - Throws: ``StoreError/notAStore(path:reason:)`` for a file that is not a Ledgerprint store
    ///   (left untouched), ``StoreError/newerVersion(path:migrations:)`` for one written by a newer
    ///   Ledgerprint, ``StoreError/database(_:)`` when SQLite cannot open it.
    public init(path: String, connections: Connections = .pool) throws(StoreError) {
        self.path = path
        try Self.checkIdentity(path)
        let readOnly = Self.isReadOnly(path)
        let setsSynchronous = connections == .one && !readOnly
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.label = "ledgerprint"
        configuration.prepareDatabase { db in
            // SQLite keeps the pages a savepoint or a statement changes in a sub-journal that spilled
            // to a temporary file past 64 KB: a month-end run, each renewal in a savepoint, wrote
            // half a gigabyte of them. In memory they cost a copy each.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // What a pool sets on its writer; a write-ahead log stays consistent with it, and a commit
            // does not wait for the disk.
            if setsSynchronous { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        if readOnly { Self.configureReadOnly(&configuration) }
        let location = readOnly ? Self.immutableURI(path) : path
        do {
            switch connections {
            case .pool: database = try DatabasePool(path: location, configuration: configuration)
            case .one: database = try DatabaseQueue(path: location, configuration: configuration)
            }
        } catch {
            throw Self.translate(error)
        }
        let migrator = Self.migrator
        let superseded: Bool
        let applied: Set<String>
        do {
            (superseded, applied) = try database.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.appliedIdentifiers(db))
            }
        } catch {
            throw Self.translate(error)
        }
        if superseded {
            throw .newerVersion(path: path, migrations: applied.subtracting(migrator.migrations).sorted())
        }
        if readOnly {
            // Triggers only guard writes: a read-only store without them reads the same.
            let readable = applied.union([
                "v4-hostile2-numbering-triggers", "v4-hostile2-vendor-snapshots", "v5-web-users",
                "v5-mail-sendings",
                "v6-web4-invoice-runs",
                // Only indexes: a read-only store without them reads the same.
                "v6-store-speed4-po-index",
                "v6-store-speed4-due-index",
            ])
            guard readable.isSuperset(of: migrator.migrations) else {
                throw .database("\(path) is read-only and was written by an older Ledgerprint: make it writable once")
            }
            return
        }
        // A store with every migration applied has nothing to migrate: migrations are only ever added, so
        // what the reader saw applied stays applied (issue 22, start31: the writer's own check read the
        // migrations table again before every command).
        guard !applied.isSuperset(of: migrator.migrations) else { return }
        do {
            try migrator.migrate(database)
        } catch {
            throw Self.translate(error)
        }
        // The reader that checked the version may keep statements of the schema before migrating.
        (database as? DatabasePool)?.invalidateReadOnlyConnections()
    }

    /// Refuses, without opening it through SQLite, a file that is not an SQLite database of ours.
    private static func checkIdentity(_ path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        guard !header.isEmpty else { return }
        // Compared byte by byte: `Data("…".utf8)` asked the Swift runtime whether `String.UTF8View` is
        // `ContiguousBytes`, a scan of the binary's 10,634 conformance records (issue 22, start31).
        guard header.count >= 100, header.prefix(16).elementsEqual("SQLite format 3\0".utf8) else {
            throw .notAStore(path: path, reason: "not an SQLite database")
        }
        let id = header[68..<72].reduce(Int64(0)) { $0 << 8 | Int64($1) }
        // A store another process has just created may still have its first page only in the
        // write-ahead log, the file itself not yet stamped.
        guard id == Int64(applicationID) || walApplicationID(path + "-wal") == Int64(applicationID) else {
            throw .notAStore(path: path, reason: "an SQLite database of another program")
        }
    }

    /// The application id in the newest copy of the first page in the write-ahead log `walPath`,
    /// if it holds one (format: sqlite.org/fileformat.html, "The WAL File Format").
    private static func walApplicationID(_ walPath: String) -> Int64? {
        guard let handle = FileHandle(forReadingAtPath: walPath) else { return nil }
        defer { try? handle.close() }
        func bigEndian(_ bytes: Data, _ range: Range<Int>) -> Int64 {
            bytes[bytes.startIndex + range.lowerBound..<bytes.startIndex + range.upperBound]
                .reduce(Int64(0)) { $0 << 8 | Int64($1) }
        }
        guard let walHeader = try? handle.read(upToCount: 32), walHeader.count == 32 else { return nil }
        let pageSize = Int(bigEndian(walHeader, 8..<12))
        guard pageSize >= 512, pageSize <= 65_536 else { return nil }
        var offset: UInt64 = 32
        var found: Int64?
        // Each frame: a 24-byte header whose first four bytes are the page number, then the page.
        while (try? handle.seek(toOffset: offset)) != nil,
            let frame = try? handle.read(upToCount: 24 + 72), frame.count == 24 + 72
        {
            if bigEndian(frame, 0..<4) == 1 { found = bigEndian(frame, 24 + 68..<24 + 72) }
            offset += UInt64(24 + pageSize)
        }
        return found
    }

    /// Runs `body` in an IMMEDIATE transaction: all of it is written, or none.
    func write<T>(_ body: (StoreTransaction<Database>) throws -> T) throws(StoreError) -> T {
        try transaction { transaction in (try body(transaction), .commit) }
    }

    /// Runs `body` in an IMMEDIATE transaction, and commits it or rolls it back as `body` says.
    func transaction<T>(
        _ body: (StoreTransaction<Database>) throws -> (T, Database.TransactionCompletion)
    ) throws(StoreError) -> T {
        do {
            return try database.writeWithoutTransaction { db in
                var result: T?
                guard !Self.isReadOnly(path) else { throw StoreError.readOnly(path: path) }
                try db.inTransaction(.immediate) {
                    try Self.requireProtection(db, path: path)
                    let (value, completion) = try body(StoreTransaction(db))
                    result = value
                    return completion
                }
                guard let result else { throw StoreError.database("a transaction ended without a result") }
                return result
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// Runs `body` on a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read { db in try body(db) }
        } catch {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError: return error
        case let error as BillingError: return .rejected(error)
        case let error as DatabaseError:
            if error.resultCode == .SQLITE_NOTADB {
                return .notAStore(path: "the file", reason: "not an SQLite database")
            }
            if error.resultCode == .SQLITE_READONLY { return .readOnly(path: "the store") }
            return .database(error.message ?? error.description)
        case let error as DecodingError: return .database("a stored record cannot be read: \(error)")
        case let error as JSONSyntaxError:
            return .database(
                "a stored record is not JSON (line \(error.line), column \(error.column): \(error.reason))"
            )
        default: return .database("\(error)")
        }
    }
}
