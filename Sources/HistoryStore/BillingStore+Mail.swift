import Billing
import Foundation

/// The mail relay setting, the record of e-mailed documents and the month-end runs' results of a
/// ``DatabaseBillingStore``: the same SQL on SQLite and PostgreSQL.
extension DatabaseBillingStore {
    /// The relay set with a `set-mail-relay` event, if any.
    public func mailRelay() throws(StoreError) -> MailRelay? {
        try reading { db in try StoreTransaction.setting("mail-relay", as: MailRelay.self, db) }
    }

    /// Records a document e-mailed.
    public func recordSending(_ sending: MailSending) throws(StoreError) {
        try writingRows { db in
            try db.execute(
                """
                INSERT INTO mail_sendings (kind, reference, account_id, recipient, subject, attachments,
                    actor, sent_at, message_id, server_reply) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    sending.kind, sending.reference, sending.accountID, sending.recipient, sending.subject,
                    sending.attachments, sending.actor, sending.sentAt, sending.messageID, sending.serverReply,
                ].map(\.storedArgument)
            )
        }
    }

    /// The sendings of one document (`kind` and `reference`), or all when both are `nil`, oldest first.
    public func sendings(kind: String?, reference: String?) throws(StoreError) -> [MailSending] {
        try reading { db in
            try db.all(
                """
                SELECT * FROM mail_sendings
                WHERE (CAST(?1 AS TEXT) IS NULL OR kind = ?1) AND (CAST(?2 AS TEXT) IS NULL OR reference = ?2)
                ORDER BY id
                """,
                [kind.storedArgument, reference.storedArgument]
            ) { row in
                MailSending(
                    kind: try row.text("kind"),
                    reference: try row.text("reference"),
                    accountID: try row.optionalText("account_id"),
                    recipient: try row.text("recipient"),
                    subject: try row.text("subject"),
                    attachments: try row.text("attachments"),
                    actor: try row.text("actor"),
                    sentAt: try row.text("sent_at"),
                    messageID: try row.text("message_id"),
                    serverReply: try row.text("server_reply")
                )
            }
        }
    }

    /// Records a finished run; its failures as a JSON array of strings.
    public func recordInvoiceRun(_ run: InvoiceRunSummary) throws(StoreError) {
        let failures = String(decoding: (try? JSONEncoder().encode(run.failures)) ?? Data("[]".utf8), as: UTF8.self)
        try writingRows { db in
            try db.execute(
                """
                INSERT INTO invoice_runs (started_at, finished_at, period, kind, through, issued, printed,
                    skipped, failures, folder, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    run.startedAt.storedArgument, run.finishedAt.storedArgument, run.period.storedArgument,
                    run.kind.storedArgument, run.through.description.storedArgument, run.issued.storedArgument,
                    run.printed.storedArgument, run.skipped.storedArgument, failures.storedArgument,
                    run.folder.storedArgument, run.actor.storedArgument,
                ]
            )
        }
    }

    /// The last `limit` runs, the latest first; none for a store no run has been recorded in.
    public func invoiceRuns(limit: Int) throws(StoreError) -> [InvoiceRunSummary] {
        try reading { db in
            // A read-only store written before runs were recorded has no such table.
            guard try db.hasTable("invoice_runs") else { return [] }
            return try db.all("SELECT * FROM invoice_runs ORDER BY id DESC LIMIT ?", [max(0, limit).storedArgument]) {
                row in
                InvoiceRunSummary(
                    startedAt: try row.text("started_at"),
                    finishedAt: try row.text("finished_at"),
                    period: try row.text("period"),
                    kind: try row.optionalText("kind"),
                    through: try CalendarDate(try row.text("through")),
                    issued: try row.integer("issued"),
                    printed: try row.integer("printed"),
                    skipped: try row.integer("skipped"),
                    failures: try JSONDecoder().decode([String].self, from: Data(try row.text("failures").utf8)),
                    folder: try row.text("folder"),
                    actor: try row.text("actor")
                )
            }
        }
    }

    /// Runs `body` on the connection in one write transaction, committed when it returns.
    @discardableResult
    func writingRows<T>(_ body: (Connection) throws -> T) throws(StoreError) -> T {
        try writing { transaction in (try body(transaction.db), true) }
    }
}
