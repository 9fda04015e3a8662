import Foundation
import HistoryStore

/// The PostgreSQL store as a `BillingStore`: every action runs the SQLite store's
/// `StoreTransaction` on PostgreSQL (``PostgresDatabase``), every read the shared reads.
///
/// Many writers at once: a write transaction runs `SERIALIZABLE`, so what it read (an account, a
/// numbering counter, the credit available) cannot change under it without one of the two
/// transactions failing with SQLSTATE 40001 (or 40P01, a deadlock); that one is rolled back and
/// run again from the start, after a pause that grows with each attempt, up to ``attempts`` times:
/// each conflict means another writer committed, so every round some writer gets through. Numbers stay gapless: a transaction that
/// fails takes its number back with it. Before it changes anything, a write transaction checks that
/// the protective triggers are intact (`PostgresStore+Protection.swift`).
extension PostgresStore: DatabaseBillingStore {
    /// The database, for messages: its address without the password.
    public var location: String { address.description }

    /// How many times a write transaction that conflicted with another writer is started again.
    static var attempts: Int { 100 }

    package func reading<T>(_ body: (PostgresDatabase) throws -> T) throws(StoreError) -> T {
        try inTransaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            try body(PostgresDatabase(connection))
        }
    }

    package func writing<T>(
        _ body: (StoreTransaction<PostgresDatabase>) throws -> (T, commit: Bool)
    ) throws(StoreError) -> T {
        var attempt = 1
        while true {
            do {
                return try connection.withLock { connection in
                    try connection.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                    do {
                        try Self.requireProtection(connection, location: location)
                        let (value, commit) = try body(StoreTransaction(PostgresDatabase(connection)))
                        try connection.execute(commit ? "COMMIT" : "ROLLBACK")
                        return value
                    } catch {
                        _ = try? connection.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch  where Self.isConflict(error) && attempt < Self.attempts {
                usleep(UInt32(min(attempt, 20)) * 200)
                attempt += 1
            } catch {
                throw translate(error)
            }
        }
    }

    package func endsTransaction(_ error: any Error) -> Bool {
        guard let failure = error as? PGFailure else { return false }
        // A statement that failed in a savepoint leaves the transaction usable once rolled back to it;
        // a conflict or a lost connection does not.
        return Self.isConflict(failure) || failure.sqlState == nil || failure.sqlState?.hasPrefix("08") == true
    }

    /// A serialisation failure or a deadlock: the transaction can only start again.
    static func isConflict(_ error: any Error) -> Bool {
        guard let failure = error as? PGFailure else { return false }
        return failure.sqlState == "40001" || failure.sqlState == "40P01"
    }
}
