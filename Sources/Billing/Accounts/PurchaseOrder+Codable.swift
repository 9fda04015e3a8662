extension PurchaseOrder {
    private enum CodingKeys: String, CodingKey {
        case number, cap, validity
    }

    /// Decodes a purchase order, held to the same rules as ``init(number:cap:validity:)``: an
    /// imported file cannot bring in an empty number or a cap out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let cap = try container.decode(Money.self, forKey: .cap)
        do {
            try self.init(
                number: try container.decode(String.self, forKey: .number),
                cap: cap,
                validity: try container.decode(DatePeriod.self, forKey: .validity)
            )
        } catch let error as BillingError {
            throw DecodingError.dataCorruptedError(forKey: .cap, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the number, the cap and the validity.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(cap, forKey: .cap)
        try container.encode(validity, forKey: .validity)
    }
}
