import GRDB

/// Schemas `v4-ops-docs-credit-notes` (partial credit notes, refunds) and
/// `v4-ops-docs-quotes-tax-forms` (the term of a quote's price, the form a regional request names).
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

    /// Records the day a quote's price stops holding, finds a subscription's quotes by index
    /// (every renewal of a corporate account asks for its last accepted one), and records the
    /// form and region of a regional tax-form request.
    static func migrateQuotesAndTaxForms(_ db: Database) throws {
        // Tax-form requests of the regional kind record the form and its region.
        try db.execute(
            sql: "ALTER TABLE w9_requests ADD COLUMN region TEXT; ALTER TABLE w9_requests ADD COLUMN form_name TEXT"
        )
        try db.execute(
            sql: """
                ALTER TABLE quotes ADD COLUMN term_ends TEXT;
                CREATE INDEX quotes_by_subscription ON quotes(subscription_id, status);
                """
        )
    }
}

extension StoredRecord {
    /// Inserts the record into its table as `v2` made it, leaving out the columns later
    /// migrations added (they add them): a `v1` store is migrated through today's mappings.
    func insertIntoV2(_ db: Database) throws {
        let added: Set<String> = ["credited_line", "account_credit", "term_ends", "region", "form_name"]
        let columns = try columns()
        let kept = zip(columns.names, columns.values).filter { !added.contains($0.0) }
        try db.execute(
            sql: """
                INSERT INTO \(Self.databaseTableName) (\(kept.map(\.0).joined(separator: ", ")))
                VALUES (\(kept.map { _ in "?" }.joined(separator: ", ")))
                """,
            arguments: StatementArguments(kept.map(\.1.databaseValue))
        )
    }
}
