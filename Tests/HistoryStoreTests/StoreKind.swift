import Foundation
import GRDB
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// The kind of store a parametrised test runs on (in LedgerprintTestSupport: the Billing Center's
/// suites take it too), named here for the files that do not import the support module.
typealias StoreKind = LedgerprintTestSupport.StoreKind

extension StoreFixtures {
    /// A new, empty store of `kind`.
    ///
    /// A file in the fixtures' folder, or a database of its own on the throw-away PostgreSQL
    /// server. Without PostgreSQL's programs the PostgreSQL case is
    /// cancelled (skipped), saying why.
    func newStore(_ kind: StoreKind, _ name: String = "ledgerprint.sqlite") throws -> any BillingStore {
        try newSharedStore(kind, name)()
    }

    /// A new, empty store of `kind`, opened by the function returned as many times as asked: each
    /// time a connection of its own, as another process or machine would have.
    func newSharedStore(
        _ kind: StoreKind,
        _ name: String = "ledgerprint.sqlite"
    ) throws -> @Sendable () throws -> any BillingStore {
        switch kind {
        case .sqlite:
            let path = path(name)
            return { try SQLiteStore(path: path) }
        case .postgres:
            guard let server = ThrowAwayPostgres.shared else {
                try Test.cancel(Comment(rawValue: ThrowAwayPostgres.unavailableReason ?? "no PostgreSQL server"))
            }
            let address = try server.newDatabase()
            return { try PostgresStore(address) }
        }
    }
}

/// What the database itself said when a statement run from outside the store failed.
struct RawSQLError: Error, CustomStringConvertible {
    var description: String
}

/// Another program on a store's database: a connection of its own, sharing nothing with the
/// store in this process, so the database's own rules (triggers, constraints) are what is tested.
enum RawDatabase {
    /// Runs `sql` on `store`'s database; a refusal is a ``RawSQLError`` with the database's message.
    static func execute(_ sql: String, on store: any BillingStore) throws {
        if let postgres = store as? PostgresStore {
            let connection = try PGConnection(parameters: postgres.address.connectionParameters)
            do {
                _ = try connection.execute(sql)
            } catch {
                throw RawSQLError(description: error.message)
            }
            return
        }
        let raw = try DatabaseQueue(path: store.location)
        defer { try? raw.close() }
        do {
            try raw.write { db in try db.execute(sql: sql) }
        } catch let error as DatabaseError {
            throw RawSQLError(description: error.message ?? "\(error)")
        }
    }

    /// How many rows `table` of `store`'s database holds.
    static func count(_ table: String, in store: any BillingStore) throws -> Int {
        if let postgres = store as? PostgresStore {
            let connection = try PGConnection(parameters: postgres.address.connectionParameters)
            let rows = try connection.execute("SELECT COUNT(*) AS n FROM \(table)")
            return try #require(rows.value(0, "n").flatMap { Int($0) })
        }
        let raw = try DatabaseQueue(path: store.location)
        defer { try? raw.close() }
        return try raw.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
    }
}
