import Foundation
import LedgerprintTestSupport
import Testing

/// `serve --connections`: the PostgreSQL store's pool, shown in `--help`, refused where it means nothing.
@Suite("ledgerprint serve --connections")
struct ServeConnectionsTests {
    @Test func theHelpShowsTheOptionAndItsDefault() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let help = try cli.run(["serve", "--help"])
        #expect(help.status == 0)
        // The help as one line of words: the columns wrap where the terminal's width says.
        let words = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            words.contains("--connections <connections> On a PostgreSQL store, how many connections requests share")
        )
        #expect(words.contains("(default: the number of active processors)"))
        #expect(words.contains("ledgerprint serve --store postgres://billing@db.example.com/ledger --connections 8"))
    }

    @Test func onASQLiteStoreOrOutOfRangeItIsRefusedSayingWhatIsRight() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let sqlite = try cli.run(["serve", "--connections", "4"])
        #expect(sqlite.status == 64)
        #expect(sqlite.error.contains("--connections is for a PostgreSQL store (postgres://…)"), "\(sqlite.error)")
        let zero = try cli.run(["serve", "--connections", "0", "--store", "postgres://billing@db.example.com/ledger"])
        #expect(zero.status == 64)
        #expect(zero.error.contains("--connections takes 1 to 200; got 0"), "\(zero.error)")
    }
}
