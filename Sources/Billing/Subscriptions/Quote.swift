/// A change to a corporate subscription prepared by a representative, at a negotiated price,
/// that the billing contact accepts or lets lapse (rule 11).
public struct Quote: Sendable, Hashable, Codable {
    /// Where the quote stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Waiting for the customer.
        case open
        /// Accepted; the change was made.
        case accepted
    }

    /// Reference, such as "Q-2026-0007".
    public var id: String
    /// The account.
    public var accountID: String
    /// The subscription it changes.
    public var subscriptionID: String
    /// The representative who prepared it.
    public var preparedBy: Actor
    /// The new tier, seats and frequency.
    public var selection: SubscriptionSelection
    /// The negotiated price of one seat for one period.
    public var unitPrice: Money
    /// The day it was prepared.
    public var preparedOn: CalendarDate
    /// The last day it can be accepted.
    public var validUntil: CalendarDate
    /// Open or accepted.
    public var status: Status
    /// When it was accepted.
    public var acceptedOn: CalendarDate?
    /// The day its price stops holding: renewals from then on are at the catalog's price; `nil`
    /// while a representative does not change it.
    public var termEnds: CalendarDate? = nil
}

extension BillingRules {
    /// A representative prepares a quote; the price defaults to the catalog's.
    ///
    /// - Throws: ``BillingError`` when the actor is not a representative, the validity ends before
    ///   today, or the selection is not in the catalog.
    public func prepareQuote(
        id: String,
        for subscription: Subscription,
        account: Account,
        selection: SubscriptionSelection,
        unitPrice: Money?,
        validUntil: CalendarDate,
        termEnds: CalendarDate? = nil,
        on date: CalendarDate,
        by actor: Actor
    ) throws(BillingError) -> Quote {
        try account.authorize(actor, to: .prepareQuote)
        try checkSeats(selection.seats)
        guard validUntil >= date else {
            throw .invalidValue(field: "valid until", value: "\(validUntil)", expected: "today (\(date)) or later")
        }
        if let termEnds, termEnds <= validUntil {
            throw .invalidValue(
                field: "term end",
                value: "\(termEnds)",
                expected: "a day after the last day it can be accepted (\(validUntil))"
            )
        }
        var price = try self.price(of: selection, in: account.currency)
        if let unitPrice {
            guard unitPrice.currency == account.currency, !unitPrice.isNegative else {
                throw .invalidValue(
                    field: "unit price",
                    value: "\(unitPrice)",
                    expected: "an amount in \(account.currency), not negative"
                )
            }
            try unitPrice.checkEntered("unit price", allowingZero: true, largest: Money.largestUnitPriceMinorUnits)
            price = unitPrice
        }
        return Quote(
            id: id,
            accountID: account.id,
            subscriptionID: subscription.id,
            preparedBy: actor,
            selection: selection,
            unitPrice: price,
            preparedOn: date,
            validUntil: validUntil,
            status: .open,
            acceptedOn: nil,
            termEnds: termEnds
        )
    }

    /// The billing contact accepts a quote: it becomes the change it describes, at its price.
    ///
    /// - Throws: ``BillingError`` when the actor is not the billing contact, the quote is not open
    ///   or has lapsed, or the change itself is refused.
    public func accept(
        _ quote: Quote,
        for subscription: Subscription,
        account: Account,
        on date: CalendarDate,
        by actor: Actor
    ) throws(BillingError) -> (quote: Quote, outcome: ChangeOutcome) {
        try account.authorize(actor, to: .acceptQuote)
        guard quote.status == .open else { throw .invalidState("quote \(quote.id) was already accepted") }
        guard date <= quote.validUntil else {
            throw .invalidState(
                "quote \(quote.id) lapsed on \(quote.validUntil); ask your representative for a new one"
            )
        }
        guard quote.subscriptionID == subscription.id else {
            throw .invalidState("quote \(quote.id) is for subscription \(quote.subscriptionID), not \(subscription.id)")
        }
        let outcome = try change(
            subscription,
            account: account,
            to: quote.selection,
            on: date,
            by: actor,
            unitPrice: quote.unitPrice
        )
        var accepted = quote
        accepted.status = .accepted
        accepted.acceptedOn = date
        var quoted = outcome
        quoted.quoteID = quote.id
        return (accepted, quoted)
    }
}
