import Billing
import Foundation
import HistoryStore

extension InvoicesCommand.Run {
    /// Records what this run did in the store (`invoice_runs`), so that representatives see the
    /// last run's results in the Billing Center.
    ///
    /// A store that cannot record it only gets a warning:
    /// the run's documents are done either way.
    func recordRun(
        _ store: any BillingStore,
        startedAt: String,
        through: CalendarDate,
        counts: (issued: Int, printed: Int, skipped: Int),
        failures: [String]
    ) {
        let actor = (try? options.who()).map(String.init(describing:)) ?? "system"
        do {
            try store.recordInvoiceRun(
                InvoiceRunSummary(
                    startedAt: startedAt,
                    finishedAt: Timestamp.now(),
                    period: period,
                    kind: kind?.rawValue,
                    through: through,
                    issued: counts.issued,
                    printed: counts.printed,
                    skipped: counts.skipped,
                    failures: failures,
                    folder: out,
                    actor: actor
                )
            )
        } catch {
            FileHandle.standardError.write(
                Data("ledgerprint: warning: the run's results were not recorded: \(Failure(error).message)\n".utf8)
            )
        }
    }
}
