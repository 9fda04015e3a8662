/// The rules of the billing centre as pure functions.
///
/// Each takes the state before an action and returns what follows from it, refusing what the rules forbid. Nothing here stores anything.
///
/// `docs/billing-rules.md` states each rule with its example.
public struct BillingRules: Sendable {
    /// Products, tiers and prices.
    public var catalog: Catalog
    /// The most seats one subscription may have.
    public var maximumSeats = 10_000
    /// The vendor's tax rules, for the reduced VAT rate of a product; `nil` charges every line at the
    /// account's one rate.
    public var taxRules: TaxRules?

    /// Creates the rules over `catalog`, with the vendor's `taxRules` when it has set them.
    public init(catalog: Catalog, taxRules: TaxRules? = nil) {
        self.catalog = catalog
        self.taxRules = taxRules
    }

    /// Buys a new subscription (rule 1): access at once, and the invoice for the first period at once.
    ///
    /// - Parameters:
    ///   - id: The new subscription's id.
    ///   - account: The buying account.
    ///   - selection: Product, tier, seats and frequency.
    ///   - date: The day of purchase; the first period starts on it.
    ///   - actor: Who buys: the billing contact or a representative.
    /// - Returns: The new subscription and the charge for its first period.
    /// - Throws: ``BillingError`` when the actor may not, the seats are out of range, a corporate
    ///   account asks for monthly billing, or the catalog has no price.
    public func purchase(
        id: String,
        account: Account,
        selection: SubscriptionSelection,
        on date: CalendarDate,
        by actor: Actor
    ) throws(BillingError) -> ChangeOutcome {
        try account.authorize(actor, to: .purchase)
        try checkSeats(selection.seats)
        try catalog.checkOnSale(selection)
        if account.kind == .corporate, selection.frequency != .annual, !actor.isRepresentative {
            throw .notAllowed(
                action: "buy a monthly subscription",
                actor: actor,
                allowed: "corporate accounts are billed annually; a representative can arrange otherwise"
            )
        }
        let unitPrice = try price(of: selection, in: account.currency)
        let period = selection.frequency.period(startingOn: date, anchorDay: date.day)
        var subscription = Subscription(
            id: id,
            accountID: account.id,
            selection: selection,
            unitPrice: unitPrice,
            anchorDay: date.day,
            currentPeriod: period,
            status: .active,
            startedOn: date,
            cancelledOn: nil,
            expiredOn: nil,
            history: []
        )
        subscription.record("bought \(try describe(selection))", on: date, by: actor)
        let line = try periodLine(for: subscription, period: period, account: account)
        return ChangeOutcome(
            subscription: subscription,
            charges: [line],
            invoiceKey: "\(id)@\(period.start)",
            invoiceReason: .purchase,
            credit: nil,
            proration: nil
        )
    }

    /// "Webinar Pro — 25 seats, monthly".
    public func describe(_ selection: SubscriptionSelection) throws(BillingError) -> String {
        let product = try catalog.product(selection.productID)
        let tier = try product.tier(selection.tierID)
        let seats = selection.seats == 1 ? "1 seat" : "\(selection.seats) seats"
        return "\(product.name) \(tier.name) — \(seats), \(selection.frequency.rawValue)"
    }

    func price(of selection: SubscriptionSelection, in currency: Currency) throws(BillingError) -> Money {
        try catalog.unitPrice(
            product: selection.productID,
            tier: selection.tierID,
            frequency: selection.frequency,
            currency: currency
        )
    }

    func checkSeats(_ seats: Int) throws(BillingError) {
        guard (1...maximumSeats).contains(seats) else {
            throw .invalidValue(field: "seats", value: "\(seats)", expected: "a whole number from 1 to \(maximumSeats)")
        }
    }

    /// The line charging a whole `period` of `subscription`.
    func periodLine(
        for subscription: Subscription,
        period: DatePeriod,
        account: Account
    ) throws(BillingError)
        -> InvoiceLine
    {
        var line = try InvoiceLine.charge(
            describe(subscription.selection),
            period: period,
            quantity: subscription.selection.seats,
            unitPrice: subscription.unitPrice,
            taxRate: taxRate(for: account, productID: subscription.selection.productID)
        )
        line.item = try item(.period, subscription.selection)
        return line
    }

    /// The selection as a line item of `kind`.
    func item(_ kind: LineItem.Kind, _ selection: SubscriptionSelection) throws(BillingError) -> LineItem {
        let product = try catalog.product(selection.productID)
        return LineItem(
            kind: kind,
            product: product.name,
            tier: try product.tier(selection.tierID).name,
            seats: selection.seats,
            frequency: selection.frequency
        )
    }
}
