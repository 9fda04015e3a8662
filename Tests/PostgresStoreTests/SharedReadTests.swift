import Billing
import EventLog
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// The seam of issue 21 on its first read path: the vendor and the catalog read by the same code
/// (``StoreReads``) and the same mapping from SQLite and from PostgreSQL.
@Suite(needsPostgres) struct SharedReadTests {
    enum Kind: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// The sample history's vendor and catalog, as the SQLite store reads them on its own path.
    static func sample() throws -> (store: SQLiteStore, vendor: Vendor, catalog: Catalog) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shared-\(UUID().uuidString).sqlite")
        let store = try SQLiteStore(path: path.path)
        let history = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        try store.importFiles([(name: "history.json", data: history)])
        return (store, try #require(try store.vendor()), try store.catalog())
    }

    /// An empty store of `kind`, or one holding `vendor` and `catalog` (SQLite: by its events;
    /// PostgreSQL: the rows written as the mapping writes them, the event log's JSON).
    static func store(_ kind: Kind, with settings: (vendor: Vendor, catalog: Catalog)?) throws -> any StoreConnection {
        switch kind {
        case .sqlite:
            if settings != nil { return try sample().store }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "empty-\(UUID().uuidString).sqlite"
            )
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

    @Test(arguments: Kind.allCases)
    func theVendorAndCatalogReadTheSameFromEitherStore(kind: Kind) throws {
        let sample = try Self.sample()
        let reads = StoreReads(try Self.store(kind, with: (sample.vendor, sample.catalog)))
        #expect(try reads.vendor() == sample.vendor)
        #expect(try reads.catalog() == sample.catalog)
    }

    @Test(arguments: Kind.allCases)
    func aStoreWithoutCatalogSaysSoTheSameWay(kind: Kind) throws {
        let reads = StoreReads(try Self.store(kind, with: nil))
        #expect(try reads.vendor() == nil)
        #expect(throws: StoreError.notFound(kind: "catalog", id: "(none set: import one with a set-catalog event)")) {
            try reads.catalog()
        }
    }

    @Test func placeholdersAreNumberedOutsideQuotesOnly() {
        #expect(
            PostgresStore.numberedPlaceholders("SELECT '?' AS q, \"a?\" FROM t WHERE a = ? AND b = ?")
                == "SELECT '?' AS q, \"a?\" FROM t WHERE a = $1 AND b = $2"
        )
    }
}
