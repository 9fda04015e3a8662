import Foundation
import HistoryStore
import LedgerprintTestSupport
import PostgresStore
import Testing

/// Which store a parametrised test runs on: the suites that go through `BillingStore` run each
/// test on both, the same test and the same expectations (issue 21).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }
}

extension StoreFixtures {
    /// A new, empty store of `kind`.
    ///
    /// A file in the fixtures' folder, or a database of its own on the throw-away PostgreSQL
    /// server. Without PostgreSQL's programs the PostgreSQL case is
    /// cancelled (skipped), saying why.
    func newStore(_ kind: StoreKind, _ name: String = "ledgerprint.sqlite") throws -> any BillingStore {
        try newSharedStore(kind, name)()
    }

    /// A new, empty store of `kind`, opened by the function returned as many times as asked: each
    /// time a connection of its own, as another process or machine would have.
    func newSharedStore(
        _ kind: StoreKind,
        _ name: String = "ledgerprint.sqlite"
    ) throws -> @Sendable () throws -> any BillingStore {
        switch kind {
        case .sqlite:
            let path = path(name)
            return { try SQLiteStore(path: path) }
        case .postgres:
            guard let server = ThrowAwayPostgres.shared else {
                try Test.cancel(Comment(rawValue: ThrowAwayPostgres.unavailableReason ?? "no PostgreSQL server"))
            }
            let address = try server.newDatabase()
            return { try PostgresStore(address) }
        }
    }
}
