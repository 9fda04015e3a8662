import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// *Month-end runs*, for representatives: what the last `ledgerprint invoices run` did — when, for
/// which month, how many invoices it issued, printed, failed and found already printed — with each
/// failure's message as the run reported it, then the runs before it. Read from the store's
/// `invoice_runs`, which each run writes when it ends.
extension BillingCenter {
    func addRunResultRoutes(to router: Router<BasicRequestContext>) {
        router.get("/runs") { request, _ in
            guard let page = try self.signedIn(request) else { return Self.redirect(to: "/sign-in") }
            return try self.runResultsPage(page)
        }
    }

    private func runResultsPage(_ page: PageContext) throws -> Response {
        if let refusal = try representativesOnly(page) { return refusal }
        let format = Formatting(language: page.language)
        let runs = try store.invoiceRuns(limit: 10)
        func value(_ run: InvoiceRunSummary) -> TemplateValue {
            .object([
                "period": .text(run.period),
                "kind": .text(
                    run.kind.map { label("kind-" + $0, page.language) } ?? label("allAccounts", page.language)
                ),
                "through": .text(format.date(run.through)),
                "started": .text(Self.readableTime(run.startedAt)),
                "finished": .text(Self.readableTime(run.finishedAt)),
                "issued": .number(Int64(run.issued)), "printed": .number(Int64(run.printed)),
                "skipped": .number(Int64(run.skipped)), "failed": .number(Int64(run.failures.count)),
                "hasFailures": .flag(!run.failures.isEmpty),
                "failures": .list(run.failures.map { .text($0) }),
                "folder": .text(run.folder), "actor": .text(run.actor),
            ])
        }
        var values: [String: TemplateValue] = [
            "earlier": .list(runs.dropFirst().map(value)), "hasEarlier": .flag(runs.count > 1),
        ]
        if let last = runs.first { values["last"] = value(last) }
        return try self.page("runs", values, context: page)
    }

    /// `2026-12-01T02:00:05Z` as `2026-12-01 02:00:05 UTC`.
    static func readableTime(_ timestamp: String) -> String {
        guard timestamp.count == 20, timestamp.hasSuffix("Z") else { return timestamp }
        return timestamp.dropLast().replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
