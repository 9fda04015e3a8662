import GRDB

/// The month-end runs' results (`invoice_runs`, append-only), so that representatives see the last
/// run's on the web (issue 20).
extension SQLiteStore {
    /// `invoice_runs`: one row per finished `invoices run`, failures as a JSON array of strings.
    static func createInvoiceRunTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE invoice_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
                    period TEXT NOT NULL, kind TEXT, through TEXT NOT NULL, issued INTEGER NOT NULL,
                    printed INTEGER NOT NULL, skipped INTEGER NOT NULL, failures TEXT NOT NULL,
                    folder TEXT NOT NULL, actor TEXT NOT NULL
                ) STRICT;
                """
        )
        try forbidChanges(to: "invoice_runs", db)
    }
}
