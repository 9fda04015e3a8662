/// What a subscription line is, so documents can word it in their own language.
public struct LineItem: Sendable, Hashable, Codable {
    /// Whether the line charges a period, credits the unused part of one, or charges what remains of one.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A whole period.
        case period
        /// The unused part of the current period, credited.
        case unused
        /// The rest of the current period at the new selection.
        case remaining
    }

    /// Period, unused or remaining.
    public var kind: Kind
    /// The product's name.
    public var product: String
    /// The tier's name.
    public var tier: String
    /// Seats.
    public var seats: Int
    /// Monthly or annual.
    public var frequency: BillingFrequency

    /// Creates a line item.
    public init(kind: Kind, product: String, tier: String, seats: Int, frequency: BillingFrequency) {
        self.kind = kind
        self.product = product
        self.tier = tier
        self.seats = seats
        self.frequency = frequency
    }
}

/// One line of an invoice or credit note: what, for which period, how many, at what price.
public struct InvoiceLine: Sendable, Hashable, Codable {
    /// What the line is for, such as "Webinar Pro — 25 seats, monthly", in English.
    public var description: String
    /// The same, as data, for documents to word in their language; `nil` for free-text lines.
    public var item: LineItem?
    /// The service period the line covers, if any.
    public var period: DatePeriod?
    /// Seats or units.
    public var quantity: Int
    /// Price of one unit for the whole period.
    public var unitPrice: Money
    /// The fraction of the period charged or credited: 1 for a whole period, 19/30 for a prorated one.
    public var fraction: Ratio
    /// unitPrice × quantity × fraction, rounded once; negative for a credit.
    public var amount: Money
    /// The tax rate of the line.
    public var taxRate: TaxRate

    /// A charge: `quantity` × `unitPrice` × `fraction`, rounded once, half away from zero.
    public static func charge(
        _ description: String,
        period: DatePeriod?,
        quantity: Int,
        unitPrice: Money,
        fraction: Ratio = .one,
        taxRate: TaxRate
    ) throws(BillingError) -> InvoiceLine {
        guard quantity >= 0 else {
            throw .invalidValue(field: "quantity", value: "\(quantity)", expected: "zero or more")
        }
        let amount = try unitPrice.times(Int64(quantity)).multiplied(by: fraction)
        return InvoiceLine(
            description: description,
            item: nil,
            period: period,
            quantity: quantity,
            unitPrice: unitPrice,
            fraction: fraction,
            amount: amount,
            taxRate: taxRate
        )
    }

    /// A credit: the same computation as ``charge(_:period:quantity:unitPrice:fraction:taxRate:)``, negated.
    public static func credit(
        _ description: String,
        period: DatePeriod?,
        quantity: Int,
        unitPrice: Money,
        fraction: Ratio,
        taxRate: TaxRate
    ) throws(BillingError) -> InvoiceLine {
        var line = try charge(
            description,
            period: period,
            quantity: quantity,
            unitPrice: unitPrice,
            fraction: fraction,
            taxRate: taxRate
        )
        line.amount = line.amount.negated
        return line
    }
}

/// The tax of one rate: computed on the sum of that rate's lines and rounded once.
public struct TaxLine: Sendable, Hashable, Codable {
    /// The rate.
    public var rate: TaxRate
    /// The sum of the lines at this rate.
    public var taxable: Money
    /// taxable × rate, rounded half away from zero.
    public var tax: Money
}

/// Subtotal, tax per rate and total of a set of lines.
public struct DocumentTotals: Sendable, Hashable, Codable {
    /// The sum of the lines.
    public var subtotal: Money
    /// One entry per rate, highest rate first.
    public var taxes: [TaxLine]
    /// The sum of the taxes.
    public var taxTotal: Money
    /// Subtotal plus taxes.
    public var total: Money

    /// Computes totals: tax per rate on the sum of that rate's lines, rounded once (rule 13).
    ///
    /// Three lines of 0.75 at 22 % give 0.50 of VAT on 2.25, not 3 × 0.17.
    public init(lines: [InvoiceLine], currency: Currency) throws(BillingError) {
        var byRate: [TaxRate: Money] = [:]
        for line in lines {
            byRate[line.taxRate] = try (byRate[line.taxRate] ?? .zero(currency)).plus(line.amount)
        }
        var taxes: [TaxLine] = []
        for (rate, taxable) in byRate.sorted(by: { $0.key > $1.key }) {
            taxes.append(TaxLine(rate: rate, taxable: taxable, tax: try taxable.multiplied(by: rate.ratio)))
        }
        subtotal = try Money.sum(lines.map(\.amount), in: currency)
        self.taxes = taxes
        taxTotal = try Money.sum(taxes.map(\.tax), in: currency)
        total = try subtotal.plus(taxTotal)
    }
}
