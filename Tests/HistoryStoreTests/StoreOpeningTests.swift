import Billing
import Foundation
import GRDB
import HistoryStore
import Testing

@Suite("Opening a store")
struct StoreOpeningTests {
    @Test func aNewStoreIsCreatedAndKeepsItsDataAcrossOpenings() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        try fixtures.newStore().importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 2)))])
        let reopened = try fixtures.newStore()
        #expect(try reopened.accounts().map(\.id) == ["ACC-00001", "ACC-00002"])
        #expect(try StoreFixtures.sequences(reopened, year: 2026) == [1, 2])
    }

    @Test func aFileThatIsNotAStoreIsRefusedAndLeftUntouched() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let path = fixtures.path("notes.txt")
        let text = Data(String(repeating: "not a database\n", count: 20).utf8)
        try text.write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteStore(path: path)
            Issue.record("a text file was opened as a store")
        } catch {
            #expect(error.description.contains("is not a Ledgerprint store (not an SQLite database)"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftUntouched() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let path = fixtures.path("other.sqlite")
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        try other.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// A store still in its write-ahead log opens; another program's database in WAL mode does not.
    ///
    /// A store another process has just created and filled may hold its first page only in the
    /// log. Another program's database is still refused, with its files as they were.
    @Test func aStoreStillInItsWriteAheadLogOpensAndAnotherProgramsDoesNot() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let first = try fixtures.newStore()
        try first.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 2)))])
        #expect(FileManager.default.fileExists(atPath: fixtures.path() + "-wal"))
        let second = try fixtures.newStore()
        #expect(try second.accounts().map(\.id) == ["ACC-00001", "ACC-00002"])

        let path = fixtures.path("other.sqlite")
        var configuration = Configuration()
        configuration.label = "other program"
        let other = try DatabasePool(path: path, configuration: configuration)
        try other.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let log = try Data(contentsOf: URL(fileURLWithPath: path + "-wal"))
        #expect(!log.isEmpty)
        #expect {
            try SQLiteStore(path: path)
        } throws: { error in
            (error as? StoreError)?.description.contains("an SQLite database of another program") == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path + "-wal")) == log)
        try other.close()
    }

    /// A command that prints one document opens the store with one connection while another process
    /// (a run, the Billing Center) has it open with a pool: each reads what the other commits, and the
    /// file stays in WAL mode, so neither waits for the other's reads.
    @Test func oneConnectionAndAPoolReadWhatTheOtherCommits() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let events = try StoreFixtures.events(accounts: 3)
        let pool = try fixtures.newStore()
        try pool.importFiles([("setup.json", StoreFixtures.file(Array(events.prefix(6))))])
        let one = try SQLiteStore(path: fixtures.path(), connections: .one)
        #expect(try one.accounts().map(\.id) == ["ACC-00001", "ACC-00002"])
        for event in events.suffix(2) { _ = try one.apply(event) }
        #expect(try pool.accounts().map(\.id) == ["ACC-00001", "ACC-00002", "ACC-00003"])
        #expect(try StoreFixtures.sequences(pool, year: 2026) == [1, 2, 3])
        let mode = try DatabaseQueue(path: fixtures.path()).read { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode")
        }
        #expect(mode == "wal")
    }

    @Test func aStoreFromANewerVersionIsRefusedWithThatReason() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        _ = try fixtures.newStore()
        let raw = try DatabaseQueue(path: fixtures.path())
        try raw.write { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99')") }
        try raw.close()
        #expect(throws: StoreError.newerVersion(path: fixtures.path(), migrations: ["v99"])) { try fixtures.newStore() }
    }
}
