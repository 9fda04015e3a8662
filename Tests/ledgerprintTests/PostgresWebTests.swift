import Foundation
import LedgerprintTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the Billing Center and e-mail keep in the store, on a PostgreSQL store (issue 21): users
/// and sign-in links from the CLI, `serve` signing a user in, documents e-mailed once unless asked.
@Suite("ledgerprint users, serve and mail on a PostgreSQL store")
struct PostgresWebTests {
    @Test func aUserAddedOnPostgreSQLSignsInWithALinkAndSeesTheirAccount() async throws {
        let (cli, _) = try PostgresCLITests.postgresCLI()
        defer { cli.remove() }
        try cli.importSamples()
        let email = "anna.bianchi@studiorossi.example"
        let add = try cli.run([
            "users", "add", email, "--name", "Anna Bianchi", "--role", "contact", "--account", "ROSSI-IT",
            "--as", "rep:Tests",
        ])
        #expect(add.status == 0, "\(add.error)")
        #expect(
            try cli.run([
                "users", "add", "marco@vendor.example", "--name", "Marco", "--role", "representative",
                "--as", "rep:Tests",
            ]).status == 0
        )
        // The run's results are recorded in the store for the representatives' page.
        let run = try cli.run(["invoices", "run", "--period", "2025-03", "--out", cli.path("out"), "--as", "rep:Marco"])
        #expect(run.status == 0, "\(run.error)")
        #expect(!run.error.contains("not recorded"), "\(run.error)")
        let port = UInt16(20_000 + Int((getpid() + 7_919) % 20_000))
        func linkToken(_ user: String) throws -> String {
            let link = try cli.run(["users", "login-link", user, "--as", "rep:Tests"])
            #expect(link.status == 0, "\(link.error)")
            return try #require(RawHTTP.match(#"/sign-in/link/([A-Za-z0-9_-]+)"#, in: link.output), "\(link.output)")
        }
        let (token, repToken) = (try linkToken(email), try linkToken("marco@vendor.example"))

        let (server, first) = try cli.serve(port: port, renderers: 1, ["--connections", "2"])
        defer {
            if server.isRunning {
                kill(server.processIdentifier, SIGTERM)
                server.waitUntilExit()
            }
        }
        try #require(first.contains("Billing Center on"), "\(first)")

        // The link's page gives the form's token and a pre-session cookie; posting it signs in.
        func signIn(_ token: String) throws -> String {
            let page = try RawHTTP.exchange(
                port: port,
                "GET /sign-in/link/\(token) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            )
            let csrf = try #require(RawHTTP.match(#"name="csrf" value="([^"]+)""#, in: page), "\(page)")
            let pre = try #require(RawHTTP.match(#"Set-Cookie: (lp_pre=[^;]+)"#, in: page))
            let body = "csrf=\(csrf)&token=\(token)"
            let signedIn = try RawHTTP.exchange(
                port: port,
                "POST /sign-in/link HTTP/1.1\r\nHost: t\r\nCookie: \(pre)\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
            )
            return try #require(RawHTTP.match(#"Set-Cookie: (lp_session=[^;]+)"#, in: signedIn), "\(signedIn)")
        }
        let session = try signIn(token)
        let overview = try RawHTTP.exchange(
            port: port,
            "GET /accounts/ROSSI-IT HTTP/1.1\r\nHost: t\r\nCookie: \(session)\r\nConnection: close\r\n\r\n"
        )
        #expect(overview.hasPrefix("HTTP/1.1 200"), "\(overview.prefix(300))")
        #expect(overview.contains("Studio Rossi"), "the account's overview names it")
        let other = try RawHTTP.exchange(
            port: port,
            "GET /accounts/BLUEFIN-US HTTP/1.1\r\nHost: t\r\nCookie: \(session)\r\nConnection: close\r\n\r\n"
        )
        #expect(!other.hasPrefix("HTTP/1.1 200"), "a contact sees only their own account")

        let runs = try RawHTTP.exchange(
            port: port,
            "GET /runs HTTP/1.1\r\nHost: t\r\nCookie: \(try signIn(repToken))\r\nConnection: close\r\n\r\n"
        )
        #expect(runs.hasPrefix("HTTP/1.1 200"), "\(runs.prefix(300))")
        #expect(runs.contains("2025-03") && runs.contains("rep:Marco"), "the run's results are shown")

        // The sign-in is in the users' log, in the PostgreSQL store.
        let log = try cli.run(["users", "log", email])
        #expect(log.status == 0, "\(log.error)")
        #expect(log.output.contains("signed-in"), "\(log.output)")
        #expect(log.output.contains("with a sign-in link"), "\(log.output)")
    }

    @Test(.enabled(if: SMTPTestServer.isAvailable, "needs .build/python with aiosmtpd: run `make setup`"))
    func anInvoiceIsEmailedFromPostgreSQLOnceUnlessAskedAgain() throws {
        let (cli, _) = try PostgresCLITests.postgresCLI()
        defer { cli.remove() }
        try cli.importSamples()
        let server = try SMTPTestServer()
        let set = try cli.run([
            "mail", "set", "--host", "127.0.0.1", "--port", String(server.port), "--plain", "--from",
            "Webinar Seats Billing <billing@webinarseats.example>", "--as", "rep:Marco",
        ])
        #expect(set.status == 0, "\(set.error)")
        let show = try cli.run(["mail", "show"])
        #expect(show.output.contains("relay:    127.0.0.1:\(server.port) (plain)"), "\(show.output)")
        let sent = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(sent.status == 0, "\(sent.error)")
        #expect(sent.output.contains("e-mailed invoice 2025/0001 to anna.bianchi@studiorossi.example"))
        let again = try cli.run(["invoices", "send", "2025/0001", "--as", "rep:Marco"])
        #expect(again.status == 65)
        #expect(again.error.contains("invoice 2025/0001 was already e-mailed to anna.bianchi@studiorossi.example"))
        #expect(server.messages().count == 1)
        let forced = try cli.run(["invoices", "send", "2025/0001", "--again", "--as", "rep:Marco"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(server.messages().count == 2)
        let list = try cli.run(["mail", "list", "--format", "csv"])
        #expect(list.output.components(separatedBy: "\n").filter { $0.contains(",invoice,2025/0001,") }.count == 2)
    }
}
