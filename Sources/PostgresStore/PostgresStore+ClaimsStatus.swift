import HistoryStore

extension PostgresStore {
    /// The progress of `run` across its workers (`invoices run --period P --status`): subscriptions
    /// and batches done, in work, expired and left, invoices issued, and what each worker did and holds.
    public func runStatus(run: String) throws(StoreError) -> SharedRunStatus {
        let (totals, issuers, printers, holders) = try transaction { transaction in
            (
                try transaction.execute(
                    """
                    SELECT count(*) AS subscriptions, count(*) FILTER (WHERE done) AS issued,
                        count(*) FILTER (WHERE printed) AS printed, count(*) FILTER (WHERE failure IS NOT NULL) AS failed,
                        COALESCE(sum(invoices), 0) AS invoices, count(*) FILTER (WHERE worker IS NULL) AS unclaimed,
                        count(DISTINCT batch) FILTER (WHERE NOT printed AND lease_until >= now()) AS in_work,
                        count(DISTINCT batch) FILTER (WHERE NOT printed AND lease_until < now()) AS expired
                    FROM run_claims WHERE run = $1
                    """,
                    [.text(run)]
                ),
                try transaction.execute(
                    """
                    SELECT issued_by AS name, count(*) AS renewed, sum(invoices) AS invoices FROM run_claims
                    WHERE run = $1 AND done GROUP BY issued_by
                    """,
                    [.text(run)]
                ),
                try transaction.execute(
                    """
                    SELECT printed_by AS name, count(*) AS printed, count(DISTINCT batch) AS batches FROM run_claims
                    WHERE run = $1 AND printed GROUP BY printed_by
                    """,
                    [.text(run)]
                ),
                try transaction.execute(
                    """
                    SELECT worker AS name, count(DISTINCT batch) AS batches,
                        floor(EXTRACT(EPOCH FROM max(lease_until) - now()))::bigint AS lease
                    FROM run_claims WHERE run = $1 AND NOT printed AND worker IS NOT NULL GROUP BY worker
                    """,
                    [.text(run)]
                )
            )
        }
        func number(_ rows: PGRows, _ row: Int, _ column: String) -> Int { Int(rows.value(row, column) ?? "") ?? 0 }
        var status = SharedRunStatus()
        status.subscriptions = number(totals, 0, "subscriptions")
        status.issued = number(totals, 0, "issued")
        status.printed = number(totals, 0, "printed")
        status.failed = number(totals, 0, "failed")
        status.invoices = number(totals, 0, "invoices")
        status.unclaimed = number(totals, 0, "unclaimed")
        status.batchesInWork = number(totals, 0, "in_work")
        status.batchesExpired = number(totals, 0, "expired")
        var workers: [String: WorkerStatus] = [:]
        func update(_ rows: PGRows, _ change: (inout WorkerStatus, Int) -> Void) {
            for row in 0..<rows.count {
                guard let name = rows.value(row, "name") else { continue }
                change(&workers[name, default: WorkerStatus(name: name)], row)
            }
        }
        update(issuers) { worker, row in
            worker.renewed = number(issuers, row, "renewed")
            worker.invoices = number(issuers, row, "invoices")
        }
        update(printers) { worker, row in
            worker.printed = number(printers, row, "printed")
            worker.batchesDone = number(printers, row, "batches")
        }
        update(holders) { worker, row in
            worker.batchesHeld = number(holders, row, "batches")
            worker.leaseSeconds = Int(holders.value(row, "lease") ?? "")
        }
        status.workers = workers.values.sorted { $0.name < $1.name }
        status.batchesDone = status.workers.reduce(0) { $0 + $1.batchesDone }
        return status
    }
}
