import Billing
import EventLog
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// The shared reads (`StoreTransaction+Reads.swift`) and the one settings mapping on either store: the
/// vendor and catalog as the SQLite store's events wrote them, and as rows written straight into
/// PostgreSQL in the event log's JSON, read back equal; a store without a catalog says so the same way.
@Suite(needsPostgres) struct SharedReadTests {
    enum Kind: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// The sample history's vendor and catalog, as the SQLite store reads them on its own path.
    static func sample(in folder: URL) throws -> (store: SQLiteStore, vendor: Vendor, catalog: Catalog) {
        let path = folder.appendingPathComponent("shared-\(UUID().uuidString).sqlite")
        let store = try SQLiteStore(path: path.path)
        let history = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        try store.importFiles([(name: "history.json", data: history)])
        return (store, try #require(try store.vendor()), try store.catalog())
    }

    /// An empty store of `kind`, or one holding `vendor` and `catalog` (SQLite: by its events;
    /// PostgreSQL: the rows written as the mapping writes them, the event log's JSON).
    static func store(
        _ kind: Kind,
        with settings: (vendor: Vendor, catalog: Catalog)?,
        in folder: URL
    ) throws -> any BillingStore {
        switch kind {
        case .sqlite:
            if settings != nil { return try sample(in: folder).store }
            let path = folder.appendingPathComponent("empty-\(UUID().uuidString).sqlite")
            return try SQLiteStore(path: path.path)
        case .postgres:
            let store = try PostgresStore(try PostgresTestDatabase().address)
            if let settings {
                let vendor = String(decoding: try EventLogJSON.encode(settings.vendor), as: UTF8.self)
                let catalog = String(decoding: try EventLogJSON.encode(settings.catalog), as: UTF8.self)
                _ = try store.transaction { transaction in
                    try transaction.execute(
                        "INSERT INTO settings(name, data) VALUES ('vendor', $1), ('catalog', $2)",
                        [.text(vendor), .text(catalog)]
                    )
                }
            }
            return store
        }
    }

    /// A folder of its own for a test's SQLite files, removed when the test ends.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shared-reads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: Kind.allCases)
    func theVendorAndCatalogReadTheSameFromEitherStore(kind: Kind) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try Self.sample(in: folder)
        let reads = try Self.store(kind, with: (sample.vendor, sample.catalog), in: folder)
        #expect(try reads.vendor() == sample.vendor)
        #expect(try reads.catalog() == sample.catalog)
    }

    @Test(arguments: Kind.allCases)
    func aStoreWithoutCatalogSaysSoTheSameWay(kind: Kind) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reads = try Self.store(kind, with: nil, in: folder)
        #expect(try reads.vendor() == nil)
        #expect(throws: StoreError.notFound(kind: "catalog", id: "(none set: import one with a set-catalog event)")) {
            try reads.catalog()
        }
    }

    @Test func placeholdersAreNumberedOutsideQuotesOnly() {
        #expect(
            PostgresDatabase.numberedPlaceholders("SELECT '?' AS q, \"a?\" FROM t WHERE a = ? AND b = ?")
                == "SELECT '?' AS q, \"a?\" FROM t WHERE a = $1 AND b = $2"
        )
        #expect(PostgresDatabase.numberedPlaceholders("WHERE ?1 IS NULL OR k = ?12") == "WHERE $1 IS NULL OR k = $12")
    }
}
