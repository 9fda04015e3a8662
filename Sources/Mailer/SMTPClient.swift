import Foundation

/// What the relay said when it took a message: its reply to the end of `DATA`, which usually names
/// the queue id (`250 2.0.0 Ok: queued as 4Xb1`), and the message's `Message-ID`.
public struct SMTPReceipt: Sendable, Hashable {
    /// The relay's reply to the message's end.
    public var reply: SMTPReply
    /// The `Message-ID` the message was sent with.
    public var messageID: String
}

/// Delivers messages to an SMTP relay (RFC 5321): `EHLO`, `STARTTLS` (RFC 3207), `AUTH PLAIN` or
/// `LOGIN` (RFC 4954), `MAIL FROM`, `RCPT TO`, `DATA` with dot-stuffing, `QUIT`.
///
/// One connection per ``send(_:)``. Any reply that is not the one expected ends the dialogue with
/// ``MailError/refused(command:reply:)`` naming the command and quoting the reply.
public struct SMTPClient: Sendable {
    /// The relay and how to reach it.
    public var settings: SMTPSettings

    /// A client for the relay of `settings`.
    public init(settings: SMTPSettings) { self.settings = settings }

    /// Sends `message` to each of its recipients.
    ///
    /// - Throws: ``MailError`` naming the step that failed and what the server replied.
    @discardableResult
    public func send(_ message: MailMessage) throws(MailError) -> SMTPReceipt {
        guard !message.to.isEmpty else { throw .setting("a message needs at least one recipient") }
        let connection = try SMTPConnection(host: settings.host, port: settings.port, timeout: settings.timeout)
        if settings.security == .tls { try connection.startTLS(caFile: settings.caFile) }
        try expect(220, connection.reply(), "the connection (greeting)")
        var extensions = try hello(connection)
        if settings.security == .starttls {
            guard extensions.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw .setting(
                    "the mail relay \(settings.host):\(settings.port) does not offer STARTTLS: "
                        + "use --tls for a TLS port (465), or --plain only for a relay on this machine"
                )
            }
            try command("STARTTLS", connection, expecting: 220)
            try connection.startTLS(caFile: settings.caFile)
            extensions = try hello(connection)
        }
        if let credentials = settings.credentials {
            try authenticate(credentials, extensions: extensions, connection)
        }
        try command("MAIL FROM:<\(message.from.address)>", connection, expecting: 250)
        for recipient in message.to {
            try command("RCPT TO:<\(recipient.address)>", connection, expecting: 250, 251)
        }
        try command("DATA", connection, expecting: 354)
        try connection.send(Self.dotStuffed(message.rendered()) + Data(".\r\n".utf8))
        let accepted = try connection.reply()
        try expect(250, accepted, "the message (end of DATA)")
        try? connection.send(line: "QUIT")
        _ = try? connection.reply()
        return SMTPReceipt(reply: accepted, messageID: message.messageID)
    }

    /// `EHLO`, answered with the extensions the server offers (`STARTTLS`, `AUTH PLAIN LOGIN`, …).
    private func hello(_ connection: SMTPConnection) throws(MailError) -> [String] {
        let reply = try command("EHLO \(settings.clientName)", connection, expecting: 250)
        return Array(reply.lines.dropFirst())
    }

    private func authenticate(
        _ credentials: (user: String, password: String),
        extensions: [String],
        _ connection: SMTPConnection
    ) throws(MailError) {
        guard connection.isEncrypted else {
            throw .setting("the relay's user and password are never sent unencrypted: use --starttls or --tls")
        }
        let offered = Set(
            extensions.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").dropFirst()
                .map(String.init) ?? []
        )
        if offered.contains("PLAIN") {
            let token = Data(("\0" + credentials.user + "\0" + credentials.password).utf8).base64EncodedString()
            try command(
                "AUTH PLAIN \(token)",
                connection,
                expecting: 235,
                naming: "AUTH PLAIN (user \(credentials.user))"
            )
        } else if offered.contains("LOGIN") {
            try command("AUTH LOGIN", connection, expecting: 334)
            try command(
                Data(credentials.user.utf8).base64EncodedString(),
                connection,
                expecting: 334,
                naming: "the user name"
            )
            try command(
                Data(credentials.password.utf8).base64EncodedString(),
                connection,
                expecting: 235,
                naming: "AUTH LOGIN (user \(credentials.user))"
            )
        } else {
            throw .setting(
                "the mail relay offers no AUTH PLAIN or LOGIN (it offers: \(offered.sorted().joined(separator: " ")))"
            )
        }
    }

    /// Sends `line` and checks the reply's code; `naming` is how errors name the command (never with a secret).
    @discardableResult
    private func command(
        _ line: String,
        _ connection: SMTPConnection,
        expecting codes: Int...,
        naming: String? = nil
    ) throws(MailError) -> SMTPReply {
        try connection.send(line: line)
        let reply = try connection.reply()
        guard codes.contains(reply.code) else {
            try? connection.send(line: "QUIT")
            throw .refused(command: naming ?? line, reply: reply.description)
        }
        return reply
    }

    private func expect(_ code: Int, _ reply: SMTPReply, _ what: String) throws(MailError) {
        guard reply.code == code else { throw .refused(command: what, reply: reply.description) }
    }

    /// `message` as `DATA` sends it (RFC 5321, section 4.5.2): a line that starts with `.` gets another
    /// `.` in front, and the text ends in CRLF; the `.` line that ends `DATA` is not included.
    public static func dotStuffed(_ message: Data) -> Data {
        var result = Data()
        result.reserveCapacity(message.count + 64)
        var atLineStart = true
        for byte in message {
            if atLineStart, byte == UInt8(ascii: ".") { result.append(UInt8(ascii: ".")) }
            result.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        if !result.isEmpty, !result.ends(with: Data("\r\n".utf8)) { result.append(contentsOf: Array("\r\n".utf8)) }
        return result
    }
}

extension Data {
    fileprivate func ends(with suffix: Data) -> Bool { count >= suffix.count && self.suffix(suffix.count) == suffix }
}
