import GRDB

/// The schema of issue 18's part A: purchase orders that can be closed and pinned, and payment reminders.
extension SQLiteStore {
    /// What a purchase order has beyond its v2 row.
    ///
    /// The day it was closed, whether it is the account's default and the subscriptions pinned to
    /// it (a JSON array of ids). A table of its own,
    /// one row per order (by its position in the account) whose state is not the default, so that the v2 migration's rows stay as they were.
    static func addPurchaseOrderStates(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE purchase_order_states (
                    account_id TEXT NOT NULL REFERENCES accounts(id), position INTEGER NOT NULL, closed_on TEXT,
                    is_default INTEGER NOT NULL, pinned TEXT NOT NULL, PRIMARY KEY (account_id, position)
                ) STRICT;
                """
        )
    }

    /// Reminders issued (append-only, the document as JSON in `detail`), and the level each invoice
    /// reached: one row per invoice and level, so that no level is ever sent twice.
    static func createReminderTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE reminders (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    date TEXT NOT NULL, level INTEGER NOT NULL, detail TEXT NOT NULL
                ) STRICT;
                CREATE INDEX reminders_by_account ON reminders(account_id, date);
                CREATE TABLE reminded_invoices (
                    invoice_number TEXT NOT NULL REFERENCES invoices(number), level INTEGER NOT NULL,
                    reminder_id TEXT NOT NULL REFERENCES reminders(id), date TEXT NOT NULL,
                    PRIMARY KEY (invoice_number, level)
                ) STRICT;
                """
        )
        for table in ["reminders", "reminded_invoices"] { try forbidChanges(to: table, db) }
    }
}
