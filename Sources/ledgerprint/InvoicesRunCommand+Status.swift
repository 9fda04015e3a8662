import Foundation
import HistoryStore
import PostgresStore

extension InvoicesCommand.Run {
    /// `--status`: the shared run's progress across its workers, from the claims table.
    func showStatus() throws {
        let store = try options.existingStore()
        let shared = try sharedStore(store, for: "--status")
        let run = sharedRunName
        let status = try shared.runStatus(run: run)
        guard status.subscriptions > 0 else {
            throw Failure(
                .notFound,
                "no worker has started the run \(run) on \(store.location): "
                    + "start one with 'invoices run --period \(period) --worker'"
            )
        }
        let state = status.printed == status.subscriptions ? "finished" : "under way"
        print(
            "run \(run): \(state); \(status.subscriptions) subscriptions due, \(status.issued) renewed "
                + "(\(status.failed) failed), \(status.printed) printed; \(status.invoices) invoices issued"
        )
        print(
            "batches: \(status.batchesDone) done, \(status.batchesInWork) in work, \(status.batchesExpired) "
                + "with an expired lease (their worker stopped: the next worker to claim takes them); "
                + "\(status.unclaimed) subscriptions not claimed yet"
        )
        let header = ["worker", "renewed", "invoices", "printed", "batches", "holds", "lease"]
        var rows = [header]
        for worker in status.workers {
            let lease = worker.leaseSeconds.map { $0 >= 0 ? "\($0) s left" : "expired \(-$0) s ago" } ?? "-"
            rows.append([
                worker.name, "\(worker.renewed)", "\(worker.invoices)", "\(worker.printed)",
                "\(worker.batchesDone)", "\(worker.batchesHeld)", lease,
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 0 || column == row.count - 1
                    ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            print(Terminal.safe(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces)))
        }
    }
}
