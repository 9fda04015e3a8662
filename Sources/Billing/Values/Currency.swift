/// An ISO 4217 currency and the number of digits of its minor unit.
public struct Currency: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The three-letter code, such as "EUR".
    public let code: String
    /// Digits after the decimal point: 2 for EUR and USD, 0 for JPY.
    public let minorUnitDigits: Int

    /// The currencies Ledgerprint knows, with their minor units.
    public static let known: [String: Int] = [
        "EUR": 2, "USD": 2, "GBP": 2, "CHF": 2, "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2,
        "HUF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "JPY": 0, "KRW": 0, "BRL": 2, "MXN": 2, "INR": 2,
    ]

    /// Looks up `code` (case-insensitive).
    ///
    /// - Throws: ``BillingError/unknownCurrency(_:)`` when the code is not known.
    public init(code: String) throws(BillingError) {
        let upper =
            code.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) ? code : code.uppercased()
        guard let digits = Self.known[upper] else { throw .unknownCurrency(code) }
        self.code = upper
        self.minorUnitDigits = digits
    }

    private init(uncheckedCode code: String, digits: Int) {
        self.code = code
        self.minorUnitDigits = digits
    }

    /// Euro.
    public static let eur = Currency(uncheckedCode: "EUR", digits: 2)
    /// US dollar.
    public static let usd = Currency(uncheckedCode: "USD", digits: 2)
    /// Pound sterling.
    public static let gbp = Currency(uncheckedCode: "GBP", digits: 2)

    /// How many minor units make one major unit: 100 for EUR.
    public var minorUnitsPerMajor: Int64 {
        var result: Int64 = 1
        for _ in 0..<minorUnitDigits { result *= 10 }
        return result
    }

    /// The code.
    public var description: String { code }

    /// Decodes from the bare code, checking it.
    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(code: code)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
    }

    /// Encodes as the bare code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
