import Billing

/// What a month-end run shared by workers (`invoices run --worker`, issue 21) needs of a write
/// transaction beyond the store's actions: its own statements on the claims table, and renewals
/// dated as a single run dates them.
extension StoreTransaction {
    /// Runs `sql` (`?` placeholders) in this transaction; returns how many rows it changed.
    @discardableResult
    package func executeClaims(_ sql: String, _ arguments: [StoredArgument]) throws -> Int {
        try db.execute(sql, arguments)
    }

    /// Every row `sql` returns in this transaction, each read by `read`.
    package func claimRows<T>(
        _ sql: String,
        _ arguments: [StoredArgument],
        _ read: (Connection.ResultRow) throws -> T
    )
        throws -> [T]
    {
        try db.all(sql, arguments, read)
    }

    /// The date a renewal due on `due` is acted on, as `invoices run` acts on it: its own date, or,
    /// when the invoice series already numbered a later date and does not take back-dated invoices,
    /// that later date (the invoice is then dated the day it is issued, so numbers follow dates);
    /// never after `through`.
    package func renewalDate(due: CalendarDate, through: CalendarDate) throws -> CalendarDate {
        try renewalDate(due: due, through: through, allowsBackDating: Self.allowsBackDating(.invoice, db))
    }

    /// ``renewalDate(due:through:)`` with the invoice series' back-dating setting already read
    /// (``invoicesAllowBackDating()``), once for a batch of renewals.
    package func renewalDate(due: CalendarDate, through: CalendarDate, allowsBackDating: Bool) throws -> CalendarDate {
        guard !allowsBackDating,
            let text = try lastNumberedDate(.invoice, year: due.year),
            let floor = try? CalendarDate(text)
        else { return min(through, due) }
        return min(through, max(due, floor))
    }

    /// Whether the invoice series takes back-dated invoices (a `set-numbering` event).
    package func invoicesAllowBackDating() throws -> Bool {
        try Self.allowsBackDating(.invoice, db)
    }

    /// Applies `event` in a savepoint: on failure the savepoint is rolled back and the transaction
    /// goes on without it, unless `endsTransaction` says the failure ended the transaction (then it
    /// is thrown).
    package func applyInSavepoint(
        _ event: StoreEvent,
        endsTransaction: (any Error) -> Bool
    ) throws -> Result<ApplyResult, any Error> {
        try db.execute("SAVEPOINT claim")
        do {
            let result = try apply(event)
            try db.execute("RELEASE SAVEPOINT claim")
            return .success(result)
        } catch  where !endsTransaction(error) {
            try db.execute("ROLLBACK TO SAVEPOINT claim")
            try db.execute("RELEASE SAVEPOINT claim")
            forgetSettings()
            return .failure(error)
        }
    }
}
