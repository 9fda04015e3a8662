import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// `sslmode` in the address is libpq's: a server with TLS (`ssl=on`, a self-signed certificate) is
/// reached encrypted with `require`, and `verify-full` refuses it until told which CA to trust.
@Suite("PostgreSQL over TLS")
struct PostgresTLSTests {
    /// The address of a new database on the TLS server's loopback port, with `settings`; the test is
    /// skipped, saying why, without PostgreSQL's programs.
    static func address(_ settings: String) throws -> (address: String, server: ThrowAwayPostgres) {
        guard let server = ThrowAwayPostgres.withTLS, let port = server.tlsPort else {
            try Test.cancel(Comment(rawValue: ThrowAwayPostgres.tlsUnavailableReason ?? "no TLS server"))
        }
        let socketAddress = try server.newDatabase()
        let database = try #require(URLComponents(string: socketAddress)?.path.dropFirst())
        return ("postgres://\(server.user):\(server.password)@127.0.0.1:\(port)/\(database)?\(settings)", server)
    }

    @Test func sslmodeRequireConnectsEncrypted() throws {
        let (address, _) = try Self.address("sslmode=require")
        let store = try PostgresStore(address)
        let rows = try store.transaction { transaction in
            try transaction.execute("SELECT ssl::text AS ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        }
        #expect(rows.value(0, "ssl") == "true", "the connection is not encrypted")
        #expect(!store.location.contains(ThrowAwayPostgres.withTLS?.password ?? "?"))
    }

    @Test func verifyFullWithoutTheCAIsRefusedSayingWhyWithoutThePassword() throws {
        let (address, server) = try Self.address("sslmode=verify-full&sslrootcert=\(NSTemporaryDirectory())none.crt")
        let error = try #require(throws: StoreError.self) { try PostgresStore(address) }
        let message = error.description
        #expect(message.hasPrefix("store error: cannot connect to PostgreSQL database 't_"), "\(message)")
        #expect(message.contains("on 127.0.0.1:\(server.tlsPort ?? 0) as 'ledgerprint'"), "\(message)")
        #expect(message.contains("root certificate file"), "\(message)")
        #expect(message.contains("none.crt") && message.contains("does not exist"), "\(message)")
        #expect(message.contains("give the certificate of the CA that signed the server's with ?sslrootcert=PATH"))
        #expect(!message.contains(server.password), "the password was shown: \(message)")

        // Given the certificate as its CA, verify-full checks the name (127.0.0.1) and connects.
        let (trusted, _) = try Self.address("sslmode=verify-full&sslrootcert=\(try #require(server.certificate))")
        #expect(try PostgresStore(trusted).accounts().isEmpty)
    }

    @Test func aCertificateFromAnotherCAIsRefusedNamingTheFailedCheck() throws {
        let server = try Self.address("sslmode=require").server
        let folder = try temporaryFolder("other-ca")
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = try SMTPTestServer.makeCertificate(in: folder)
        let (mistrusted, _) = try Self.address("sslmode=verify-ca&sslrootcert=\(other.certificate.path)")
        let error = try #require(throws: StoreError.self) { try PostgresStore(mistrusted) }
        #expect(error.description.contains("certificate verify failed"), "\(error)")
        #expect(!error.description.contains(server.password), "the password was shown: \(error)")
    }
}
