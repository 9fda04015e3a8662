import Billing

/// The vendor as each issued document printed it (issue 25, D3), read the same way from either
/// store: both keep `vendor_versions` and `document_vendors` by triggers (`SQLiteStore+VendorSnapshots.swift`,
/// `PostgresStore+Triggers.swift`).
extension DatabaseBillingStore {
    /// The vendor as the document numbered `number` was issued with, or `nil` if it has no snapshot
    /// (issued before snapshots were kept, or no such document).
    public func issuedVendor(_ number: DocumentNumber) throws(StoreError) -> Vendor? {
        try reading { db in
            try db.first(
                """
                SELECT vendor_versions.data AS data FROM document_vendors
                JOIN vendor_versions ON vendor_versions.id = document_vendors.version
                WHERE document_vendors.series = ? AND document_vendors.number = ?
                """,
                [.text(number.series.rawValue), .text(number.description)]
            ) { row in try row.json(Vendor.self, "data") }
        }
    }

    /// The vendor the document numbered `number` was issued with (its snapshot in the store), or
    /// `current` for a document issued before snapshots were kept (issue 25, D3): a reprint, an
    /// archive and an e-invoice say what the original said, whatever the vendor changed since.
    public func vendor(asIssued number: DocumentNumber?, current: Vendor) throws(StoreError) -> Vendor {
        guard let number else { return current }
        return try issuedVendor(number) ?? current
    }
}
