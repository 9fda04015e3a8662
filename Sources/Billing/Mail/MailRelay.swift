/// The SMTP relay the vendor's documents are e-mailed through (`ledgerprint mail set`).
///
/// It names where the user name and password are found (environment variables read when a message is
/// sent), never the password itself, so the store and its exports hold no secret.
public struct MailRelay: Sendable, Hashable, Codable {
    /// How the connection is secured: `starttls` (port 587), `tls` (port 465) or `plain`.
    public var security: String
    /// The relay's host name or address.
    public var host: String
    /// Its port.
    public var port: Int
    /// The sender, `Name <address>` or `address`.
    public var from: String
    /// The environment variable holding the user name, if the relay asks for one.
    public var userVariable: String?
    /// The environment variable holding the password.
    public var passwordVariable: String?
    /// A PEM file of certificate authorities to trust instead of the system's.
    public var caFile: String?

    /// The ways a connection can be secured.
    public static let securities = ["starttls", "tls", "plain"]

    /// Creates a relay setting (``validate()`` checks it).
    public init(
        security: String,
        host: String,
        port: Int,
        from: String,
        userVariable: String? = nil,
        passwordVariable: String? = nil,
        caFile: String? = nil
    ) {
        self.security = security
        self.host = host
        self.port = port
        self.from = from
        self.userVariable = userVariable
        self.passwordVariable = passwordVariable
        self.caFile = caFile
    }

    /// Refuses a setting a message could not be sent with, naming the field.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)``.
    public func validate() throws(BillingError) {
        guard Self.securities.contains(security) else {
            throw .invalidValue(field: "mail security", value: security, expected: "starttls, tls or plain")
        }
        guard !host.isEmpty, host.count <= 253,
            host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && !"/@<>\\".unicodeScalars.contains($0) })
        else {
            throw .invalidValue(
                field: "mail host",
                value: host,
                expected: "a host name or address, such as smtp.example.com"
            )
        }
        guard (1...65535).contains(port) else {
            throw .invalidValue(field: "mail port", value: String(port), expected: "1 to 65535 (587, 465 or 25)")
        }
        let address = from.split(separator: "<").last.map { String($0.prefix { $0 != ">" }) } ?? from
        guard Contact.isPlausibleEmail(address.trimmingCharacters(in: " ")), !from.contains("\n"),
            !from.contains("\r")
        else {
            throw .invalidValue(field: "mail from", value: from, expected: "Name <billing@example.com> or an address")
        }
        for (field, variable) in [("user variable", userVariable), ("password variable", passwordVariable)] {
            guard let variable else { continue }
            guard let first = variable.first, first == "_" || (first.isASCII && first.isLetter),
                variable.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
            else {
                throw .invalidValue(
                    field: "mail \(field)",
                    value: variable,
                    expected: "the name of an environment variable, such as SMTP_USER"
                )
            }
        }
        guard (userVariable == nil) == (passwordVariable == nil) else {
            throw .invalidValue(
                field: "mail credentials",
                value: userVariable ?? passwordVariable ?? "",
                expected: "both --user-env and --password-env, or neither"
            )
        }
        guard userVariable == nil || security != "plain" else {
            throw .invalidValue(
                field: "mail security",
                value: security,
                expected: "starttls or tls when a user and password are sent"
            )
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
