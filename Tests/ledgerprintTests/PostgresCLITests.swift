import Foundation
import LedgerprintTestSupport
import Testing

/// The commands on a PostgreSQL store (issue 21): the same history gives the same documents, byte
/// for byte, as on SQLite.
@Suite("ledgerprint on a PostgreSQL store")
struct PostgresCLITests {
    /// A CLI whose store is a new database on the throw-away server (given by `LEDGERPRINT_STORE`);
    /// without PostgreSQL's programs the test is skipped, saying why.
    static func postgresCLI() throws -> (cli: CLI, address: String) {
        guard let server = ThrowAwayPostgres.shared else {
            try Test.cancel(Comment(rawValue: ThrowAwayPostgres.unavailableReason ?? "no PostgreSQL server"))
        }
        var cli = try CLI()
        let address = try server.newDatabase()
        cli.environment["LEDGERPRINT_STORE"] = address
        return (cli, address)
    }

    @Test func theSamplesImportedIntoPostgreSQLIssueAndPrintTheSameInvoiceAsOnSQLite() throws {
        let sqlite = try CLI()
        defer { sqlite.remove() }
        let (postgres, address) = try Self.postgresCLI()
        defer { postgres.remove() }
        let created = try postgres.run(["init", "--store", address])
        #expect(created.status == 0, "\(created.error)")
        #expect(created.output.hasPrefix("store ready: postgres://"), "\(created.output)")
        #expect(!created.output.contains(ThrowAwayPostgres.shared?.password ?? "?"), "the password was shown")
        var listings: [String] = []
        var pdfs: [Data] = []
        for cli in [sqlite, postgres] {
            try cli.importSamples()
            let run = try cli.run(["invoices", "run", "--period", "2025-03", "--out", cli.path("out")])
            #expect(run.status == 0, "\(run.error)")
            let listing = try cli.run(["invoices", "list", "--format", "csv"])
            #expect(listing.status == 0, "\(listing.error)")
            listings.append(listing.output)
            let number = try #require(listing.output.split(separator: "\n").last?.split(separator: ",").first)
            let printed = try cli.run(["invoices", "print", String(number), "-o", cli.path("last.pdf")])
            #expect(printed.status == 0, "\(printed.error)")
            pdfs.append(try Data(contentsOf: URL(fileURLWithPath: cli.path("last.pdf"))))
        }
        #expect(listings[0].split(separator: "\n").count > 10, "\(listings[0])")
        #expect(listings[0] == listings[1], "the two stores list different invoices")
        #expect(pdfs[0].starts(with: Data("%PDF-".utf8)))
        #expect(pdfs[0] == pdfs[1], "the invoice printed from PostgreSQL differs from SQLite's")
    }
}
