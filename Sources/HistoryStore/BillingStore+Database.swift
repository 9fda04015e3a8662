import Billing
import Foundation

/// A ``BillingStore`` on a ``StoreDatabase``, built from a read and a write transaction.
///
/// Every action and read of the protocol follows from the two, through ``StoreTransaction`` and its shared
/// reads (`StoreTransaction+Reads.swift`). The PostgreSQL store is one; ``SQLiteStore`` calls the
/// same transaction and reads through its own methods, which keep its batches' read-ahead.
package protocol DatabaseBillingStore: BillingStore {
    /// The database's connection.
    associatedtype Connection: StoreDatabase

    /// Runs `body` on a consistent view of the store, changing nothing.
    func reading<T>(_ body: (Connection) throws -> T) throws(StoreError) -> T

    /// Runs `body` in one write transaction: committed when it returns `true` beside its result,
    /// rolled back when `false` or when it throws.
    func writing<T>(_ body: (StoreTransaction<Connection>) throws -> (T, commit: Bool)) throws(StoreError) -> T

    /// The ``StoreError`` for what a statement or a rule threw.
    func translate(_ error: any Error) -> StoreError

    /// Whether `error` ends the transaction it happened in (a lost connection, a conflict with
    /// another writer): a batch must then fail or start again as a whole, not go on without the event.
    func endsTransaction(_ error: any Error) -> Bool
}

extension DatabaseBillingStore {
    /// Applies one event in its own transaction.
    @discardableResult
    public func apply(_ event: StoreEvent) throws(StoreError) -> ApplyResult {
        try writing { transaction in (try transaction.apply(event), true) }
    }

    /// What applying `event` would produce, keeping nothing.
    public func preview(_ event: StoreEvent) throws(StoreError) -> ApplyResult {
        try writing { transaction in (try transaction.apply(event), false) }
    }

    /// Applies many events, `batchSize` to a transaction, each in a savepoint: an event that fails
    /// leaves nothing behind and the others of its batch still commit.
    @discardableResult
    public func applyInBatches(
        _ events: [StoreEvent],
        batchSize: Int,
        progress: (Int) -> Void
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>] {
        try inBatches(events, batchSize: batchSize, progress: progress) { batch, _ throws(StoreError) in
            try writing { transaction in (try eachInASavepoint(batch, transaction), true) }
        }
    }

    /// Both stores' batch loop: `events`, `batchSize` to a batch, each batch applied by `apply`.
    ///
    /// `apply` is given the batch and the one after it (empty for the last), to read ahead;
    /// `progress` is told after each batch.
    func inBatches(
        _ events: [StoreEvent],
        batchSize: Int,
        progress: (Int) -> Void,
        _ apply: (ArraySlice<StoreEvent>, ArraySlice<StoreEvent>) throws(StoreError) -> [Result<
            ApplyResult, StoreError
        >]
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>] {
        var results: [Result<ApplyResult, StoreError>] = []
        results.reserveCapacity(events.count)
        let size = max(1, batchSize)
        var start = 0
        while start < events.count {
            let batch = events[start..<min(events.count, start + size)]
            results += try apply(batch, events[batch.endIndex..<min(events.count, batch.endIndex + size)])
            start = batch.endIndex
            progress(start)
        }
        return results
    }

    /// Applies `batch` in `transaction`, each event in its own savepoint, so that an event that fails
    /// is undone alone; one that ends the transaction (``endsTransaction(_:)``) fails the batch.
    func eachInASavepoint(
        _ batch: ArraySlice<StoreEvent>,
        _ transaction: StoreTransaction<Connection>
    ) throws -> [Result<ApplyResult, StoreError>] {
        let db = transaction.db
        return try batch.map { event in
            try db.execute("SAVEPOINT event")
            do {
                let result = try transaction.apply(event)
                try db.execute("RELEASE SAVEPOINT event")
                return .success(result)
            } catch  where !endsTransaction(error) {
                try db.execute("ROLLBACK TO SAVEPOINT event")
                try db.execute("RELEASE SAVEPOINT event")
                // A setting the event saved is undone with it.
                transaction.forgetSettings()
                return .failure(translate(error))
            }
        }
    }

    /// Imports files of events in one transaction, all or nothing.
    @discardableResult
    public func importFiles(_ files: [(name: String, data: Data)]) throws(StoreError) -> ImportSummary {
        var parsed: [(name: String, file: StoreFile)] = []
        for (name, data) in files {
            parsed.append((name, try SQLiteStore.parse(data, name: name)))
        }
        return try writing { transaction in (try transaction.importEvents(of: parsed, translate), true) }
    }

    /// The whole history in the documented JSON format.
    public func export() throws(StoreError) -> Data {
        let events = try reading { db in try StoreTransaction.events(db) }
        do {
            return try StoreFile(events: events).prettyPrinted()
        } catch {
            throw .database("cannot encode the export: \(error)")
        }
    }

    /// Adds a printed file to the index.
    public func recordPrinted(_ document: PrintedDocument) throws(StoreError) {
        try writing { transaction in (try transaction.insert(PrintedDocumentRecord(document)), true) }
    }
}

extension StoreTransaction {
    /// Applies the events of `files` in order; the first that fails is an
    /// ``StoreError/invalidImport(location:reason:)`` naming its file, position, date and action.
    func importEvents(
        of files: [(name: String, file: StoreFile)],
        _ translate: (any Error) -> StoreError
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        for (name, file) in files {
            for (index, event) in file.events.enumerated() {
                do {
                    let result = try apply(event)
                    summary.events += 1
                    summary.invoices += result.invoices.count
                    summary.creditNotes += result.creditNotes.count
                } catch {
                    throw StoreError.invalidImport(
                        location: "\(name): $.events[\(index)] (\(event.date) \(event.action.name))",
                        reason: translate(error).description
                    )
                }
            }
        }
        return summary
    }
}
