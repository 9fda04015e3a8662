import GRDB

/// Indexes a renewal paid for and no query needed: `invoices_by_po` made partial (migration
/// `v6-store-speed4-po-index`), `subscriptions_due` dropped (`v6-store-speed4-due-index`).
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

    /// Drops `subscriptions_due` (`status`, `period_end`), which no query uses.
    ///
    /// The due renewals are asked for with `status != 'expired' AND period_end <= ?`, which cannot
    /// use an index led by `status`: SQLite scans the table whether it is there or not. Every
    /// renewal moves its subscription's `period_end`, so it rewrote an entry of the index for
    /// nothing: SQLite's update of a renewal's subscription 28.1 k → 16.6 k instructions
    /// (`Benchmarks/reference/renewal_floor.c`).
    static func dropUnusedDueIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX subscriptions_due")
    }
}
