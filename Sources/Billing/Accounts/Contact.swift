import Foundation

/// A person at a customer: the billing contact or another user of the account.
public struct Contact: Sendable, Hashable, Codable {
    /// Full name.
    public var name: String
    /// E-mail address, lower-case; also how the person is known as an ``Actor``.
    public var email: String
    /// Phone number as the person gave it.
    public var phone: String?
    /// Job title, such as "Accounts Payable Manager".
    public var title: String?

    /// Creates a contact, checking the name and e-mail.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for an empty name or an
    ///   e-mail that is not of the form `name@domain.tld`.
    public init(name: String, email: String, phone: String? = nil, title: String? = nil) throws(BillingError) {
        let trimmedName =
            name.first?.isWhitespace == true || name.last?.isWhitespace == true
            ? name.trimmingCharacters(in: .whitespaces) : name
        guard !trimmedName.isEmpty else {
            throw .invalidValue(field: "contact name", value: name, expected: "a name")
        }
        guard Self.isPlausibleEmail(email) else {
            throw .invalidValue(field: "e-mail", value: email, expected: "an address such as anna@example.com")
        }
        self.name = trimmedName
        self.email = Self.lowercased(email)
        self.phone = phone
        self.title = title
    }

    /// This contact as the actor of an action.
    public var actor: Actor { .user(email: email) }

    /// `email` in lower case; most addresses already are, and are returned as they are.
    static func lowercased(_ email: String) -> String {
        let isLowercase = email.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        return isLowercase ? email : email.lowercased()
    }

    /// Whether `text` looks like an e-mail address: one `@`, a dot in the domain, no spaces.
    public static func isPlausibleEmail(_ text: String) -> Bool {
        // On bytes: every event of an import names its actor, and this runs for each.
        var at: Int?
        var lastDot: Int?
        var firstDotInDomain: Int?
        var count = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "): return false
            case UInt8(ascii: "@"):
                guard at == nil else { return false }
                at = count
            case UInt8(ascii: "."):
                if at != nil, firstDotInDomain == nil { firstDotInDomain = count }
                lastDot = count
            default: break
            }
            count += 1
        }
        guard let at, at > 0, let firstDotInDomain, let lastDot else { return false }
        return firstDotInDomain != at + 1 && lastDot != count - 1
    }
}

/// A postal address, as printed on documents.
public struct Address: Sendable, Hashable, Codable {
    /// Street lines, such as "Via Roma 1".
    public var lines: [String]
    /// Postal code (CAP, ZIP).
    public var postalCode: String
    /// City.
    public var city: String
    /// Province or state code, such as "MI" or "CA".
    public var region: String?
    /// ISO 3166-1 alpha-2 country code, such as "IT".
    public var country: String

    /// Creates an address.
    public init(lines: [String], postalCode: String, city: String, region: String? = nil, country: String) {
        self.lines = lines
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.country = country.uppercased()
    }
}

extension Contact {
    private enum CodingKeys: String, CodingKey {
        case name, email, phone, title
    }

    /// Decodes a contact with the same checks as `init`: a name and a plausible e-mail.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                name: container.decode(String.self, forKey: .name),
                email: container.decode(String.self, forKey: .email),
                phone: container.decodeIfPresent(String.self, forKey: .phone),
                title: container.decodeIfPresent(String.self, forKey: .title)
            )
        } catch let error as BillingError {
            throw DecodingError.dataCorruptedError(forKey: .email, in: container, debugDescription: error.description)
        }
    }
}
