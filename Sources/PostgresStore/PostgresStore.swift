import Billing
import Foundation
import HistoryStore
import Synchronization

/// The billing history in a PostgreSQL database that many machines share (issue 21).
///
/// Opening one connects (``PostgresLocation``; libpq is loaded then, not when Ledgerprint starts)
/// and brings the schema to the newest version, all migrations in one transaction
/// (`PostgresStore+Schema.swift`). Issued documents and the event log are append-only, enforced
/// by triggers in the database; numbers are taken from a row per series, locked by the issuing
/// transaction (`PostgresTransaction+Numbering.swift`).
///
/// It is a `BillingStore`: every action runs the same `StoreTransaction` as the SQLite store's,
/// in a `SERIALIZABLE` transaction started again when it conflicts with another writer
/// (`PostgresStore+BillingStore.swift`).
///
/// ```swift
/// let store = try PostgresStore("postgres://billing@db.example.com/ledger?sslmode=verify-full")
/// ```
public final class PostgresStore: Sendable {
    /// Where the store is, without its password.
    public let address: PostgresLocation
    /// The connections, each lent to one transaction at a time: one unless opened with more
    /// (``init(_:connections:)``, what `ledgerprint serve --connections` gives).
    let connection: PGConnectionPool

    /// Connects to the database at `address` and migrates its schema to the newest version.
    ///
    /// - Throws: ``StoreError/database(_:)`` naming the server, the database and libpq's reason
    ///   (never the password), ``StoreError/newerVersion(path:migrations:)`` for a database a
    ///   newer Ledgerprint migrated.
    public convenience init(_ address: String) throws(StoreError) {
        try self.init(location: try PostgresLocation(address))
    }

    /// Connects to the database at `address`, migrates its schema, and keeps up to `connections`
    /// connections so that as many transactions run side by side (a server's requests).
    public convenience init(_ address: String, connections: Int) throws(StoreError) {
        try self.init(location: try PostgresLocation(address), migrations: Self.migrations, connections: connections)
    }

    /// Connects to the database at `location` and migrates its schema to the newest version.
    public convenience init(location: PostgresLocation) throws(StoreError) {
        try self.init(location: location, migrations: Self.migrations)
    }

    /// Connects and applies `migrations` (the tests give a broken list to check all or nothing).
    init(location: PostgresLocation, migrations: [PostgresMigration], connections: Int = 1) throws(StoreError) {
        self.address = location
        let connection: PGConnection
        do {
            connection = try PGConnection(parameters: location.connectionParameters)
        } catch {
            throw .database(
                location.redacting(
                    "cannot connect to PostgreSQL database '\(location.database ?? "(libpq's default)")' on "
                        + "\(Self.server(location)) as '\(location.user ?? "(libpq's default)")': \(error.message)"
                        + Self.hint(error.message)
                )
            )
        }
        try Self.migrate(connection, migrations, location: location)
        self.connection = PGConnectionPool(
            first: connection,
            size: connections,
            parameters: location.connectionParameters
        )
    }

    /// The statements this store's idle connections have sent to the server, each a round trip
    /// (what `invoices run --worker` reports, and the tests bound).
    public var statementsSent: Int { connection.statementsSent }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    ///
    /// A statement that fails is a ``StoreError/database(_:)`` naming the database and the
    /// server's message; a ``StoreError`` that `body` throws is passed on as it is.
    func transaction<T>(_ body: (PostgresTransaction) throws -> T) throws(StoreError) -> T {
        try inTransaction(begin: "BEGIN") { connection in try body(PostgresTransaction(connection)) }
    }

    /// Runs `body` on the connection between `begin` and `COMMIT`, or `ROLLBACK` if it throws; errors
    /// translated as ``translate(_:)`` says.
    func inTransaction<T>(begin: String, _ body: (PGConnection) throws -> T) throws(StoreError) -> T {
        do {
            return try connection.withLock { connection in
                try connection.execute(begin)
                do {
                    let value = try body(connection)
                    try connection.execute("COMMIT")
                    return value
                } catch {
                    _ = try? connection.execute("ROLLBACK")
                    throw error
                }
            }
        } catch {
            throw translate(error)
        }
    }

    /// A ``StoreError`` for what went wrong: a store error as it is, the server's or libpq's
    /// message with the database's name.
    package func translate(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let failure = error as? PGFailure, failure.sqlState?.hasPrefix("08") == true {
            return .unreachable(location: address.description, reason: address.redacting(failure.message))
        }
        if let failure = error as? PGFailure {
            return .database(address.redacting("\(address): \(failure.message)"))
        }
        if let error = error as? BillingError { return .rejected(error) }
        return .database(address.redacting("\(address): \(error)"))
    }

    /// What to do about a TLS failure libpq explains only in its own terms.
    static func hint(_ message: String) -> String {
        if message.contains("root certificate file") || message.contains("certificate verify failed") {
            return " (with sslmode=verify-ca or verify-full, give the certificate of the CA that signed the server's"
                + " with ?sslrootcert=PATH in the address)"
        }
        return ""
    }

    /// The server as a person names it: `host:port`, or the socket's folder.
    static func server(_ location: PostgresLocation) -> String {
        let host = location.host ?? "the default server (PGHOST, else the local socket)"
        return location.port.map { "\(host):\($0)" } ?? host
    }
}

/// One transaction on a PostgreSQL store, for the statements of one event.
final class PostgresTransaction {
    let connection: PGConnection

    init(_ connection: PGConnection) {
        self.connection = connection
    }

    /// Runs one statement with `arguments` bound to `$1`, `$2` and so on.
    @discardableResult
    func execute(_ sql: String, _ arguments: [PGValue] = []) throws(PGFailure) -> PGRows {
        try connection.execute(sql, arguments)
    }
}
