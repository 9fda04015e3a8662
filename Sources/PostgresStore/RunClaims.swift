import Billing

/// One due subscription of a month-end run shared by workers, as a worker claimed it
/// (`run_claims`, docs/store.md, "Month-end runs shared by workers").
public struct RunClaim: Sendable, Hashable {
    /// The subscription to renew.
    public var subscriptionID: String
    /// Its account.
    public var accountID: String
    /// The day its period ends: the date of the invoice its renewal issues.
    public var date: CalendarDate
    /// Whether it was renewed already, by a worker that stopped before its invoices were printed.
    public var issued: Bool
    /// The invoices its renewal issued, when `issued`.
    public var invoiceNumbers: [String]
}

/// A batch of claims one worker holds under one lease.
public struct ClaimedBatch: Sendable, Hashable {
    /// The batch's name: the worker's, `#`, and the worker's count of batches.
    public var id: String
    /// Its claims, by date, account and subscription.
    public var claims: [RunClaim]
}

/// What issuing one claim of a batch did.
public struct ClaimOutcome: Sendable, Hashable {
    /// The subscription renewed.
    public var subscriptionID: String
    /// Its account.
    public var accountID: String
    /// The numbers of the invoices the renewal issued (none when it had been renewed already).
    public var invoiceNumbers: [String]
    /// Why the renewal failed; `nil` when it did not.
    public var failure: String?
}

/// A month-end run's progress across all its workers, as `invoices run --status` shows it.
public struct SharedRunStatus: Sendable, Hashable {
    /// How many subscriptions the run renews.
    public var subscriptions = 0
    /// How many of them are renewed (or failed: `failed`).
    public var issued = 0
    /// How many of them have their invoices printed.
    public var printed = 0
    /// How many renewals failed (each is reported by the worker that tried it).
    public var failed = 0
    /// Invoices the run issued.
    public var invoices = 0
    /// Subscriptions no worker has claimed yet.
    public var unclaimed = 0
    /// Batches every claim of which is printed.
    public var batchesDone = 0
    /// Batches under a lease that has not expired.
    public var batchesInWork = 0
    /// Batches whose lease expired before they were printed: a worker stopped; another takes them.
    public var batchesExpired = 0
    /// Each worker that took part, by name.
    public var workers: [WorkerStatus] = []

    /// Creates an empty one.
    public init() {}
}

/// What one worker of a shared run did, and holds.
public struct WorkerStatus: Sendable, Hashable {
    /// The worker's name (`HOST:PID`).
    public var name: String
    /// Subscriptions it renewed.
    public var renewed = 0
    /// Invoices it issued.
    public var invoices = 0
    /// Subscriptions whose invoices it printed.
    public var printed = 0
    /// Batches it printed.
    public var batchesDone = 0
    /// Batches it holds now.
    public var batchesHeld = 0
    /// Seconds left on its lease (negative: expired that long ago); `nil` when it holds nothing.
    public var leaseSeconds: Int?

    /// A worker with nothing done yet.
    public init(name: String) {
        self.name = name
    }
}
