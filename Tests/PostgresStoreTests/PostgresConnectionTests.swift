import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// Connecting: a refused or wrong connection is one message naming the server, the database and
/// libpq's reason, never the password.
@Suite struct PostgresConnectionTests {
    @Test func aRefusedConnectionNamesServerDatabaseAndReasonButNotThePassword() throws {
        // Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
        let address = "postgres://billing:Hunter2-secret@127.0.0.1:1/ledger?connect_timeout=5"
        do {
            _ = try PostgresStore(address)
            Issue.record("connected to port 1")
        } catch {
            let message = error.description
            #expect(
                message.hasPrefix(
                    "store error: cannot connect to PostgreSQL database 'ledger' on 127.0.0.1:1 as 'billing': "
                )
            )
            #expect(message.contains("Connection refused"))
            #expect(!message.contains("Hunter2"))
            #expect(!message.contains("\n"))
        }
    }

    @Test(.enabled(if: ThrowAwayPostgres.isAvailable, "\(ThrowAwayPostgres.unavailableReason ?? "")"))
    func aWrongPasswordIsRefusedWithoutShowingIt() throws {
        let server = try #require(ThrowAwayPostgres.shared)
        let address = try server.newDatabase().replacingOccurrences(of: server.password, with: "Wrong-Pass-1")
        do {
            _ = try PostgresStore(address)
            Issue.record("connected with a wrong password")
        } catch {
            #expect(error.description.contains("password authentication failed for user \"ledgerprint\""))
            #expect(!error.description.contains("Wrong-Pass-1"))
            #expect(!error.description.contains(server.password))
        }
    }

    @Test(.enabled(if: ThrowAwayPostgres.isAvailable, "\(ThrowAwayPostgres.unavailableReason ?? "")"))
    func aPasswordFileAnswersForAnAddressWithoutPassword() throws {
        let server = try #require(ThrowAwayPostgres.shared)
        let withPassword = try server.newDatabase()
        let database = try #require(try PostgresLocation(withPassword).database)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let passfile = folder.appendingPathComponent("pgpass")
        // libpq ignores a password file others can read: 0600, as for ~/.pgpass.
        try Data("*:*:\(database):\(server.user):\(server.password)\n".utf8).write(to: passfile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile.path)
        let address = server.address(database: database, password: false) + "&passfile=\(passfile.path)"
        let store = try PostgresStore(address)
        #expect(store.address.database == database)
    }
}
