/// Where a subscription stands.
public enum SubscriptionStatus: String, Sendable, Hashable, Codable {
    /// In use and renewing.
    case active
    /// Cancelled: usable until the end of the current period, then it expires (rule 7).
    case pendingCancellation = "pending-cancellation"
    /// Ended; it can be reactivated (rule 8).
    case expired
}

/// What is subscribed: product, tier, seats and frequency.
public struct SubscriptionSelection: Sendable, Hashable, Codable {
    /// The product.
    public var productID: String
    /// The plan tier.
    public var tierID: String
    /// Number of seats, at least 1.
    public var seats: Int
    /// Monthly or annual.
    public var frequency: BillingFrequency

    /// Creates a selection.
    public init(productID: String, tierID: String, seats: Int, frequency: BillingFrequency) {
        self.productID = productID
        self.tierID = tierID
        self.seats = seats
        self.frequency = frequency
    }
}

/// One entry of a subscription's history: what changed, when, and who did it.
public struct SubscriptionChange: Sendable, Hashable, Codable {
    /// The day of the change.
    public var date: CalendarDate
    /// Who made it.
    public var actor: Actor
    /// What happened, in one line.
    public var summary: String
}

/// A subscription of an account to one product: independent of the account's other subscriptions (rule 6).
public struct Subscription: Sendable, Hashable, Codable {
    /// Stable identifier, such as "SUB-ACME-IT-1".
    public var id: String
    /// The account that holds it.
    public var accountID: String
    /// Product, tier, seats and frequency now.
    public var selection: SubscriptionSelection
    /// The price of one seat for one period, fixed when bought or changed.
    public var unitPrice: Money
    /// The day of the month periods start on; periods end on the same day, or the month's last day.
    public var anchorDay: Int
    /// The period now running (or the last one, once expired).
    public var currentPeriod: DatePeriod
    /// Active, pending cancellation or expired.
    public var status: SubscriptionStatus
    /// When it was first bought.
    public var startedOn: CalendarDate
    /// When a cancellation was asked for, while pending.
    public var cancelledOn: CalendarDate?
    /// When it expired.
    public var expiredOn: CalendarDate?
    /// The changes made to this value by the rules, oldest first.
    ///
    /// It is not stored: the store's
    /// event log is the subscription's full history, so a loaded subscription starts with none.
    public var history: [SubscriptionChange]

    /// The price of one whole period: seats × unit price.
    public var periodPrice: Money {
        (try? unitPrice.times(Int64(selection.seats))) ?? unitPrice
    }

    /// Whether the seats may be used on `date`: active, or cancelled but before the period ends.
    public func isUsable(on date: CalendarDate) -> Bool {
        switch status {
        case .active, .pendingCancellation: return date < currentPeriod.end
        case .expired: return false
        }
    }

    /// The date the next invoice falls due: the end of the current period, unless cancelled or expired.
    public var nextBillingDate: CalendarDate? {
        status == .active ? currentPeriod.end : nil
    }

    mutating func record(_ summary: String, on date: CalendarDate, by actor: Actor) {
        history.append(SubscriptionChange(date: date, actor: actor, summary: summary))
    }
}

extension Subscription {
    /// A subscription with every stored member given; its history starts empty.
    public init(
        id: String,
        accountID: String,
        selection: SubscriptionSelection,
        unitPrice: Money,
        anchorDay: Int,
        currentPeriod: DatePeriod,
        status: SubscriptionStatus,
        startedOn: CalendarDate,
        cancelledOn: CalendarDate? = nil,
        expiredOn: CalendarDate? = nil
    ) {
        self.id = id
        self.accountID = accountID
        self.selection = selection
        self.unitPrice = unitPrice
        self.anchorDay = anchorDay
        self.currentPeriod = currentPeriod
        self.status = status
        self.startedOn = startedOn
        self.cancelledOn = cancelledOn
        self.expiredOn = expiredOn
        self.history = []
    }

    private enum CodingKeys: String, CodingKey {
        case id, accountID, selection, unitPrice, anchorDay, currentPeriod, status, startedOn, cancelledOn, expiredOn
    }

    /// Decodes a subscription; its ``history`` starts empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        accountID = try container.decode(String.self, forKey: .accountID)
        selection = try container.decode(SubscriptionSelection.self, forKey: .selection)
        unitPrice = try container.decode(Money.self, forKey: .unitPrice)
        anchorDay = try container.decode(Int.self, forKey: .anchorDay)
        currentPeriod = try container.decode(DatePeriod.self, forKey: .currentPeriod)
        status = try container.decode(SubscriptionStatus.self, forKey: .status)
        startedOn = try container.decode(CalendarDate.self, forKey: .startedOn)
        cancelledOn = try container.decodeIfPresent(CalendarDate.self, forKey: .cancelledOn)
        expiredOn = try container.decodeIfPresent(CalendarDate.self, forKey: .expiredOn)
        history = []
    }
}
