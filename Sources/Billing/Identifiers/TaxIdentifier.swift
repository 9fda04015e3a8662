import Foundation

/// A tax identifier of a vendor or customer, checked and normalised when it is made.
///
/// ```swift
/// let vat = try TaxIdentifier(.partitaIVA, "IT 00743110157")   // value "00743110157"
/// let ein = try TaxIdentifier(.ein, "911144442")                // value "91-1144442"
/// ```
public struct TaxIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The kinds Ledgerprint checks.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Italian VAT number: 11 digits, Luhn check digit, valid office code.
        case partitaIVA
        /// Italian fiscal code: 16 characters for a person (with check letter) or 11 digits for a company.
        case codiceFiscale
        /// An EU VAT number with its country prefix, as VIES knows it.
        case euVAT
        /// US Employer Identification Number, NN-NNNNNNN.
        case ein
        /// US Social Security Number, AAA-GG-SSSS.
        case ssn
        /// US Individual Taxpayer Identification Number, 9XX-GG-XXXX.
        case itin

        /// How the kind is called on documents and in errors.
        public var displayName: String {
            switch self {
            case .partitaIVA: return "Partita IVA"
            case .codiceFiscale: return "Codice Fiscale"
            case .euVAT: return "EU VAT number"
            case .ein: return "EIN"
            case .ssn: return "SSN"
            case .itin: return "ITIN"
            }
        }
    }

    /// What kind of identifier this is.
    public let kind: Kind
    /// The normalised value: digits only for Partita IVA, `CC…` for EU VAT, dashed for US numbers.
    public let value: String

    /// Checks and normalises `text` as an identifier of `kind`.
    ///
    /// - Throws: ``BillingError/invalidIdentifier(kind:value:reason:)`` saying what is wrong.
    public init(_ kind: Kind, _ text: String) throws(BillingError) {
        self.kind = kind
        switch kind {
        case .partitaIVA: value = try ItalianIdentifiers.partitaIVA(text)
        case .codiceFiscale: value = try ItalianIdentifiers.codiceFiscale(text)
        case .euVAT: value = try EUVATNumber.normalise(text)
        case .ein: value = try USTaxpayerNumbers.ein(text)
        case .ssn: value = try USTaxpayerNumbers.ssn(text)
        case .itin: value = try USTaxpayerNumbers.itin(text)
        }
    }

    /// The value with most digits hidden, for screens and logs: `***-**-6789`, `**-***4442`.
    public var masked: String {
        switch kind {
        case .ssn, .itin: return "***-**-" + value.suffix(4)
        case .ein: return "**-***" + value.suffix(4)
        default: return value
        }
    }

    /// "Partita IVA 00743110157".
    public var description: String { "\(kind.displayName) \(value)" }

    /// Strips spaces, dots and dashes and upper-cases.
    static func compact(_ text: String) -> String {
        text.uppercased().filter { !" .-/".contains($0) }
    }
}

extension TaxIdentifier: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind
        case value
    }

    /// Decodes `{"kind": "partitaIVA", "value": "00743110157"}`, checking the value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(Kind.self, forKey: .kind)
        let value = try container.decode(String.self, forKey: .value)
        do {
            try self.init(kind, value)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the kind and the normalised value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
    }
}
