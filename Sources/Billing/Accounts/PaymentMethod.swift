import Foundation

/// How an account pays; only masked details are ever held, and a full card number is refused.
public enum PaymentMethod: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A card, known by brand, last four digits and expiry.
    case card(brand: String, lastFour: String, expiryMonth: Int, expiryYear: Int)
    /// A SEPA direct debit from a bank account, known by country and the last four characters of its IBAN.
    case sepaDebit(country: String, lastFour: String)
    /// Bank transfer against an invoice (corporate accounts, against purchase orders).
    case invoice

    /// A card, checking that only the last four digits are given.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for a full card number, a
    ///   month outside 1…12 or an expiry year before 2000.
    public static func card(
        brand: String,
        lastFour: String,
        expiry: (month: Int, year: Int)
    ) throws(BillingError)
        -> PaymentMethod
    {
        let digits = lastFour.filter { !" -".contains($0) }
        guard digits.count == 4, digits.allSatisfy(\.isASCIIDigit) else {
            throw .invalidValue(
                field: "card",
                value: digits.count > 4 ? "****" + digits.suffix(4) : lastFour,
                expected: "only the last four digits; full card numbers are never accepted or stored"
            )
        }
        guard (1...12).contains(expiry.month), (2000...2100).contains(expiry.year) else {
            throw .invalidValue(field: "card expiry", value: "\(expiry.month)/\(expiry.year)", expected: "MM/YYYY")
        }
        return .card(brand: brand, lastFour: digits, expiryMonth: expiry.month, expiryYear: expiry.year)
    }

    /// A SEPA debit from `iban`; the IBAN is checked (mod 97) and only its country and last four
    /// characters are kept.
    ///
    /// - Throws: ``BillingError/invalidIdentifier(kind:value:reason:)`` when the IBAN is not valid.
    public static func sepaDebit(iban: String) throws(BillingError) -> PaymentMethod {
        let compact = iban.uppercased().filter { $0 != " " }
        let masked = compact.count > 4 ? String(compact.prefix(2)) + "…" + compact.suffix(4) : compact
        func fail(_ reason: String) -> BillingError { .invalidIdentifier(kind: "IBAN", value: masked, reason: reason) }
        guard (15...34).contains(compact.count), compact.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter }),
            compact.prefix(2).allSatisfy(\.isASCIILetter)
        else { throw fail("an IBAN is 15–34 letters and digits starting with a country code") }
        let rearranged = compact.dropFirst(4) + compact.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value = character.wholeNumberValue ?? Int((character.asciiValue ?? 55) - 55)
            remainder = (value >= 10 ? remainder * 100 + value : remainder * 10 + value) % 97
        }
        guard remainder == 1 else { throw fail("the check digits do not match") }
        return .sepaDebit(country: String(compact.prefix(2)), lastFour: String(compact.suffix(4)))
    }

    /// "Visa •••• 4242 (12/2027)", "SEPA IT …1234", "Bank transfer against invoice".
    public var description: String {
        switch self {
        case .card(let brand, let lastFour, let month, let year):
            return "\(brand) •••• \(lastFour) (\(month < 10 ? "0" : "")\(month)/\(year))"
        case .sepaDebit(let country, let lastFour):
            return "SEPA direct debit \(country) …\(lastFour)"
        case .invoice:
            return "Bank transfer against invoice"
        }
    }
}

/// When an invoice must be paid.
public enum PaymentTerms: Sendable, Hashable, Codable, CustomStringConvertible {
    /// On receipt: the card or debit on file is charged when the invoice is issued.
    case dueOnReceipt
    /// Within `days` days of the issue date ("Net 30").
    case net(days: Int)

    /// The due date of an invoice issued on `issueDate`.
    public func dueDate(issuedOn issueDate: CalendarDate) -> CalendarDate {
        switch self {
        case .dueOnReceipt: return issueDate
        case .net(let days): return issueDate.adding(days: days)
        }
    }

    /// "Due on receipt", "Net 30".
    public var description: String {
        switch self {
        case .dueOnReceipt: return "Due on receipt"
        case .net(let days): return "Net \(days)"
        }
    }
}

extension PaymentMethod {
    private enum CodingKeys: String, CodingKey {
        case type
        case brand
        case lastFour
        case expiryMonth
        case expiryYear
        case country
    }

    /// Decodes `{"type": "card", "brand": "Visa", "lastFour": "4242", "expiryMonth": 12, "expiryYear": 2027}`,
    /// `{"type": "sepaDebit", "country": "IT", "lastFour": "1234"}` or `{"type": "invoice"}`, with the same
    /// checks as the factory methods: a full card number is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        do {
            switch type {
            case "card":
                self = try .card(
                    brand: container.decode(String.self, forKey: .brand),
                    lastFour: container.decode(String.self, forKey: .lastFour),
                    expiry: (
                        try container.decode(Int.self, forKey: .expiryMonth),
                        try container.decode(Int.self, forKey: .expiryYear)
                    )
                )
            case "sepaDebit":
                let lastFour = try container.decode(String.self, forKey: .lastFour)
                let country = try container.decode(String.self, forKey: .country)
                guard lastFour.count == 4, country.count == 2 else {
                    throw BillingError.invalidValue(
                        field: "sepaDebit",
                        value: "\(country) …\(lastFour.suffix(4))",
                        expected: "a two-letter country and the last four characters of the IBAN only"
                    )
                }
                self = .sepaDebit(country: country.uppercased(), lastFour: lastFour.uppercased())
            case "invoice":
                self = .invoice
            default:
                throw BillingError.invalidValue(field: "type", value: type, expected: "card, sepaDebit or invoice")
            }
        } catch let error as BillingError {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the masked details only.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .card(let brand, let lastFour, let month, let year):
            try container.encode("card", forKey: .type)
            try container.encode(brand, forKey: .brand)
            try container.encode(lastFour, forKey: .lastFour)
            try container.encode(month, forKey: .expiryMonth)
            try container.encode(year, forKey: .expiryYear)
        case .sepaDebit(let country, let lastFour):
            try container.encode("sepaDebit", forKey: .type)
            try container.encode(country, forKey: .country)
            try container.encode(lastFour, forKey: .lastFour)
        case .invoice:
            try container.encode("invoice", forKey: .type)
        }
    }
}
