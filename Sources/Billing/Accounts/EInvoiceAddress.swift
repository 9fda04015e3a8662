import Foundation

/// Where an Italian customer receives its e-invoices (FatturaPA) from the Sistema di Interscambio (SdI).
///
/// A recipient code (Codice Destinatario, 7 letters and digits, given by the customer's e-invoicing
/// provider) or a PEC address (certified e-mail), or both: the code wins. An account without either
/// gets its e-invoices in the customer's reserved area at the Agenzia delle Entrate (code `0000000`).
/// The Codice Fiscale is one of the account's ``TaxIdentifier``s (kind `codiceFiscale`).
///
/// ```swift
/// let address = try EInvoiceAddress(recipientCode: "m5uxcr1", pec: nil)   // "M5UXCR1"
/// ```
public struct EInvoiceAddress: Sendable, Hashable {
    /// The 7-character Codice Destinatario, upper-case; `nil` when the customer gave none.
    public let recipientCode: String?
    /// The PEC address, lower-case; `nil` when the customer gave none.
    public let pec: String?

    /// Checks and normalises a recipient code and a PEC address; at least one must be given.
    ///
    /// - Throws: ``BillingError/invalidIdentifier(kind:value:reason:)`` naming the rule broken.
    public init(recipientCode: String?, pec: String?) throws(BillingError) {
        self.recipientCode = try recipientCode.map { code throws(BillingError) in try Self.recipientCode(code) }
        self.pec = try pec.map { address throws(BillingError) in try Self.pec(address) }
        guard self.recipientCode != nil || self.pec != nil else {
            throw .invalidValue(
                field: "e-invoice address",
                value: "",
                expected: "a 7-character recipient code (Codice Destinatario) or a PEC address"
            )
        }
    }

    /// A valid Codice Destinatario for a business: 7 letters A–Z and digits.
    ///
    /// `0000000` and `XXXXXXX` are refused: Ledgerprint writes them itself (no code; a foreign
    /// customer). A 6-character code belongs to a public administration office (FPA12), which
    /// Ledgerprint does not invoice.
    public static func recipientCode(_ text: String) throws(BillingError) -> String {
        let code = text.trimmingSpaces().uppercased()
        func fail(_ reason: String) -> BillingError {
            .invalidIdentifier(kind: "recipient code (Codice Destinatario)", value: text, reason: reason)
        }
        guard code.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter }) else {
            throw fail("it has only letters A–Z and digits")
        }
        if code.count == 6 {
            throw fail("6 characters is a public administration office code (FPA12); a business code has 7")
        }
        guard code.count == 7 else { throw fail("it has exactly 7 characters, such as M5UXCR1") }
        guard code != "0000000" else {
            throw fail("0000000 means no code: leave the code out, or give a PEC address")
        }
        guard code != "XXXXXXX" else {
            throw fail("XXXXXXX is for customers outside Italy and is written by Ledgerprint itself")
        }
        return code
    }

    /// A valid PEC address: `name@domain.tld`, ASCII only, at most 256 characters.
    public static func pec(_ text: String) throws(BillingError) -> String {
        let address = text.trimmingSpaces()
        func fail(_ reason: String) -> BillingError {
            .invalidIdentifier(kind: "PEC address", value: text, reason: reason)
        }
        guard address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw fail("a PEC address has only ASCII letters, digits and punctuation, no spaces")
        }
        guard address.count <= 256 else { throw fail("a PEC address has at most 256 characters") }
        guard Contact.isPlausibleEmail(address), !address.contains("..") else {
            throw fail("it looks like fatture@pec.example.it: one @, a domain with a dot")
        }
        return Contact.lowercased(address)
    }
}

extension EInvoiceAddress: Codable {
    private enum CodingKeys: String, CodingKey {
        case recipientCode, pec
    }

    /// Decodes `{"recipientCode": "M5UXCR1"}` or `{"pec": "fatture@pec.example.it"}` with the same checks as `init`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                recipientCode: container.decodeIfPresent(String.self, forKey: .recipientCode),
                pec: container.decodeIfPresent(String.self, forKey: .pec)
            )
        } catch let error as BillingError {
            throw DecodingError.dataCorruptedError(
                forKey: .recipientCode,
                in: container,
                debugDescription: error.description
            )
        }
    }

    /// Encodes the fields that are set.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(recipientCode, forKey: .recipientCode)
        try container.encodeIfPresent(pec, forKey: .pec)
    }
}
