import GRDB

/// The log of documents e-mailed (issue 20): its table in the SQLite store (read and written in
/// `BillingStore+Mail.swift`, on either store).
extension SQLiteStore {
    /// `mail_sendings`: one row per document e-mailed, append-only.
    static func createMailTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE mail_sendings (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, reference TEXT NOT NULL,
                    account_id TEXT, recipient TEXT NOT NULL, subject TEXT NOT NULL, attachments TEXT NOT NULL,
                    actor TEXT NOT NULL, sent_at TEXT NOT NULL, message_id TEXT NOT NULL, server_reply TEXT NOT NULL
                ) STRICT;
                CREATE INDEX mail_sendings_by_document ON mail_sendings(kind, reference);
                """
        )
        try forbidChanges(to: "mail_sendings", db)
    }
}
