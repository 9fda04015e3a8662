import Billing
import Foundation
import GRDB

/// The mail relay setting and the log of documents e-mailed (issue 20).
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

    /// The relay set with a `set-mail-relay` event, if any.
    public func mailRelay() throws(StoreError) -> MailRelay? {
        try read { db in
            try SettingRecord<MailRelay>.fetchOne(
                db,
                sql: "SELECT * FROM settings WHERE name = ?",
                arguments: ["mail-relay"]
            )?.value
        }
    }

    /// Records a document e-mailed.
    public func recordSending(_ sending: MailSending) throws(StoreError) {
        guard !isReadOnly else { throw .readOnly(path: path) }
        do {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO mail_sendings (kind, reference, account_id, recipient, subject, attachments,
                            actor, sent_at, message_id, server_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        sending.kind, sending.reference, sending.accountID, sending.recipient, sending.subject,
                        sending.attachments, sending.actor, sending.sentAt, sending.messageID, sending.serverReply,
                    ]
                )
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The sendings of one document (`kind` and `reference`), or all when both are `nil`, oldest first.
    public func sendings(kind: String? = nil, reference: String? = nil) throws(StoreError) -> [MailSending] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM mail_sendings WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR reference = ?2)
                    ORDER BY id
                    """,
                arguments: [kind, reference]
            ).map { row in
                MailSending(
                    kind: row["kind"],
                    reference: row["reference"],
                    accountID: row["account_id"],
                    recipient: row["recipient"],
                    subject: row["subject"],
                    attachments: row["attachments"],
                    actor: row["actor"],
                    sentAt: row["sent_at"],
                    messageID: row["message_id"],
                    serverReply: row["server_reply"]
                )
            }
        }
    }
}
