import Dispatch
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Synchronization
import Testing

@testable import PostgresStore

/// The store's pool of connections (`serve --connections`): as many transactions open at once as it
/// has connections, each on its own; one the server dropped is replaced.
@Suite(needsPostgres) struct PostgresPoolTests {
    @Test func threeConnectionsHoldThreeTransactionsOpenAtOnceEachOnItsOwnConnection() throws {
        let store = try PostgresStore(try PostgresTestDatabase().address, connections: 3)
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let backends = Mutex<[String]>([])
        let group = DispatchGroup()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: group) {
                _ = try? store.transaction { transaction in
                    let pid = try transaction.execute("SELECT pg_backend_pid() AS pid").value(0, "pid") ?? "?"
                    backends.withLock { $0.append(pid) }
                    inside.signal()
                    // Held open until all three are inside: with fewer connections this would wait out its limit.
                    _ = release.wait(timeout: .now() + 20)
                }
            }
        }
        var entered = 0
        for _ in 0..<3 where inside.wait(timeout: .now() + 20) == .success { entered += 1 }
        for _ in 0..<3 { release.signal() }
        group.wait()
        #expect(entered == 3)
        #expect(Set(backends.withLock { $0 }).count == 3)
        #expect(store.connection.idleCount == 3)
    }

    @Test func aConnectionTheServerEndedFailsOneTransactionAsUnreachableAndTheNextReconnects() throws {
        let address = try PostgresTestDatabase().address
        let store = try PostgresStore(address, connections: 2)
        let pid = try store.transaction { try $0.execute("SELECT pg_backend_pid() AS pid").value(0, "pid") ?? "" }
        // What a restart does to the store's connection: the server ends it.
        let other = try PGConnection(parameters: try PostgresLocation(address).connectionParameters)
        try other.execute("SELECT pg_terminate_backend($1::int)", [.text(pid)])
        do {
            _ = try store.users()
            Issue.record("a dropped connection answered")
        } catch {
            guard case .unreachable(let location, _) = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(location == store.location)
            #expect(error.description.hasPrefix("cannot reach the database postgres://ledgerprint@/"))
            #expect(!error.description.contains(ThrowAwayPostgres.shared?.password ?? "?"))
        }
        #expect(try store.users().isEmpty)
        let newPid = try store.transaction { try $0.execute("SELECT pg_backend_pid() AS pid").value(0, "pid") ?? "" }
        #expect(newPid != pid)
    }
}
