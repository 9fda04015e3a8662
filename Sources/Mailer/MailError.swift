/// What can go wrong building or sending a message; each says what to fix or what the server answered.
public enum MailError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An address that is not one.
    case invalidAddress(String, reason: String)
    /// The relay could not be reached.
    case cannotConnect(host: String, port: Int, reason: String)
    /// The relay answered a command with an error or an unexpected reply.
    case refused(command: String, reply: String)
    /// The relay stopped answering or closed the connection.
    case connectionLost(reason: String)
    /// TLS could not be set up: the library is missing, or the certificate or handshake failed.
    case tls(String)
    /// A setting is missing or wrong (credentials, CA file, TLS the server does not offer).
    case setting(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .invalidAddress(let address, let reason):
            return "invalid e-mail address '\(address)': use \(reason)"
        case .cannotConnect(let host, let port, let reason):
            return "cannot connect to the mail relay \(host):\(port): \(reason)"
        case .refused(let command, let reply):
            return "the mail relay refused \(command): \(reply)"
        case .connectionLost(let reason):
            return "the mail relay's connection was lost: \(reason)"
        case .tls(let reason):
            return "TLS with the mail relay failed: \(reason)"
        case .setting(let reason):
            return reason
        }
    }
}
