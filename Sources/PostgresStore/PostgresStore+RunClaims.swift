import Billing
import HistoryStore

/// Month-end runs shared by workers (`invoices run --period P --worker`, issue 21; docs/store.md,
/// "Month-end runs shared by workers"): the run's due subscriptions are rows of `run_claims`,
/// claimed a batch at a time with `FOR UPDATE SKIP LOCKED` under a lease that the worker renews
/// while it works; a batch's renewals and their `done` mark commit in one transaction.
extension PostgresStore {
    /// The claims table (migration `v7-pg3-run-claims`).
    ///
    /// `run` is the period, with the account
    /// kind when the run is limited to one (`2026-11`, `2026-11 corporate`). A claim goes from
    /// unclaimed (`worker` NULL) to claimed (`worker`, `batch`, `lease_until`), renewed (`done`,
    /// with `issued_by`, `invoices`, `invoice_numbers` or `failure`) and printed (`printed`, `printed_by`).
    static let runClaimsTable = """
        CREATE TABLE run_claims (
            run text NOT NULL, subscription_id text NOT NULL REFERENCES subscriptions(id),
            account_id text NOT NULL, renewal_date date NOT NULL,
            worker text, batch text, lease_until timestamptz,
            done boolean NOT NULL DEFAULT false, issued_by text, invoices integer NOT NULL DEFAULT 0,
            invoice_numbers text NOT NULL DEFAULT '', failure text,
            printed boolean NOT NULL DEFAULT false, printed_by text,
            PRIMARY KEY (run, subscription_id)
        );
        CREATE INDEX run_claims_open ON run_claims(run, done, renewal_date, account_id, subscription_id)
            WHERE NOT printed;
        CREATE INDEX run_claims_held ON run_claims(run, worker) WHERE NOT printed;
        """

    /// The advisory lock a worker holds while it issues a batch: workers take the invoice series'
    /// numbers one batch after another instead of failing each other's `SERIALIZABLE` transactions.
    static let issuingLock = 1_280_332_373

    /// Adds the run's due subscriptions to its claims; returns how many were added.
    ///
    /// Those there already are left as they are (`ON CONFLICT DO NOTHING`): the first worker fills
    /// the table, later ones add only what became due since.
    @discardableResult
    public func addClaims(run: String, due: [DueRenewal]) throws(StoreError) -> Int {
        try transaction { transaction in
            var added = 0
            for start in stride(from: 0, to: due.count, by: 500) {
                let chunk = due[start..<min(due.count, start + 500)]
                var values: [String] = []
                var arguments: [PGValue] = [.text(run)]
                for renewal in chunk {
                    let base = arguments.count
                    values.append("($1, $\(base + 1), $\(base + 2), $\(base + 3))")
                    arguments += [
                        .text(renewal.subscriptionID), .text(renewal.accountID), .text(renewal.date.description),
                    ]
                }
                added +=
                    try transaction.execute(
                        "INSERT INTO run_claims(run, subscription_id, account_id, renewal_date) VALUES "
                            + values.joined(separator: ", ") + " ON CONFLICT DO NOTHING",
                        arguments
                    ).changed
            }
            return added
        }
    }

    /// Claims up to `size` subscriptions of `run` for `worker` under a lease of `lease` seconds, in
    /// a short transaction of its own; an empty batch when none can be claimed now.
    ///
    /// The rows are picked in a `WITH` query, not in `UPDATE … WHERE … IN (SELECT … LIMIT n FOR
    /// UPDATE SKIP LOCKED)`: PostgreSQL may run that subquery again for each row it updates, and a
    /// row the same statement has just updated is skipped as locked, so each new run of it picks
    /// the next `n` — measured: a batch of 7 claimed all 20 subscriptions of a date. A `WITH`
    /// query that locks rows is run once.
    ///
    /// Claimed are those not printed whose lease is free or expired, skipping any another worker is
    /// claiming at this moment (`SKIP LOCKED`): first those renewed by a worker that stopped before
    /// printing them, then renewals of the earliest date not yet renewed, and of that date only, so
    /// that numbers follow dates across workers (docs/store.md explains why).
    public func claimBatch(
        run: String,
        worker: String,
        batch: String,
        size: Int,
        lease: Int
    ) throws(StoreError)
        -> ClaimedBatch
    {
        let rows = try transaction { transaction in
            let arguments: [PGValue] = [
                .text(run), .text(worker), .text(batch), .integer(Int64(lease)), .integer(Int64(size)),
            ]
            let orphans = try transaction.execute(Self.claimSQL(done: true), arguments)
            return orphans.count > 0 ? orphans : try transaction.execute(Self.claimSQL(done: false), arguments)
        }
        var claims: [RunClaim] = []
        for index in 0..<rows.count {
            guard let id = rows.value(index, "subscription_id"), let account = rows.value(index, "account_id"),
                let dateText = rows.value(index, "renewal_date"), let date = try? CalendarDate(dateText)
            else { throw .database("\(address): run_claims gave an incomplete row") }
            claims.append(
                RunClaim(
                    subscriptionID: id,
                    accountID: account,
                    date: date,
                    issued: rows.value(index, "done") == "t",
                    invoiceNumbers: (rows.value(index, "invoice_numbers") ?? "").split(separator: " ").map(String.init)
                )
            )
        }
        claims.sort { ($0.date, $0.accountID, $0.subscriptionID) < ($1.date, $1.accountID, $1.subscriptionID) }
        return ClaimedBatch(id: batch, claims: claims)
    }

    /// The statement that claims renewed claims whose worker stopped or gave them up (`done`; never
    /// the claiming worker's own), or claims of the earliest date not renewed yet; each walks the
    /// index `run_claims_open` in order and stops at `LIMIT`.
    static func claimSQL(done: Bool) -> String {
        let date =
            done
            ? ""
            : "AND renewal_date <= (SELECT min(renewal_date) FROM run_claims WHERE run = $1 AND NOT printed AND NOT done)"
        return """
            WITH picked AS (
                SELECT subscription_id FROM run_claims
                WHERE run = $1 AND NOT printed AND \(done ? "done AND worker IS DISTINCT FROM $2" : "NOT done")
                  AND (worker IS NULL OR lease_until < now()) \(date)
                ORDER BY renewal_date, account_id, subscription_id
                LIMIT $5 FOR UPDATE SKIP LOCKED)
            UPDATE run_claims c SET worker = $2, batch = $3, lease_until = now() + make_interval(secs => $4)
            FROM picked WHERE c.run = $1 AND c.subscription_id = picked.subscription_id
            RETURNING c.subscription_id, c.account_id, c.renewal_date, c.done, c.invoice_numbers
            """
    }

    /// `values` as a PostgreSQL array literal of text, each quoted; `nil` as an unquoted `NULL`.
    static func textArray(_ values: [String?]) -> String {
        let quoted = values.map { value in
            guard let value else { return "NULL" }
            return "\""
                + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }

    /// Renews the claims of `batch` that `worker` still holds and marks them `done`, in one transaction.
    ///
    /// Only claims not renewed yet are renewed. A worker killed before it commits leaves nothing,
    /// one killed after leaves the batch renewed. A renewal that fails is reported and marked done
    /// with its reason, the others of the batch go on.
    ///
    /// Workers issue one batch at a time (an advisory lock), since every renewal takes its number
    /// from the one row of the invoice series; so the turn is kept short: the renewals run first
    /// without a savepoint each (when one fails, the batch is rolled back, numbers and all, and
    /// issued again with a savepoint per renewal), the back-dating setting is read once, and the
    /// claims are marked done in one statement.
    public func issueClaims(
        run: String,
        worker: String,
        batch: ClaimedBatch,
        through: CalendarDate
    ) throws(StoreError) -> [ClaimOutcome] {
        try advisoryLock(Self.issuingLock)
        defer { try? advisoryUnlock(Self.issuingLock) }
        if let outcomes = try issue(run: run, worker: worker, batch: batch, through: through, eachInASavepoint: false) {
            return outcomes
        }
        return try issue(run: run, worker: worker, batch: batch, through: through, eachInASavepoint: true) ?? []
    }

    /// Issues `batch` in one transaction; without `eachInASavepoint`, `nil` (the transaction rolled
    /// back) as soon as a renewal fails.
    private func issue(
        run: String,
        worker: String,
        batch: ClaimedBatch,
        through: CalendarDate,
        eachInASavepoint: Bool
    ) throws(StoreError) -> [ClaimOutcome]? {
        let ids = Self.textArray(batch.claims.map(\.subscriptionID))
        return try writing { transaction in
            let owned = try transaction.claimRows(
                """
                SELECT subscription_id, account_id, renewal_date FROM run_claims
                WHERE run = ? AND subscription_id = ANY(CAST(? AS text[])) AND batch = ? AND worker = ? AND NOT done
                ORDER BY renewal_date, account_id, subscription_id FOR UPDATE
                """,
                [.text(run), .text(ids), .text(batch.id), .text(worker)]
            ) { row in
                (
                    try row.text("subscription_id"), try row.text("account_id"),
                    try CalendarDate(try row.text("renewal_date"))
                )
            }
            let backDating = try transaction.invoicesAllowBackDating()
            var outcomes: [ClaimOutcome] = []
            for (subscriptionID, accountID, due) in owned {
                let event = StoreEvent(
                    date: try transaction.renewalDate(due: due, through: through, allowsBackDating: backDating),
                    actor: .system,
                    action: .renew(subscriptionID: subscriptionID)
                )
                var outcome = ClaimOutcome(
                    subscriptionID: subscriptionID,
                    accountID: accountID,
                    invoiceNumbers: [],
                    failure: nil
                )
                let result: Result<ApplyResult, any Error>
                if eachInASavepoint {
                    result = try transaction.applyInSavepoint(event, endsTransaction: endsTransaction)
                } else {
                    do {
                        result = .success(try transaction.apply(event))
                    } catch  where !endsTransaction(error) {
                        return (nil, false)
                    }
                }
                switch result {
                case .success(let applied):
                    outcome.invoiceNumbers = applied.invoices.compactMap { $0.number?.description }
                case .failure(let error): outcome.failure = translate(error).description
                }
                outcomes.append(outcome)
            }
            try transaction.executeClaims(
                """
                UPDATE run_claims c SET done = true, issued_by = ?, invoices = d.invoices, invoice_numbers = d.numbers,
                    failure = d.failure
                FROM unnest(CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS text[]))
                    AS d(id, invoices, numbers, failure)
                WHERE c.run = ? AND c.subscription_id = d.id
                """,
                [
                    .text(worker), .text(Self.textArray(outcomes.map(\.subscriptionID))),
                    .text(Self.textArray(outcomes.map { String($0.invoiceNumbers.count) })),
                    .text(Self.textArray(outcomes.map { $0.invoiceNumbers.joined(separator: " ") })),
                    .text(Self.textArray(outcomes.map(\.failure))), .text(run),
                ]
            )
            return (outcomes, true)
        }
    }

    /// Marks the renewed claims of `batch` printed by `worker`, except those in `unprinted` (their
    /// printing failed): those are given up, their lease expired at once and no longer renewed, so
    /// that another worker, or this run's `--worker` started again, prints them (``claimSQL(done:)``
    /// never gives a worker back what it gave up itself).
    ///
    /// `recording`, the printed index's entries of the files the batch wrote, are added in the same
    /// transaction, in one statement, after the one check of the protective triggers every write
    /// transaction makes: a batch's printing is one write, not two for each invoice. A worker
    /// killed before it commits leaves neither: the batch is printed again, by another worker.
    ///
    /// Returns the subscriptions this call marked printed: none of a batch another worker took
    /// meanwhile (its lease expired), so that only one worker ever e-mails a claim's invoices.
    @discardableResult
    public func markPrinted(
        run: String,
        batch: ClaimedBatch,
        worker: String,
        unprinted: Set<String> = [],
        recording documents: [PrintedDocument] = []
    ) throws(StoreError) -> Set<String> {
        let printed = batch.claims.map(\.subscriptionID).filter { !unprinted.contains($0) }
        let columns: [[String?]] = [
            documents.map(\.kind), documents.map(\.reference), documents.map(\.accountID), documents.map(\.format),
            documents.map(\.sha256), documents.map { String($0.size) }, documents.map(\.templateVersion),
            documents.map(\.printedAt), documents.map(\.path),
        ]
        return try transaction { transaction in
            if !documents.isEmpty {
                try Self.requireProtection(transaction.connection, location: location)
                try transaction.connection.executePrepared(
                    """
                    INSERT INTO printed_documents
                        (kind, reference, account_id, format, sha256, size, template_version, printed_at, path)
                    SELECT * FROM unnest(CAST($1 AS text[]), CAST($2 AS text[]), CAST($3 AS text[]),
                        CAST($4 AS text[]), CAST($5 AS text[]), CAST($6 AS bigint[]), CAST($7 AS text[]),
                        CAST($8 AS text[]), CAST($9 AS text[]))
                    """,
                    columns.map { PGValue.text(Self.textArray($0)) }
                )
            }
            let marked = try transaction.execute(
                """
                UPDATE run_claims SET printed = true, printed_by = $4
                WHERE run = $1 AND subscription_id = ANY(CAST($2 AS text[])) AND batch = $3 AND done
                RETURNING subscription_id
                """,
                [.text(run), .text(Self.textArray(printed)), .text(batch.id), .text(worker)]
            )
            if !unprinted.isEmpty {
                try transaction.execute(
                    """
                    UPDATE run_claims SET lease_until = now() - interval '1 second'
                    WHERE run = $1 AND subscription_id = ANY(CAST($2 AS text[])) AND batch = $3 AND worker = $4
                    """,
                    [.text(run), .text(Self.textArray(unprinted.sorted())), .text(batch.id), .text(worker)]
                )
            }
            return Set((0..<marked.count).compactMap { marked.value($0, "subscription_id") })
        }
    }

    /// Extends the lease of every claim `worker` holds in `run` to `lease` seconds from now;
    /// returns how many it holds.
    ///
    /// A claim whose lease expired is not extended: another worker may be taking it, or `worker`
    /// gave it up (``markPrinted(run:batch:worker:unprinted:)``).
    @discardableResult
    public func renewLeases(run: String, worker: String, lease: Int) throws(StoreError) -> Int {
        try transaction { transaction in
            try transaction.execute(
                """
                UPDATE run_claims SET lease_until = now() + make_interval(secs => $3)
                WHERE run = $1 AND worker = $2 AND NOT printed AND lease_until >= now()
                """,
                [.text(run), .text(worker), .integer(Int64(lease))]
            ).changed
        }
    }

    /// Whether any claim of `run` is not printed yet, apart from those `worker` gave up because
    /// their printing failed: whether `worker` has anything left to wait for.
    public func hasOpenClaims(run: String, worker: String) throws(StoreError) -> Bool {
        let rows = try transaction { transaction in
            try transaction.execute(
                """
                SELECT 1 AS open FROM run_claims
                WHERE run = $1 AND NOT printed AND NOT (done AND worker = $2 AND lease_until < now()) LIMIT 1
                """,
                [.text(run), .text(worker)]
            )
        }
        return rows.count > 0
    }

    /// How many claims of `run` there are, and how many are printed: a worker's progress, read only
    /// when it is shown (it counts every claim of the run).
    public func claimCounts(run: String) throws(StoreError) -> (total: Int, printed: Int) {
        let rows = try transaction { transaction in
            try transaction.execute(
                "SELECT count(*) AS total, count(*) FILTER (WHERE printed) AS printed FROM run_claims WHERE run = $1",
                [.text(run)]
            )
        }
        return (Int(rows.value(0, "total") ?? "") ?? 0, Int(rows.value(0, "printed") ?? "") ?? 0)
    }

    private func advisoryLock(_ key: Int) throws(StoreError) {
        do {
            try connection.withLock { connection in _ = try connection.execute("SELECT pg_advisory_lock(\(key))") }
        } catch {
            throw translate(error)
        }
    }

    private func advisoryUnlock(_ key: Int) throws(StoreError) {
        do {
            try connection.withLock { connection in _ = try connection.execute("SELECT pg_advisory_unlock(\(key))") }
        } catch {
            throw translate(error)
        }
    }
}
