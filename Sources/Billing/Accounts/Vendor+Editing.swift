import Foundation

/// What `vendor set` changes; `nil` leaves a member as it is.
public struct VendorChanges: Sendable, Hashable {
    /// The legal name.
    public var legalName: String?
    /// The registered office.
    public var address: Address?
    /// The e-mail printed on documents.
    public var email: String?
    /// The web site.
    public var website: String?
    /// The bank details printed for transfers.
    public var bankDetails: String?
    /// Identifiers that replace the vendor's of the same kind.
    public var taxIdentifiers: [TaxIdentifier]
    /// A PNG file's bytes for the letterhead logo.
    public var logoPNG: [UInt8]?

    /// Creates a set of changes.
    public init(
        legalName: String? = nil,
        address: Address? = nil,
        email: String? = nil,
        website: String? = nil,
        bankDetails: String? = nil,
        taxIdentifiers: [TaxIdentifier] = [],
        logoPNG: [UInt8]? = nil
    ) {
        self.legalName = legalName
        self.address = address
        self.email = email
        self.website = website
        self.bankDetails = bankDetails
        self.taxIdentifiers = taxIdentifiers
        self.logoPNG = logoPNG
    }

    /// Whether nothing would change.
    public var isEmpty: Bool {
        legalName == nil && address == nil && email == nil && website == nil && bankDetails == nil
            && taxIdentifiers.isEmpty && logoPNG == nil
    }
}

extension Vendor {
    /// The vendor with `changes` made, each checked.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` naming the first wrong value.
    public func applying(_ changes: VendorChanges) throws(BillingError) -> Vendor {
        var copy = self
        if let name = changes.legalName {
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed.count <= 120, !trimmed.contains(where: \.isNewline) else {
                throw .invalidValue(field: "vendor name", value: name, expected: "a legal name of 1 to 120 characters")
            }
            copy.legalName = trimmed
        }
        if let address = changes.address {
            let country = address.country
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw .invalidValue(field: "country", value: country, expected: "an ISO 3166 code such as IT or US")
            }
            guard !address.lines.isEmpty, !address.city.isEmpty, !address.postalCode.isEmpty else {
                throw .invalidValue(
                    field: "address",
                    value: address.lines.joined(separator: ", "),
                    expected: "a street line, a postal code and a city"
                )
            }
            copy.address = address
        }
        if let email = changes.email { copy.email = try Contact(name: legalName, email: email).email }
        if let website = changes.website {
            guard !website.isEmpty, !website.contains(where: \.isWhitespace), website.contains(".") else {
                throw .invalidValue(field: "web site", value: website, expected: "an address such as example.com")
            }
            copy.website = website
        }
        if let bank = changes.bankDetails {
            guard !bank.trimmingCharacters(in: .whitespaces).isEmpty, !bank.contains(where: \.isNewline) else {
                throw .invalidValue(field: "bank details", value: bank, expected: "one line, such as an IBAN and BIC")
            }
            copy.bankDetails = bank
        }
        if let png = changes.logoPNG { copy.logo = try Self.logoURI(png) }
        for identifier in changes.taxIdentifiers {
            copy.taxIdentifiers.removeAll { $0.kind == identifier.kind }
            copy.taxIdentifiers.append(identifier)
        }
        return copy
    }

    /// The largest logo accepted, in bytes: it is kept in the store and in every document.
    public static let largestLogo = 512 * 1024

    /// `png` as a data URI, once it is checked to be a PNG of a sensible size.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for anything else.
    static func logoURI(_ png: [UInt8]) throws(BillingError) -> String {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard png.count > 24, Array(png.prefix(8)) == signature, Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw .invalidValue(field: "logo", value: "\(png.count) bytes", expected: "a PNG image file")
        }
        func number(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let (width, height) = (number(16), number(20))
        guard png.count <= largestLogo, (1...4000).contains(width), (1...4000).contains(height) else {
            throw .invalidValue(
                field: "logo",
                value: "\(width)×\(height) pixels, \(png.count) bytes",
                expected: "a PNG up to 4000×4000 pixels and \(largestLogo / 1024) KB"
            )
        }
        return "data:image/png;base64," + Data(png).base64EncodedString()
    }
}
