import Billing
import GRDB

/// The vendor as each issued document printed it (issue 25, D3).
///
/// An invoice names the vendor — legal name, address, tax numbers, bank details — and must print
/// the same for as long as it is kept, whatever the vendor changes later. The database keeps every
/// version of the vendor setting in `vendor_versions`, and the version in force when each invoice
/// or credit note was inserted in `document_vendors`; both by triggers, so no path that issues a
/// document can skip them, and both append-only. Documents issued before this (migration
/// `v4-hostile2-vendor-snapshots`) have no snapshot and print with the vendor of the time of the
/// migration, as they did before.
extension SQLiteStore {
    /// The migration: the tables, the current vendor as the first version, and the triggers.
    static func createVendorSnapshots(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE vendor_versions (id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL) STRICT;
                CREATE TABLE document_vendors (
                    series TEXT NOT NULL, number TEXT NOT NULL,
                    version INTEGER NOT NULL REFERENCES vendor_versions(id), PRIMARY KEY (series, number)
                ) STRICT;
                INSERT INTO vendor_versions(data) SELECT data FROM settings WHERE name = 'vendor';
                """
        )
        for (name, sql) in protectiveTriggers where vendorSnapshotTriggers.contains(name) {
            try db.execute(sql: sql)
        }
    }

    /// The triggers that keep the snapshots, by name (their SQL is in ``protectiveTriggers``).
    static let vendorSnapshotTriggers: Set<String> = [
        "vendor_versions_on_insert", "vendor_versions_on_update", "invoices_vendor_snapshot",
        "credit_notes_vendor_snapshot", "vendor_versions_no_update", "vendor_versions_no_delete",
        "document_vendors_no_update", "document_vendors_no_delete",
    ]

    /// The SQL of the snapshot triggers.
    static var vendorSnapshotTriggerSQL: [(name: String, sql: String)] {
        var triggers: [(name: String, sql: String)] = []
        for operation in ["INSERT", "UPDATE"] {
            triggers.append(
                (
                    "vendor_versions_on_\(operation.lowercased())",
                    """
                    CREATE TRIGGER vendor_versions_on_\(operation.lowercased()) AFTER \(operation) ON settings
                    WHEN NEW.name = 'vendor' BEGIN INSERT INTO vendor_versions(data) VALUES (NEW.data); END
                    """
                )
            )
        }
        for (table, series) in [("invoices", "invoice"), ("credit_notes", "credit-note")] {
            triggers.append(
                (
                    "\(table)_vendor_snapshot",
                    """
                    CREATE TRIGGER \(table)_vendor_snapshot AFTER INSERT ON \(table)
                    BEGIN INSERT INTO document_vendors(series, number, version)
                    SELECT '\(series)', NEW.number, id FROM vendor_versions ORDER BY id DESC LIMIT 1; END
                    """
                )
            )
        }
        for table in ["vendor_versions", "document_vendors"] {
            for operation in ["UPDATE", "DELETE"] {
                triggers.append(
                    (
                        "\(table)_no_\(operation.lowercased())",
                        """
                        CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) are append-only: issued records never change'); END
                        """
                    )
                )
            }
        }
        return triggers
    }
}
