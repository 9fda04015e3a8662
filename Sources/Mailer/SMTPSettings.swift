/// How a connection to the relay is secured.
public enum SMTPSecurity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Plain SMTP, upgraded with STARTTLS before anything else is said (port 587); refused if the
    /// server does not offer it.
    case starttls
    /// TLS from the first byte ("implicit TLS", port 465).
    case tls
    /// No encryption (a relay on the same machine or a test server); credentials are refused over it.
    case plain
}

/// Where and how messages are delivered: an SMTP relay (RFC 5321).
public struct SMTPSettings: Sendable, Hashable {
    /// The relay's host name or address.
    public var host: String
    /// Its port: 587 for STARTTLS, 465 for TLS, 25 for plain.
    public var port: Int
    /// STARTTLS, TLS or plain.
    public var security: SMTPSecurity
    /// A PEM file of certificate authorities to trust instead of the system's (a private relay's own CA).
    public var caFile: String?
    /// User name and password for AUTH PLAIN or LOGIN, if the relay asks for them.
    public var credentials: (user: String, password: String)?
    /// The name this machine gives in EHLO.
    public var clientName: String
    /// How long to wait for the relay to connect or answer, in seconds.
    public var timeout: Int

    /// Settings for `host`:`port`.
    public init(
        host: String,
        port: Int,
        security: SMTPSecurity,
        caFile: String? = nil,
        credentials: (user: String, password: String)? = nil,
        clientName: String = "localhost",
        timeout: Int = 30
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.caFile = caFile
        self.credentials = credentials
        self.clientName = clientName
        self.timeout = timeout
    }

    /// Compares everything but the password.
    public static func == (lhs: SMTPSettings, rhs: SMTPSettings) -> Bool {
        lhs.host == rhs.host && lhs.port == rhs.port && lhs.security == rhs.security && lhs.caFile == rhs.caFile
            && lhs.credentials?.user == rhs.credentials?.user && lhs.clientName == rhs.clientName
            && lhs.timeout == rhs.timeout
    }

    /// Hashes everything but the password.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(host)
        hasher.combine(port)
        hasher.combine(security)
        hasher.combine(caFile)
        hasher.combine(credentials?.user)
    }
}
