import Foundation

/// What ``BillingStore/receiveCopy(of:printed:progress:)`` wrote into the new store.
public struct CopySummary: Sendable, Hashable {
    /// The events applied, and the documents they issued.
    public var imported = ImportSummary()
    /// The entries of the printed-document index copied.
    public var printed = 0
    /// The web users copied.
    public var users = 0
    /// The entries of the users' log copied.
    public var userEvents = 0
    /// The records of e-mailed documents copied.
    public var sendings = 0
    /// The invoice runs' summaries copied.
    public var invoiceRuns = 0
}

extension BillingStore {
    /// Fills this store, which must be empty, with another store's history: the events its
    /// `export()` wrote, applied in order (the event log is the history, so every issued document
    /// comes out as it was issued), the entries of its printed-document index and its Billing Center
    /// records (``CenterRecords``: users, their log, e-mailed documents, runs; not sessions or
    /// sign-in links) — all in one transaction, so a failure leaves this store as it was.
    ///
    /// - Parameters:
    ///   - history: What the other store's `export()` returned.
    ///   - printed: The other store's printed-document index.
    ///   - center: The other store's ``BillingStore/centerRecords()``.
    ///   - progress: Called with how many events have been applied so far, and how many there are.
    /// - Returns: How many events were applied, documents issued and index entries copied.
    /// - Throws: ``StoreError/database(_:)`` saying "is not empty" if this store already holds
    ///   events, accounts, settings, printed documents, web users, users' log entries, sendings or
    ///   runs: nothing was written;
    ///   ``StoreError/invalidImport(location:reason:)`` naming the first event that failed.
    @discardableResult
    public func receiveCopy(
        of history: Data,
        printed: [PrintedDocument],
        center: CenterRecords = CenterRecords(),
        progress: (_ done: Int, _ total: Int) -> Void
    ) throws(StoreError) -> CopySummary {
        let file = try SQLiteStore.parse(history, name: "the source store's export")
        if let sqlite = self as? SQLiteStore {
            return try sqlite.write { transaction in
                try transaction.receiveCopy(
                    file,
                    printed: printed,
                    center: center,
                    at: location,
                    progress,
                    SQLiteStore.translate
                )
            }
        }
        guard let store = self as? any DatabaseBillingStore else {
            throw .database("\(location): this kind of store cannot receive a copy")
        }
        return try store.receiveCopyInOneTransaction(file, printed: printed, center: center, progress: progress)
    }
}

extension DatabaseBillingStore {
    fileprivate func receiveCopyInOneTransaction(
        _ file: StoreFile,
        printed: [PrintedDocument],
        center: CenterRecords,
        progress: (_ done: Int, _ total: Int) -> Void
    ) throws(StoreError) -> CopySummary {
        try writing { transaction in
            (
                try transaction.receiveCopy(
                    file,
                    printed: printed,
                    center: center,
                    at: location,
                    progress,
                    translate
                ), true
            )
        }
    }
}

extension StoreTransaction {
    /// Refuses a store that holds anything, then applies `file`'s events, adds `printed` to the
    /// index and writes `center`.
    fileprivate func receiveCopy(
        _ file: StoreFile,
        printed: [PrintedDocument],
        center: CenterRecords,
        at location: String,
        _ progress: (_ done: Int, _ total: Int) -> Void,
        _ translate: (any Error) -> StoreError
    ) throws -> CopySummary {
        let held = try db.first(
            """
            SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM accounts) AS accounts,
                (SELECT COUNT(*) FROM settings) AS settings, (SELECT COUNT(*) FROM printed_documents) AS printed,
                (SELECT COUNT(*) FROM web_users) AS users, (SELECT COUNT(*) FROM user_events) AS logged,
                (SELECT COUNT(*) FROM mail_sendings) AS sendings, (SELECT COUNT(*) FROM invoice_runs) AS runs
            """,
            []
        ) { row in
            try ["events", "accounts", "settings", "printed", "users", "logged", "sendings", "runs"].map {
                ($0, try row.integer($0))
            }
        }
        let names = [
            "printed": "printed documents", "users": "web users", "logged": "users' log entries",
            "sendings": "e-mailed documents", "runs": "invoice runs",
        ]
        let nonEmpty = (held ?? []).filter { $0.1 > 0 }
        guard nonEmpty.isEmpty else {
            let what = nonEmpty.map { "\($0.1) \(names[$0.0] ?? $0.0)" }
            throw StoreError.database(
                "\(location) is not empty (it holds \(what.joined(separator: ", "))): nothing was copied into it; "
                    + "copy into a new file or an empty database"
            )
        }
        var summary = CopySummary()
        for (index, event) in file.events.enumerated() {
            do {
                let result = try apply(event)
                summary.imported.events += 1
                summary.imported.invoices += result.invoices.count
                summary.imported.creditNotes += result.creditNotes.count
            } catch {
                throw StoreError.invalidImport(
                    location: "event \(index + 1) of the source (\(event.date) \(event.action.name))",
                    reason: translate(error).description
                )
            }
            if (index + 1) % 100 == 0 || index + 1 == file.events.count { progress(index + 1, file.events.count) }
        }
        for document in printed {
            try insert(PrintedDocumentRecord(document))
            summary.printed += 1
        }
        try insert(center)
        (summary.users, summary.userEvents) = (center.users, center.userEvents)
        (summary.sendings, summary.invoiceRuns) = (center.sendings, center.invoiceRuns)
        return summary
    }
}
