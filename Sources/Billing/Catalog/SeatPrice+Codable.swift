extension SeatPrice {
    private enum CodingKeys: String, CodingKey {
        case productID, tierID, frequency, unitPrice
    }

    /// Decodes a price, refusing a negative one or one above ``Money/largestUnitPriceMinorUnits``
    /// (a seat's price times the most seats must still add up without overflow).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let unitPrice = try container.decode(Money.self, forKey: .unitPrice)
        do {
            try unitPrice.checkEntered("unit price", allowingZero: true, largest: Money.largestUnitPriceMinorUnits)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .unitPrice,
                in: container,
                debugDescription: error.description
            )
        }
        self.init(
            productID: try container.decode(String.self, forKey: .productID),
            tierID: try container.decode(String.self, forKey: .tierID),
            frequency: try container.decode(BillingFrequency.self, forKey: .frequency),
            unitPrice: unitPrice
        )
    }

    /// Encodes the product, tier, frequency and price.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(productID, forKey: .productID)
        try container.encode(tierID, forKey: .tierID)
        try container.encode(frequency, forKey: .frequency)
        try container.encode(unitPrice, forKey: .unitPrice)
    }
}
