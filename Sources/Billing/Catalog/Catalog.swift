/// A product the vendor sells by the seat, such as "Webinar".
public struct Product: Sendable, Hashable, Codable {
    /// Stable identifier, such as "webinar".
    public var id: String
    /// Name printed on documents, such as "GoWebinar".
    public var name: String
    /// The plan tiers, from the lowest to the highest.
    public var tiers: [PlanTier]

    /// Creates a product with its tiers in ascending order.
    public init(id: String, name: String, tiers: [PlanTier]) {
        self.id = id
        self.name = name
        self.tiers = tiers
    }

    /// The tier with `id`.
    public func tier(_ id: String) throws(BillingError) -> PlanTier {
        guard let tier = tiers.first(where: { $0.id == id }) else {
            throw .notFound(kind: "plan tier of \(name)", id: id)
        }
        return tier
    }

    /// The position of a tier, 0 being the lowest: moving to a lower position is a downgrade.
    public func rank(of tierID: String) throws(BillingError) -> Int {
        guard let index = tiers.firstIndex(where: { $0.id == tierID }) else {
            throw .notFound(kind: "plan tier of \(name)", id: tierID)
        }
        return index
    }
}

/// One tier of a product, such as "Lite", "Standard", "Pro".
public struct PlanTier: Sendable, Hashable, Codable {
    /// Stable identifier, such as "pro".
    public var id: String
    /// Name printed on documents.
    public var name: String
    /// Largest audience per webinar, shown in the catalog.
    public var participants: Int?
    /// Whether it is no longer sold: nobody buys it or moves to it; subscriptions on it go on.
    public var retired: Bool? = nil

    /// Creates a tier.
    public init(id: String, name: String, participants: Int? = nil) {
        self.id = id
        self.name = name
        self.participants = participants
    }
}

/// The price of one seat for one period of a tier, billed at a frequency, in a currency.
public struct SeatPrice: Sendable, Hashable, Codable {
    /// The product.
    public var productID: String
    /// The tier.
    public var tierID: String
    /// How often it is billed.
    public var frequency: BillingFrequency
    /// The price of one seat for one period.
    public var unitPrice: Money

    /// Creates a price.
    public init(productID: String, tierID: String, frequency: BillingFrequency, unitPrice: Money) {
        self.productID = productID
        self.tierID = tierID
        self.frequency = frequency
        self.unitPrice = unitPrice
    }
}

/// What the vendor sells: products, their ordered tiers, and a price per seat per frequency per currency.
public struct Catalog: Sendable, Hashable, Codable {
    /// The products.
    public var products: [Product]
    /// The prices.
    public var prices: [SeatPrice]

    /// Creates a catalog.
    public init(products: [Product], prices: [SeatPrice]) {
        self.products = products
        self.prices = prices
    }

    /// The product with `id`.
    public func product(_ id: String) throws(BillingError) -> Product {
        guard let product = products.first(where: { $0.id == id }) else { throw .notFound(kind: "product", id: id) }
        return product
    }

    /// The price of one seat of `tier` of `product` for one period at `frequency` in `currency`.
    ///
    /// - Throws: ``BillingError/noPrice(product:tier:frequency:currency:)`` when the catalog has none.
    public func unitPrice(
        product productID: String,
        tier tierID: String,
        frequency: BillingFrequency,
        currency: Currency
    ) throws(BillingError) -> Money {
        let product = try product(productID)
        let tier = try product.tier(tierID)
        guard
            let price = prices.first(where: {
                $0.productID == productID && $0.tierID == tierID && $0.frequency == frequency
                    && $0.unitPrice.currency == currency
            })
        else { throw .noPrice(product: product.name, tier: tier.name, frequency: frequency, currency: currency) }
        return price.unitPrice
    }
}
