import GRDB

extension SQLiteStore {
    /// `PRAGMA application_id` of every Ledgerprint store: "LPRT".
    static let applicationID: Int32 = 0x4C50_5254

    /// The schema, one migration per version.
    ///
    /// A store is migrated to the newest on open, each migration in one transaction: all of it, or
    /// nothing. `v1` kept every record as JSON in a `data` column; `v2` gives each stored type its
    /// real columns (``SQLiteStore/migrateRecordsToColumns(_:)``).
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try createRecordTables(db)
            try createDocumentTables(db)
            try createLogTables(db)
            for table in ["invoices", "credit_notes", "payments", "account_credits", "events"] {
                try forbidChanges(to: table, db)
            }
        }
        migrator.registerMigration("v2-columns") { db in try migrateRecordsToColumns(db) }
        // Numbers follow dates: each series remembers the date of the last document it numbered.
        migrator.registerMigration("v3-numbering-dates") { db in
            try db.execute(
                sql: """
                    ALTER TABLE numbering ADD COLUMN last_date TEXT NOT NULL DEFAULT '';
                    UPDATE numbering SET last_date = COALESCE(
                        (SELECT MAX(issue_date) FROM invoices WHERE invoices.year = numbering.year), '')
                    WHERE series = 'invoice';
                    UPDATE numbering SET last_date = COALESCE(
                        (SELECT MAX(issue_date) FROM credit_notes WHERE credit_notes.year = numbering.year), '')
                    WHERE series = 'credit-note';
                    """
            )
        }
        migrator.registerMigration("v4-ops-status-purchase-orders") { db in try addPurchaseOrderStates(db) }
        migrator.registerMigration("v4-ops-status-reminders") { db in try createReminderTables(db) }
        migrator.registerMigration("v4-ops-docs-credit-notes") { db in try migrateCreditNotes(db) }
        migrator.registerMigration("v4-ops-docs-quotes-tax-forms") { db in try migrateQuotesAndTaxForms(db) }
        // The numbering counters get triggers too: never removed, never back (issue 25, D13).
        migrator.registerMigration("v4-hostile2-numbering-triggers") { db in try protectNumbering(db) }
        // Every issued document keeps the vendor it was issued with (issue 25, D3).
        migrator.registerMigration("v4-hostile2-vendor-snapshots") { db in try createVendorSnapshots(db) }
        migrator.registerMigration("v5-web-users") { db in try createUserTables(db) }
        migrator.registerMigration("v5-mail-sendings") { db in try createMailTables(db) }
        migrator.registerMigration("v6-web4-invoice-runs") { db in try createInvoiceRunTable(db) }
        // Invoices without a PO (most) no longer get an entry in the index by PO.
        migrator.registerMigration("v6-store-speed4-po-index") { db in try makePurchaseOrderIndexPartial(db) }
        // No query uses the index of subscriptions by status and period end; every renewal updated it.
        migrator.registerMigration("v6-store-speed4-due-index") { db in try dropUnusedDueIndex(db) }
        return migrator
    }

    private static func createRecordTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE settings (name TEXT PRIMARY KEY, data TEXT NOT NULL) STRICT;
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, data TEXT NOT NULL
                ) STRICT;
                CREATE TABLE subscriptions (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    status TEXT NOT NULL, period_end TEXT NOT NULL, data TEXT NOT NULL
                ) STRICT;
                CREATE INDEX subscriptions_by_account ON subscriptions(account_id);
                CREATE INDEX subscriptions_due ON subscriptions(status, period_end);
                CREATE TABLE quotes (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), data TEXT NOT NULL
                ) STRICT;
                CREATE TABLE w9_requests (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    status TEXT NOT NULL, data TEXT NOT NULL
                ) STRICT;
                """
        )
    }

    private static func createDocumentTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE numbering (
                    series TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL, PRIMARY KEY (series, year)
                ) STRICT;
                CREATE TABLE invoices (
                    key TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
                    year INTEGER NOT NULL, sequence INTEGER NOT NULL,
                    account_id TEXT NOT NULL REFERENCES accounts(id), subscription_id TEXT,
                    issue_date TEXT NOT NULL, grand_total INTEGER NOT NULL, balance_applied INTEGER NOT NULL,
                    po_number TEXT, data TEXT NOT NULL, UNIQUE (year, sequence)
                ) STRICT;
                CREATE INDEX invoices_by_account ON invoices(account_id, issue_date);
                CREATE INDEX invoices_by_date ON invoices(issue_date);
                CREATE TABLE credit_notes (
                    number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, sequence INTEGER NOT NULL,
                    invoice_number TEXT NOT NULL UNIQUE REFERENCES invoices(number),
                    account_id TEXT NOT NULL REFERENCES accounts(id), issue_date TEXT NOT NULL,
                    data TEXT NOT NULL, UNIQUE (year, sequence)
                ) STRICT;
                CREATE INDEX credit_notes_by_account ON credit_notes(account_id, issue_date);
                CREATE TABLE payments (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    received_on TEXT NOT NULL, data TEXT NOT NULL
                ) STRICT;
                CREATE INDEX payments_by_account ON payments(account_id, received_on);
                CREATE TABLE account_credits (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    date TEXT NOT NULL, amount INTEGER NOT NULL, data TEXT NOT NULL
                ) STRICT;
                CREATE INDEX account_credits_by_account ON account_credits(account_id, date);
                """
        )
    }

    private static func createLogTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT NOT NULL, actor TEXT NOT NULL,
                    account_id TEXT, kind TEXT NOT NULL, payload TEXT NOT NULL
                ) STRICT;
                CREATE INDEX events_by_account ON events(account_id, date);
                CREATE TABLE printed_documents (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, reference TEXT NOT NULL,
                    account_id TEXT, format TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
                    template_version TEXT NOT NULL, printed_at TEXT NOT NULL, path TEXT NOT NULL
                ) STRICT;
                CREATE INDEX printed_by_reference ON printed_documents(kind, reference, format);
                """
        )
    }

    /// Issued documents and the event log are append-only: the database itself refuses an UPDATE
    /// or DELETE, whatever program tries.
    static func forbidChanges(to table: String, _ db: Database) throws {
        for operation in ["UPDATE", "DELETE"] {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_no_\(operation.lowercased()) BEFORE \(operation) ON \(table)
                    BEGIN SELECT RAISE(ABORT, '\(table) are append-only: issued records never change'); END;
                    """
            )
        }
    }
}
