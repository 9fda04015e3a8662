import Billing
import Dispatch
import EventLog
import GRDB

/// What applying an event produced.
public struct ApplyResult: Sendable, Hashable {
    /// Invoices issued, in order.
    public var invoices: [Invoice] = []
    /// Credit notes issued.
    public var creditNotes: [CreditNote] = []
    /// Credit given to an account's balance.
    public var credits: [AccountCredit] = []
    /// The subscription after the action, if it touched one.
    public var subscription: Subscription?
    /// The event's sequence number in the log.
    public var sequence: Int64 = 0
}

extension SQLiteStore {
    /// Applies one event in its own transaction: the event and everything it produces are stored,
    /// or nothing is.
    ///
    /// - Throws: ``StoreError/rejected(_:)`` when a billing rule refuses it, ``StoreError/notFound(kind:id:)``
    ///   for an unknown account, subscription, invoice or request.
    @discardableResult
    public func apply(_ event: StoreEvent) throws(StoreError) -> ApplyResult {
        try write { transaction in try transaction.apply(event) }
    }

    /// What applying `event` would produce — the invoice with its number, the credit — without
    /// keeping any of it: the event is applied in a transaction that is rolled back.
    public func preview(_ event: StoreEvent) throws(StoreError) -> ApplyResult {
        try transaction { transaction in (try transaction.apply(event), .rollback) }
    }
}

extension SQLiteStore {
    /// Applies many events, `batchSize` to a transaction: an event that fails leaves nothing behind
    /// (its number included) and the others of its batch still commit.
    ///
    /// A batch is first applied as a whole; only if one of its events fails is it rolled back and
    /// applied again with each event in its own savepoint (events are deterministic, so the others
    /// give the same results the second time).
    ///
    /// A month-end run issues thousands of invoices; one transaction each would wait for the disk
    /// thousands of times. A batch is still all or nothing on a crash, and renewals are idempotent,
    /// so a killed run loses at most one batch of work and issues it on the next run.
    ///
    /// While a batch is applied, the accounts of the next one are read and decoded on another
    /// connection and core (``AccountRecord/decodeAhead(_:_:)``); the transaction uses what was
    /// decoded only for a row that still holds the same text.
    ///
    /// - Parameters:
    ///   - events: The events, applied in this order.
    ///   - batchSize: How many events share one transaction.
    ///   - progress: Called after each batch with the number of events done so far.
    /// - Returns: Each event's result, in order.
    /// - Throws: ``StoreError`` only when a batch cannot be committed at all.
    public func applyInBatches(
        _ events: [StoreEvent],
        batchSize: Int,
        progress: (Int) -> Void
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>] {
        let reading = DispatchGroup()
        // Nothing reads ahead past the return: the caller may close the store.
        defer { reading.wait() }
        return try inBatches(events, batchSize: batchSize, progress: progress) { batch, next throws(StoreError) in
            if !next.isEmpty { readAhead(next, in: reading) }
            var results = try optimistically(batch)
            if results == nil {
                results = try writing { transaction in (try eachInASavepoint(batch, transaction), true) }
            }
            // The next batch's accounts are read by now: what changes after this is read anew.
            reading.wait()
            return results ?? []
        }
    }

    /// Decodes, on a reader connection and another core, the accounts `batch` will read.
    private func readAhead(_ batch: ArraySlice<StoreEvent>, in group: DispatchGroup) {
        let lookups = batch.compactMap { AccountRecord.Lookup($0.action) }
        guard !lookups.isEmpty else { return }
        let database = self.database
        DispatchQueue.global(qos: .userInitiated).async(group: group) {
            // Only a warm-up: an account it cannot read is read, and reported, by the transaction.
            try? database.read { db in
                for lookup in lookups { try? AccountRecord.decodeAhead(lookup, db) }
            }
        }
    }

    /// Applies `batch` in one transaction with no savepoints, or, if one of its events fails,
    /// nothing at all (`nil`).
    ///
    /// A savepoint makes SQLite copy every page its event changes into a sub-journal, so that it
    /// can be undone alone: a seventh of a renewal's work, for the rare event that fails.
    private func optimistically(
        _ batch: ArraySlice<StoreEvent>
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>]? {
        try transaction { transaction in
            var results: [Result<ApplyResult, StoreError>] = []
            for event in batch {
                do {
                    results.append(.success(try transaction.apply(event)))
                } catch let error as DatabaseError where Self.isFatal(error) {
                    throw error
                } catch {
                    return (nil, .rollback)
                }
            }
            return (results, .commit)
        }
    }

    /// Errors after which the transaction itself is gone: the whole batch must fail.
    static func isFatal(_ error: DatabaseError) -> Bool {
        [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_NOMEM, .SQLITE_BUSY, .SQLITE_LOCKED]
            .contains(error.resultCode)
    }
}
