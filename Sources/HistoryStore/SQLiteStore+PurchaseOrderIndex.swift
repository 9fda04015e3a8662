import GRDB

/// `invoices_by_po` made partial (migration `v6-store-speed4-po-index`).
extension SQLiteStore {
    /// Recreates `invoices_by_po` over the invoices that name a purchase order only.
    ///
    /// Both queries that use it ask for invoices of one PO (`po_number = ?`) or of any
    /// (`po_number IS NOT NULL`), which SQLite answers from a partial index `WHERE po_number IS NOT
    /// NULL`; most invoices name no PO, and each of them cost every invoice written an entry in the
    /// index for nothing: 8.6 k of SQLite's 121 k instructions to insert a renewal's invoice
    /// (`Benchmarks/reference/renewal_floor.c`, `docs/performance.md`).
    static func makePurchaseOrderIndexPartial(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX invoices_by_po;
                CREATE INDEX invoices_by_po ON invoices(account_id, po_number) WHERE po_number IS NOT NULL;
                """
        )
    }
}
