import GRDB

/// Schema `v4-ops-docs-credit-notes`: partial credit notes and refunds.
extension SQLiteStore {
    /// Lets an invoice have several credit notes (a line or an amount each), records the line a
    /// note credits and the part of it that became account credit, and adds `refunds`.
    ///
    /// A credit note already stored becomes account credit for what exceeded the invoice's amount
    /// due less the payments naming the invoice up to the note's date: the credit a voided paid
    /// invoice left, which the account's next invoices now use.
    static func migrateCreditNotes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE credit_notes_v4 (
                    number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, sequence INTEGER NOT NULL,
                    invoice_number TEXT NOT NULL REFERENCES invoices(number),
                    account_id TEXT NOT NULL REFERENCES accounts(id), currency TEXT NOT NULL,
                    issue_date TEXT NOT NULL, reason TEXT NOT NULL, subtotal INTEGER NOT NULL,
                    tax_total INTEGER NOT NULL, total INTEGER NOT NULL, stamp_duty INTEGER,
                    grand_total INTEGER NOT NULL, detail TEXT NOT NULL, credited_line INTEGER, account_credit INTEGER,
                    UNIQUE (year, sequence)
                ) STRICT;
                INSERT INTO credit_notes_v4
                SELECT c.number, c.year, c.sequence, c.invoice_number, c.account_id, c.currency, c.issue_date,
                    c.reason, c.subtotal, c.tax_total, c.total, c.stamp_duty, c.grand_total, c.detail, NULL,
                    MAX(0, c.grand_total - MAX(0, i.amount_due - COALESCE((
                        SELECT SUM(p.amount) FROM payments p
                        WHERE p.invoice_number = c.invoice_number AND p.received_on <= c.issue_date), 0)))
                FROM credit_notes c JOIN invoices i ON i.number = c.invoice_number
                ORDER BY c.year, c.sequence;
                DROP TABLE credit_notes;
                ALTER TABLE credit_notes_v4 RENAME TO credit_notes;
                CREATE INDEX credit_notes_by_account ON credit_notes(account_id, issue_date);
                CREATE INDEX credit_notes_by_date ON credit_notes(issue_date);
                CREATE INDEX credit_notes_by_invoice ON credit_notes(invoice_number);
                CREATE TABLE refunds (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    amount INTEGER NOT NULL, currency TEXT NOT NULL, date TEXT NOT NULL, method TEXT NOT NULL
                ) STRICT;
                CREATE INDEX refunds_by_account ON refunds(account_id, date);
                """
        )
        try forbidChanges(to: "credit_notes", db)
        try forbidChanges(to: "refunds", db)
    }
}

extension CreditNoteRecord {
    /// The columns `v4-ops-docs-credit-notes` added, which the `v2` table does not have.
    static let v4Columns: Set<String> = ["credited_line", "account_credit"]

    /// Inserts the note into the `v2` table while a `v1` store is migrated: the later migration
    /// adds the other columns.
    func insertIntoV2(_ db: Database) throws {
        var columns = StoredColumns()
        try write(to: &columns)
        let kept = zip(columns.names, columns.values).filter { !Self.v4Columns.contains($0.0) }
        try db.execute(
            sql: """
                INSERT INTO credit_notes (\(kept.map(\.0).joined(separator: ", ")))
                VALUES (\(kept.map { _ in "?" }.joined(separator: ", ")))
                """,
            arguments: StatementArguments(kept.map(\.1))
        )
    }
}
