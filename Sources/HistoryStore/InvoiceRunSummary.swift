import Billing
import Foundation

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
