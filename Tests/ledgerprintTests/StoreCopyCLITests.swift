import BillingCenter
import Foundation
import HistoryStore
import LedgerprintTestSupport
import PostgresStore
import Testing

/// `ledgerprint store copy`: a store moved from SQLite to PostgreSQL and back prints the same
/// documents, an archive made from one store verifies against the other, and the Billing Center's
/// users, their log, the mail relay, the e-mailed documents and the runs come along (issue 21).
@Suite("store copy")
struct StoreCopyCLITests {
    /// A CLI on an SQLite store holding the samples and the March 2025 run.
    static func sampleStore() throws -> CLI {
        let cli = try CLI()
        try cli.importSamples()
        let run = try cli.run(["invoices", "run", "--period", "2025-03", "--out", cli.path("out")])
        #expect(run.status == 0, "\(run.error)")
        return cli
    }

    @Test func aStoreCopiedToPostgreSQLAndBackPrintsTheSameDocumentsAndVerifiesTheOthersArchive() throws {
        let sqlite = try Self.sampleStore()
        defer { sqlite.remove() }
        let (postgres, address) = try PostgresCLITests.postgresCLI()
        defer { postgres.remove() }

        let there = try sqlite.run(["store", "copy", "--to", address])
        #expect(there.status == 0, "\(there.error)")
        #expect(there.output.contains("copied 73 events (61 invoices, 1 credit notes issued)"), "\(there.output)")
        #expect(
            there.output.contains("3 of 61 invoices (every 50th and the last): 2025/0001, 2026/0017, 2026/0027"),
            "\(there.output)"
        )
        #expect(there.output.contains("1 of 1 credit notes (every 50th and the last): NC-2025/0001"))
        #expect(there.output.contains("every compared PDF is byte for byte the same"))
        #expect(!(there.output + there.error).contains(ThrowAwayPostgres.shared?.password ?? "?"), "password shown")

        let back = sqlite.path("back.sqlite")
        let returned = try postgres.run(["store", "copy", "--to", back, "--check-all"])
        #expect(returned.status == 0, "\(returned.error)")
        #expect(returned.output.contains("all 61 invoices"), "\(returned.output)")

        var listings: [String] = []
        for store in [sqlite.path("store.sqlite"), address, back] {
            let listing = try sqlite.run(["invoices", "list", "--format", "csv", "--store", store])
            #expect(listing.status == 0, "\(listing.error)")
            listings.append(listing.output)
        }
        #expect(listings[0].split(separator: "\n").filter { $0.hasPrefix("202") }.count == 61, "\(listings[0])")
        #expect(listings[1] == listings[0] && listings[2] == listings[0], "the copies list other invoices")

        // An archive made from either store verifies against the other.
        for (maker, checker) in [(sqlite, postgres), (postgres, sqlite)] {
            let folder = maker.path("archive")
            let made = try maker.run(["archive", "--year", "2025", "--out", folder])
            #expect(made.status == 0, "\(made.error)")
            let verified = try checker.run(["archive", "verify", folder])
            #expect(verified.status == 0, "\(verified.output) \(verified.error)")
            #expect(verified.output.hasPrefix("verified "), "\(verified.output)")
        }
    }

    @Test func aDestinationThatHoldsAnythingIsRefusedNamingItAndLeftAsItWas() throws {
        let sqlite = try Self.sampleStore()
        defer { sqlite.remove() }
        let (postgres, address) = try PostgresCLITests.postgresCLI()
        defer { postgres.remove() }
        #expect(try sqlite.run(["store", "copy", "--to", address]).status == 0)
        let before = try postgres.run(["export"]).output

        let again = try sqlite.run(["store", "copy", "--to", address])
        #expect(again.status == 74)
        #expect(
            again.error.contains(
                "is not empty (it holds 73 events, 6 accounts, 2 settings, 8 printed documents, 1 invoice runs)"
            ),
            "\(again.error)"
        )
        #expect(again.error.contains("nothing was copied into it"))
        #expect(!again.error.contains(ThrowAwayPostgres.shared?.password ?? "?"), "the password was shown")
        #expect(try postgres.run(["export"]).output == before, "the refused copy changed the database")

        let file = sqlite.path("taken.sqlite")
        #expect(try sqlite.run(["store", "copy", "--to", file]).status == 0)
        let onto = try postgres.run(["store", "copy", "--to", file])
        #expect(onto.status == 74)
        #expect(onto.error.contains("taken.sqlite is not empty (it holds 73 events"), "\(onto.error)")

        // A new file the copy cannot make is not left half-made.
        let nowhere = sqlite.path("missing-folder/copy.sqlite")
        let failed = try sqlite.run(["store", "copy", "--to", nowhere])
        #expect(failed.status != 0)
        #expect(!FileManager.default.fileExists(atPath: nowhere))
    }

    /// What the Billing Center keeps in a store, read back through the store's own reads and the CLI.
    struct CenterReads: Equatable {
        var users: [WebUser]
        var log: [UserEvent]
        var sendings: [MailSending]
        var runs: [InvoiceRunSummary]
        var cli: [String]
    }

    static func reads(of store: String, _ cli: CLI) throws -> CenterReads {
        let opened: any BillingStore & UserDirectory & MailRecords & InvoiceRunRecords =
            store.hasPrefix("postgres") ? try PostgresStore(store) : try SQLiteStore(path: store)
        var outputs: [String] = []
        for command in [["users", "list"], ["users", "log"], ["mail", "show"], ["mail", "list", "--format", "csv"]] {
            let result = try cli.run(command + ["--store", store])
            #expect(result.status == 0, "\(command) on \(store): \(result.error)")
            outputs.append(result.output)
        }
        return CenterReads(
            users: try opened.users(),
            log: try opened.userEvents(email: nil),
            sendings: try opened.sendings(),
            runs: try opened.invoiceRuns(limit: 100),
            cli: outputs
        )
    }

    @Test func usersTheirLogTheMailRelayTheSendingsAndTheRunsComeAlongButNotTheSessions() throws {
        var sqlite = try Self.sampleStore()
        defer { sqlite.remove() }
        let (postgres, address) = try PostgresCLITests.postgresCLI()
        defer { postgres.remove() }
        let email = "anna.bianchi@studiorossi.example"
        let password = "a-secret-password-7"
        for command in [
            ["users", "add", email, "--name", "Anna Bianchi", "--role", "contact", "--account", "ROSSI-IT"],
            ["users", "add", "left@vendor.example", "--name", "Left", "--role", "representative"],
            ["users", "disable", "left@vendor.example"],
            ["users", "login-link", email],
            [
                "mail", "set", "--host", "127.0.0.1", "--port", "9", "--starttls", "--from",
                "billing@webinarseats.example", "--user-env", "TEST_SMTP_USER", "--password-env", "TEST_SMTP_PASSWORD",
            ],
        ] {
            let result = try sqlite.run(command + ["--as", "rep:Marco"])
            #expect(result.status == 0, "\(command): \(result.error)")
        }
        sqlite.environment["LEDGERPRINT_PASSWORD"] = password
        #expect(try sqlite.run(["users", "set-password", email, "--as", "rep:Marco"]).status == 0)
        sqlite.environment["LEDGERPRINT_PASSWORD"] = nil
        // A sign-in (a session and its log entry) and an e-mailed invoice, as `serve` and `invoices send` record them.
        let source = try SQLiteStore(path: sqlite.path("store.sqlite"))
        let anna = try #require(try source.user(email: email))
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        try source.openSession(
            tokenHash: Secrets.hash("session-token"),
            userID: anna.id,
            method: "password",
            expiresAt: now.addingTimeInterval(3_600),
            at: now
        )
        try source.recordSending(
            MailSending(
                kind: "invoice",
                reference: "2025/0001",
                accountID: "ROSSI-IT",
                recipient: email,
                subject: "Fattura 2025/0001",
                attachments: "invoice_2025-0001_ROSSI-IT.pdf",
                actor: "rep:Marco",
                sentAt: "2026-05-28T20:26:40Z",
                messageID: "<1@test>",
                serverReply: "250 queued as TEST001"
            )
        )
        try source.close()
        let original = try Self.reads(of: sqlite.path("store.sqlite"), sqlite)
        try #require(original.users.count == 2 && original.sendings.count == 1)
        try #require(!original.runs.isEmpty, "the sample run was not recorded")
        #expect(original.log.map(\.kind).contains("signed-in"))
        #expect(original.cli[2].contains("127.0.0.1:9 (starttls)"), "\(original.cli[2])")

        let back = sqlite.path("back.sqlite")
        for (from, to) in [(sqlite, address), (postgres, back)] {
            let copied = try from.run(["store", "copy", "--to", to])
            #expect(copied.status == 0, "\(copied.error)")
            #expect(
                copied.output.contains(
                    "copied 2 web users, \(original.log.count) entries of the users' log, 1 e-mailed documents "
                        + "and \(original.runs.count) invoice runs; sessions and sign-in links are not copied"
                ),
                "\(copied.output)"
            )
            #expect(try Self.reads(of: to, sqlite) == original, "the copy in \(to) reads otherwise")

            // Anna signs in on the copy with the same password, as the Billing Center checks it; the
            // session and the sign-in link stayed behind.
            let store: any BillingStore & UserDirectory =
                to == address ? try PostgresStore(to) : try SQLiteStore(path: to)
            let user = try #require(try store.user(email: email))
            #expect(Secrets.verify(password, hash: try #require(user.passwordHash)))
            #expect(!Secrets.verify("not-her-password", hash: try #require(user.passwordHash)))
            #expect(!user.isDisabled && user.accountIDs == ["ROSSI-IT"])
            #expect(try store.user(email: "left@vendor.example")?.isDisabled == true)
            #expect(try store.session(tokenHash: Secrets.hash("session-token"), at: now) == nil)

            // The invoice e-mailed on the source is not sent again from the copy unless asked (the
            // relay's user and password come from the environment, never from the store).
            var mailing = sqlite
            mailing.environment["TEST_SMTP_USER"] = "billing"
            mailing.environment["TEST_SMTP_PASSWORD"] = "pw-not-in-the-store"
            let again = try mailing.run(["invoices", "send", "2025/0001", "--as", "rep:Marco", "--store", to])
            #expect(again.status == 65, "\(again.error)")
            #expect(again.error.contains("invoice 2025/0001 was already e-mailed to \(email)"), "\(again.error)")
        }
    }
}
