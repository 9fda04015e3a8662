import Foundation
import LedgerprintTestSupport
import Testing

/// `ledgerprint store copy`: a store moved from SQLite to PostgreSQL and back prints the same
/// documents, and an archive made from one store verifies against the other (issue 21).
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
            again.error.contains("is not empty (it holds 73 events, 6 accounts, 2 settings, 8 printed documents)"),
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
}
