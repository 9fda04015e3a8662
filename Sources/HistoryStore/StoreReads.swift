import Billing

/// Reads shared by every store: the same SQL and the same mappings (`Records/`), whatever the
/// database behind the ``StoreConnection``.
///
/// The first read path moved behind the seam of issue 21: the vendor and the catalog. ``SQLiteStore``
/// and the PostgreSQL store give the same answers through it; `SQLiteStore+Queries.swift` keeps its
/// own GRDB path until the rest of the reads move.
///
/// ```swift
/// let vendor = try StoreReads(store).vendor()
/// ```
public struct StoreReads: Sendable {
    /// The database read from.
    public let connection: any StoreConnection

    /// Reads from `connection`.
    public init(_ connection: any StoreConnection) {
        self.connection = connection
    }

    /// The vendor, if set.
    public func vendor() throws(StoreError) -> Vendor? {
        try setting("vendor", as: Vendor.self)
    }

    /// The catalog.
    ///
    /// - Throws: ``StoreError/notFound(kind:id:)`` when none is set, as ``SQLiteStore/catalog()`` does.
    public func catalog() throws(StoreError) -> Catalog {
        guard let catalog = try setting("catalog", as: Catalog.self) else {
            throw StoreError.notFound(kind: "catalog", id: "(none set: import one with a set-catalog event)")
        }
        return catalog
    }

    /// The setting `name` through its one mapping (``SettingRecord``), or `nil` when it is not set.
    func setting<T: Codable & Sendable>(_ name: String, as type: T.Type) throws(StoreError) -> T? {
        guard let row = try connection.rows("SELECT name, data FROM settings WHERE name = ?", [.text(name)]).first
        else { return nil }
        do {
            return try SettingRecord<T>(columns: row).value
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("settings '\(name)' cannot be read: \(error)")
        }
    }
}
