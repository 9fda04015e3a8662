import Billing
import Foundation
import GRDB

/// What one `ledgerprint invoices run` did: when, for which month, and how many invoices it issued,
/// printed, found already printed, and which documents failed and why.
public struct InvoiceRunSummary: Sendable, Hashable {
    /// When it started, UTC, ISO 8601 (`2026-12-01T02:00:05Z`).
    public var startedAt: String
    /// When it ended.
    public var finishedAt: String
    /// The month, `YYYY-MM`.
    public var period: String
    /// Only accounts of this kind (`corporate`, `self-service`), or `nil` for all.
    public var kind: String?
    /// The last day renewals were issued through: the month's last day, or the run's date if earlier.
    public var through: CalendarDate
    /// Invoices issued.
    public var issued: Int
    /// Invoices printed.
    public var printed: Int
    /// Invoices found already printed, and not printed again.
    public var skipped: Int
    /// Each failure as the run reported it (`SUB-…: …`, `invoice 2026/0042: …`).
    public var failures: [String]
    /// The folder the documents were written into, as given (`--out`).
    public var folder: String
    /// Who ran it (`system`, or `--as`).
    public var actor: String

    /// Creates a summary.
    public init(
        startedAt: String,
        finishedAt: String,
        period: String,
        kind: String?,
        through: CalendarDate,
        issued: Int,
        printed: Int,
        skipped: Int,
        failures: [String],
        folder: String,
        actor: String
    ) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.period = period
        self.kind = kind
        self.through = through
        self.issued = issued
        self.printed = printed
        self.skipped = skipped
        self.failures = failures
        self.folder = folder
        self.actor = actor
    }
}

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

    /// Records a finished run.
    public func recordInvoiceRun(_ run: InvoiceRunSummary) throws(StoreError) {
        guard !isReadOnly else { throw .readOnly(path: path) }
        let failures = String(decoding: (try? JSONEncoder().encode(run.failures)) ?? Data("[]".utf8), as: UTF8.self)
        do {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO invoice_runs (started_at, finished_at, period, kind, through, issued, printed,
                            skipped, failures, folder, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        run.startedAt, run.finishedAt, run.period, run.kind, run.through.description, run.issued,
                        run.printed, run.skipped, failures, run.folder, run.actor,
                    ]
                )
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The last `limit` runs, the latest first; none for a store no run has been recorded in.
    public func invoiceRuns(limit: Int = 10) throws(StoreError) -> [InvoiceRunSummary] {
        try read { db in
            // A read-only store written before runs were recorded has no such table.
            guard try db.tableExists("invoice_runs") else { return [] }
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM invoice_runs ORDER BY id DESC LIMIT ?",
                arguments: [max(0, limit)]
            ).map { row in
                let failures: String = row["failures"]
                return InvoiceRunSummary(
                    startedAt: row["started_at"],
                    finishedAt: row["finished_at"],
                    period: row["period"],
                    kind: row["kind"],
                    through: try CalendarDate(row["through"] as String),
                    issued: row["issued"],
                    printed: row["printed"],
                    skipped: row["skipped"],
                    failures: try JSONDecoder().decode([String].self, from: Data(failures.utf8)),
                    folder: row["folder"],
                    actor: row["actor"]
                )
            }
        }
    }
}
