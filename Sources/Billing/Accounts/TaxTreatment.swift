/// A tax rate in basis points: 2200 is 22 %.
public struct TaxRate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Hundredths of a percent.
    public let basisPoints: Int

    /// Creates a rate of `basisPoints` hundredths of a percent, 0…10000.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` outside 0…100 %.
    public init(basisPoints: Int) throws(BillingError) {
        guard (0...10_000).contains(basisPoints) else {
            throw .invalidValue(
                field: "tax rate",
                value: "\(basisPoints)",
                expected: "0 to 10000 basis points (0–100 %)"
            )
        }
        self.basisPoints = basisPoints
    }

    /// Creates a rate of a whole number of percent.
    public init(percent: Int) throws(BillingError) { try self.init(basisPoints: percent * 100) }

    /// 0 %.
    public static let zero = TaxRate(unchecked: 0)

    private init(unchecked basisPoints: Int) { self.basisPoints = basisPoints }

    /// The exact fraction, 22/100 for 22 %.
    public var ratio: Ratio { Ratio(unchecked: Int64(basisPoints), 10_000) }

    /// "22%", "5.5%".
    public var description: String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        guard fraction != 0 else { return "\(whole)%" }
        let decimals = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(whole).\(decimals)%"
    }

    /// Orders rates by size.
    public static func < (lhs: TaxRate, rhs: TaxRate) -> Bool { lhs.basisPoints < rhs.basisPoints }

    private enum CodingKeys: String, CodingKey {
        case basisPoints
    }

    /// Decodes `{"basisPoints": 2200}`, checking the range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(basisPoints: container.decode(Int.self, forKey: .basisPoints))
        } catch let error as BillingError {
            throw DecodingError.dataCorruptedError(
                forKey: .basisPoints,
                in: container,
                debugDescription: error.description
            )
        }
    }
}

/// How an account's invoices are taxed.
public enum TaxTreatment: Sendable, Hashable, Codable {
    /// VAT charged at `rate`, such as Italian IVA at 22 %.
    case vat(rate: TaxRate)
    /// No VAT charged: the customer accounts for it (EU B2B services); `note` is the legal wording
    /// printed on the invoice.
    case reverseCharge(note: String)
    /// No VAT because the supply is exempt or outside its scope; `note` is the legal wording. An
    /// Italian invoice of this kind over €77.47 carries the €2.00 stamp duty.
    case exempt(note: String)
    /// US sales tax at `rate` in `jurisdiction`.
    case salesTax(rate: TaxRate, jurisdiction: String)
    /// No tax at all, such as US SaaS in a state that does not tax it; `note` is printed if present.
    case noTax(note: String?)

    /// The rate applied to every line.
    public var rate: TaxRate {
        switch self {
        case .vat(let rate), .salesTax(let rate, _): return rate
        case .reverseCharge, .exempt, .noTax: return .zero
        }
    }

    /// The wording printed instead of, or beside, the tax amount.
    public var note: String? {
        switch self {
        case .vat: return nil
        case .reverseCharge(let note), .exempt(let note): return note
        case .salesTax(_, let jurisdiction): return "Sales tax: \(jurisdiction)"
        case .noTax(let note): return note
        }
    }

    /// Italian reverse charge for services to an EU business, under article 7-ter of DPR 633/72.
    public static let euReverseCharge = TaxTreatment.reverseCharge(
        note: "Inversione contabile – operazione non soggetta ai sensi dell'art. 7-ter DPR 633/72 "
            + "(reverse charge, art. 196 Directive 2006/112/EC)"
    )
}
