import Dispatch
import Synchronization

/// The connections of one ``PostgresStore``, each lent to one transaction at a time, so that
/// `ledgerprint serve` answers requests side by side (issue 21).
///
/// Up to ``size`` connections, opened when first needed and then kept. A transaction borrows one
/// and gives it back when it ends; when all are lent, the next one waits for a connection to come
/// back. A connection libpq has given up (the server restarted or went away) is closed instead of
/// given back, and so is every idle one (made before the same event, so most likely dead too); the
/// transaction fails with SQLSTATE 08006, which the store reports as ``StoreError/unreachable(location:reason:)``,
/// and the next transaction connects afresh.
///
/// A store the CLI opens has one connection: a worker's session-level advisory lock must be taken and
/// released on the same one.
final class PGConnectionPool: Sendable {
    /// How many connections may be open at once.
    let size: Int
    private let parameters: [(keyword: String, value: String)]
    private let idle: Mutex<[Lent]>
    /// One permit per connection that may be lent.
    private let permits: DispatchSemaphore

    /// A pool of up to `size` connections with libpq's `parameters`, holding `first` (already open).
    init(first: PGConnection, size: Int, parameters: [(keyword: String, value: String)]) {
        self.size = max(1, size)
        self.parameters = parameters
        idle = Mutex([Lent(first)])
        permits = DispatchSemaphore(value: max(1, size))
    }

    /// Runs `body` with a connection of its own: an idle one, else a new one while fewer than
    /// ``size`` are open, else the first given back.
    ///
    /// - Throws: what `body` throws; a ``PGFailure`` with SQLSTATE `08001` when no connection can be
    ///   made, `08006` when the connection was lost while `body` ran.
    func withLock<T>(_ body: (PGConnection) throws -> T) throws -> T {
        permits.wait()
        defer { permits.signal() }
        let lent = try idle.withLock { $0.popLast() } ?? open()
        do {
            let value = try body(lent.connection)
            giveBack(lent)
            return value
        } catch {
            guard lent.connection.isBroken else {
                giveBack(lent)
                throw error
            }
            // The others idle since before the loss are dropped too: each would cost a request.
            idle.withLock { $0.removeAll() }
            let failure = error as? PGFailure
            if let state = failure?.sqlState, state.hasPrefix("08") { throw error }
            throw PGFailure(sqlState: "08006", message: failure?.message ?? "the connection was lost")
        }
    }

    /// How many connections are open and idle now (for the tests).
    var idleCount: Int { idle.withLock { $0.count } }

    /// The statements the idle connections have sent (``PGConnection/statementsSent``): with one
    /// connection and no transaction running, every statement the store sent.
    var statementsSent: Int { idle.withLock { $0.reduce(0) { $0 + $1.connection.statementsSent } } }

    private func open() throws(PGFailure) -> Lent {
        do {
            return Lent(try PGConnection(parameters: parameters))
        } catch {
            throw PGFailure(sqlState: "08001", message: error.message)
        }
    }

    private func giveBack(_ lent: Lent) {
        if lent.connection.isBroken { return }
        idle.withLock { $0.append(lent) }
    }
}

/// A connection in the pool: used by one thread at a time, the pool's permits and its lock see to it.
private final class Lent: @unchecked Sendable {
    let connection: PGConnection
    init(_ connection: PGConnection) { self.connection = connection }
}
