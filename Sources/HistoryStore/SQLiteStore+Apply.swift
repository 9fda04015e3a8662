import Billing
import Dispatch
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
        try write { db in try Self.apply(event, db) }
    }

    static func apply(_ event: StoreEvent, _ db: Database) throws -> ApplyResult {
        var result = try perform(event, db)
        try Self.execute(
            db,
            sql: "INSERT INTO events(date, actor, account_id, kind, payload) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                event.date.description, event.actor.description, try accountID(of: event.action, result, db),
                event.action.name, try encode(event),
            ]
        )
        result.sequence = db.lastInsertedRowID
        return result
    }

    /// The account an event concerns, for the log; a subscription the event just loaded and saved
    /// answers for itself, saving a query per renewal.
    private static func accountID(of action: StoreAction, _ result: ApplyResult, _ db: Database) throws -> String? {
        switch action {
        case .setVendor, .setCatalog, .runInvoices: return nil
        case .openAccount(let account): return account.id
        case .appointBillingContact(let id, _), .setPaymentMethod(let id, _), .updateAccount(let id, _),
            .addPurchaseOrder(let id, _),
            .purchase(let id, _, _), .recordPayment(_, let id, _, _, _), .requestW9(_, let id, _, _):
            return id
        case .change(let id, _), .cancel(let id), .withdrawCancellation(let id), .reactivate(let id), .renew(let id),
            .prepareQuote(_, let id, _, _, _):
            if let subscription = result.subscription, subscription.id == id { return subscription.accountID }
            return try Self.cachedOne(
                String.self,
                db,
                sql: "SELECT account_id FROM subscriptions WHERE id = ?",
                arguments: [id]
            )
        case .acceptQuote(let id):
            return try Self.cachedOne(
                String.self,
                db,
                sql: "SELECT account_id FROM quotes WHERE id = ?",
                arguments: [id]
            )
        case .voidInvoice(let reference, _):
            let number = try? self.number(of: reference, db)
            return try Self.cachedOne(
                String.self,
                db,
                sql: "SELECT account_id FROM invoices WHERE number = ?",
                arguments: [number?.description]
            )
        case .fulfilW9(let id):
            return try Self.cachedOne(
                String.self,
                db,
                sql: "SELECT account_id FROM w9_requests WHERE id = ?",
                arguments: [id]
            )
        }
    }

    private static func perform(_ event: StoreEvent, _ db: Database) throws -> ApplyResult {
        let (date, actor) = (event.date, event.actor)
        switch event.action {
        case .setVendor(let vendor):
            try requireVendorSide(actor, "set the vendor")
            try saveSetting("vendor", vendor, db)
        case .setCatalog(let catalog):
            try requireVendorSide(actor, "set the catalog")
            try saveSetting("catalog", catalog, db)
        case .openAccount(let account):
            try open(account, by: actor, db)
        case .updateAccount(let id, let update):
            try save(try self.account(id, db).updating(update, by: actor), db)
        case .appointBillingContact(let id, let contact):
            try save(try self.account(id, db).appointingBillingContact(contact, by: actor), db)
        case .setPaymentMethod(let id, let method):
            try save(try self.account(id, db).settingPaymentMethod(method, by: actor), db)
        case .addPurchaseOrder(let id, let order):
            try save(try self.account(id, db).addingPurchaseOrder(order, by: actor), db)
        case .purchase(let accountID, let subscriptionID, let selection):
            guard try !exists("subscriptions", subscriptionID, db) else {
                throw StoreError.duplicate(kind: "subscription", id: subscriptionID)
            }
            let account = try self.account(accountID, db)
            let outcome = try BillingRules(catalog: catalog(db))
                .purchase(id: subscriptionID, account: account, selection: selection, on: date, by: actor)
            return try record(outcome, account: account, db)
        default:
            return try performOnSubscriptions(event, db)
        }
        return ApplyResult()
    }

    private static func performOnSubscriptions(_ event: StoreEvent, _ db: Database) throws -> ApplyResult {
        let (date, actor) = (event.date, event.actor)
        switch event.action {
        case .change(let id, let selection):
            let (subscription, account, rules) = try context(id, db)
            return try record(
                rules.change(subscription, account: account, to: selection, on: date, by: actor),
                account: account,
                db
            )
        case .cancel(let id):
            let (subscription, account, rules) = try context(id, db)
            let cancelled = try rules.cancel(subscription, account: account, on: date, by: actor)
            try save(cancelled, db)
            return ApplyResult(subscription: cancelled)
        case .withdrawCancellation(let id):
            let (subscription, account, rules) = try context(id, db)
            let active = try rules.withdrawCancellation(subscription, account: account, on: date, by: actor)
            try save(active, db)
            return ApplyResult(subscription: active)
        case .reactivate(let id):
            let (subscription, account, rules) = try context(id, db)
            return try record(
                rules.reactivate(subscription, account: account, on: date, by: actor),
                account: account,
                db
            )
        case .renew(let id):
            try requireVendorSide(actor, "run renewals")
            return try renew(id, through: date, db)
        case .runInvoices(let kind):
            try requireVendorSide(actor, "run renewals")
            var result = ApplyResult()
            for id in try dueSubscriptionIDs(through: date, kind: kind, db) {
                result.invoices += try renew(id, through: date, db).invoices
            }
            return result
        default:
            return try performOnDocuments(event, db)
        }
    }

    private static func context(
        _ subscriptionID: String,
        _ db: Database
    ) throws -> (Subscription, Account, BillingRules) {
        let subscription = try self.subscription(subscriptionID, db)
        return (subscription, try account(subscription.accountID, db), BillingRules(catalog: try catalog(db)))
    }

    /// Stores a subscription change: the subscription, its invoice (if any) and its credit (if any).
    static func record(_ outcome: ChangeOutcome, account: Account, _ db: Database) throws -> ApplyResult {
        var outcome = outcome
        if outcome.proration != nil, let key = outcome.invoiceKey ?? outcome.credit.map({ String($0.id.dropFirst(3)) })
        {
            // Changes are numbered per subscription and day, so two changes on one day keep two keys.
            // Keys from "key#" up to "key$" ('$' follows '#'): a range the unique indexes answer,
            // where LIKE would scan every invoice of the store.
            let earlier =
                try cachedOne(
                    Int.self,
                    db,
                    sql: """
                        SELECT (SELECT COUNT(*) FROM invoices WHERE key >= ?1 AND key < ?2)
                             + (SELECT COUNT(*) FROM account_credits WHERE id >= 'CR-' || ?1 AND id < 'CR-' || ?2)
                        """,
                    arguments: [key + "#", key + "$"]
                ) ?? 0
            let numbered = "\(key)#\(earlier + 1)"
            if outcome.invoiceKey != nil { outcome.invoiceKey = numbered }
            outcome.credit?.id = "CR-\(numbered)"
        }
        var result = ApplyResult(subscription: outcome.subscription)
        try save(outcome.subscription, db)
        if let credit = outcome.credit {
            try insert(credit, db)
            result.credits.append(credit)
        }
        if let key = outcome.invoiceKey, let reason = outcome.invoiceReason, !outcome.charges.isEmpty,
            let invoice = try issueInvoice(
                key: key,
                lines: outcome.charges,
                account: account,
                subscriptionID: outcome.subscription.id,
                reason: reason,
                issueDate: outcome.subscription.currentPeriod.start,
                db
            )
        {
            result.invoices.append(invoice)
        }
        return result
    }

    static func renew(_ id: String, through date: CalendarDate, _ db: Database) throws -> ApplyResult {
        let (subscription, account, rules) = try context(id, db)
        let outcome = try rules.renew(subscription, account: account, through: date)
        var result = ApplyResult(subscription: outcome.subscription)
        try save(outcome.subscription, db)
        for renewal in outcome.invoices {
            if let invoice = try issueInvoice(
                key: renewal.key,
                lines: renewal.lines,
                account: account,
                subscriptionID: id,
                reason: .renewal,
                issueDate: renewal.period.start,
                db
            ) {
                result.invoices.append(invoice)
            }
        }
        return result
    }

    private static func open(_ account: Account, by actor: Actor, _ db: Database) throws {
        guard actor.isRepresentative || actor == .system || actor == account.billingContact.actor else {
            throw StoreError.rejected(
                .notAllowed(
                    action: "open account \(account.id)",
                    actor: actor,
                    allowed: "accounts are opened by their billing contact or a vendor representative"
                )
            )
        }
        try AccountID.check(account.id)
        guard try !exists("accounts", account.id, db) else {
            throw StoreError.duplicate(kind: "account", id: account.id)
        }
        try save(account, db)
    }

    static func requireVendorSide(_ actor: Actor, _ action: String) throws {
        guard actor.isRepresentative || actor == .system else {
            throw StoreError.rejected(.notAllowed(action: action, actor: actor, allowed: "only the vendor's staff may"))
        }
    }
}

/// The rules for ids that become parts of file names.
enum AccountID {
    static func check(_ id: String) throws {
        let allowed = id.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        guard !id.isEmpty, id.count <= 64, allowed, !id.hasPrefix("."), id.unicodeScalars.allSatisfy(\.isASCII) else {
            throw StoreError.rejected(
                .invalidValue(
                    field: "account id",
                    value: id,
                    expected: "1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'"
                )
            )
        }
    }
}

extension SQLiteStore {
    /// What applying `event` would produce — the invoice with its number, the credit — without
    /// keeping any of it: the event is applied in a transaction that is rolled back.
    public func preview(_ event: StoreEvent) throws(StoreError) -> ApplyResult {
        do {
            return try pool.writeWithoutTransaction { db in
                var result = ApplyResult()
                try RecordCache.$current.withValue(cache) {
                    try db.inTransaction(.immediate) {
                        result = try Self.apply(event, db)
                        return .rollback
                    }
                }
                return result
            }
        } catch {
            throw Self.translate(error)
        }
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
    /// - Parameters:
    ///   - events: The events, applied in this order.
    ///   - batchSize: How many events share one transaction.
    ///   - progress: Called after each batch with the number of events done so far.
    /// - Returns: Each event's result, in order.
    /// - Throws: ``StoreError`` only when a batch cannot be committed at all.
    public func applyInBatches(
        _ events: [StoreEvent],
        batchSize: Int = 100,
        progress: (Int) -> Void = { _ in }
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>] {
        var results: [Result<ApplyResult, StoreError>] = []
        results.reserveCapacity(events.count)
        let size = max(1, batchSize)
        let warming = DispatchGroup()
        var start = 0
        while start < events.count {
            let batch = events[start..<min(events.count, start + size)]
            let next = events[batch.endIndex..<min(events.count, batch.endIndex + size)]
            if !next.isEmpty {
                DispatchQueue.global().async(group: warming) { self.warm(next) }
            }
            // Never more than one batch ahead; and not running on if the batch throws.
            defer { warming.wait() }
            if let applied = try optimistically(batch) {
                results += applied
            } else {
                results += try eachInASavepoint(batch)
            }
            warming.wait()
            start = batch.endIndex
            progress(start)
        }
        return results
    }

    /// Applies `batch` in one transaction with no savepoints, or, if one of its events fails,
    /// nothing at all (`nil`).
    ///
    /// A savepoint makes SQLite copy every page its event changes into a sub-journal, so that it
    /// can be undone alone: a seventh of a renewal's work, for the rare event that fails.
    private func optimistically(
        _ batch: ArraySlice<StoreEvent>
    ) throws(StoreError) -> [Result<ApplyResult, StoreError>]? {
        try transaction { db in
            var results: [Result<ApplyResult, StoreError>] = []
            for event in batch {
                do {
                    results.append(.success(try Self.apply(event, db)))
                } catch let error as DatabaseError where Self.isFatal(error) {
                    throw error
                } catch {
                    return (nil, .rollback)
                }
            }
            return (results, .commit)
        }
    }

    /// Applies `batch` in one transaction, each event in its own savepoint, so that an event that
    /// fails is undone alone.
    private func eachInASavepoint(
        _ batch: ArraySlice<StoreEvent>
    ) throws(StoreError) -> [Result<
        ApplyResult, StoreError
    >] {
        try write { db in
            try batch.map { event in
                // GRDB's `inSavepoint` compiles its three statements anew each time; these are cached.
                try Self.execute(db, sql: "SAVEPOINT event")
                do {
                    let result = try Self.apply(event, db)
                    try Self.execute(db, sql: "RELEASE event")
                    return .success(result)
                } catch let error as DatabaseError where Self.isFatal(error) {
                    throw error
                } catch {
                    try Self.execute(db, sql: "ROLLBACK TO event")
                    try Self.execute(db, sql: "RELEASE event")
                    // A setting the event saved is undone with it.
                    TransactionMemo.current(for: db)?.settings = [:]
                    return .failure(Self.translate(error))
                }
            }
        }
    }

    /// Reads the subscriptions and accounts `events` will load, on a reader connection and another
    /// core, while the writer works on the batch before: decoding them is a fifth of a renewal.
    ///
    /// It only fills the record cache, whose entries count only when the writer reads the very
    /// same bytes, so a record that changes in between is simply read again.
    private func warm(_ events: ArraySlice<StoreEvent>) {
        _ = try? read { db in
            for event in events {
                guard let id = event.action.loadedSubscriptionID,
                    let subscription = try? Self.subscription(id, db)
                else { continue }
                _ = try? Self.account(subscription.accountID, db)
            }
        }
    }

    /// Errors after which the transaction itself is gone: the whole batch must fail.
    private static func isFatal(_ error: DatabaseError) -> Bool {
        [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CORRUPT, .SQLITE_NOMEM, .SQLITE_BUSY, .SQLITE_LOCKED]
            .contains(error.resultCode)
    }
}
