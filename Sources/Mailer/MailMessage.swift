import Foundation

/// A file attached to a message.
public struct MailAttachment: Sendable, Hashable {
    /// The file's name as the recipient sees it (made safe when the message is written).
    public var fileName: String
    /// Its media type, such as `application/pdf`.
    public var contentType: String
    /// Its bytes.
    public var data: Data

    /// An attachment of `data` named `fileName`.
    public init(fileName: String, contentType: String, data: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }
}

/// An e-mail: sender, recipients, subject, a plain-text body and attachments, written as an RFC 5322
/// message with MIME parts (RFC 2045–2047) by ``rendered()``.
///
/// ```swift
/// let message = MailMessage(
///     from: try MailAddress("billing@vendor.example", name: "Vendor Billing"),
///     to: [try MailAddress("anna@customer.example", name: "Anna Bianchi")],
///     subject: "Fattura 2026/0007",
///     body: "In allegato la fattura.",
///     attachments: [MailAttachment(fileName: "invoice.pdf", contentType: "application/pdf", data: pdf)]
/// )
/// let receipt = try SMTPClient(settings: relay).send(message)
/// ```
public struct MailMessage: Sendable, Hashable {
    /// Who sends it.
    public var from: MailAddress
    /// Who receives it.
    public var to: [MailAddress]
    /// The subject, any characters.
    public var subject: String
    /// The text of the message, any characters; lines end in CRLF when written.
    public var body: String
    /// The files attached.
    public var attachments: [MailAttachment]
    /// When it was written, for the `Date` header.
    public var date: Date
    /// The `Message-ID`, without angle brackets; made from random bytes and the sender's domain by default.
    public var messageID: String

    /// A message; `date` defaults to now and `messageID` to a new random one.
    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        body: String,
        attachments: [MailAttachment] = [],
        date: Date = Date(),
        messageID: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.attachments = attachments
        self.date = date
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        self.messageID = messageID ?? "\(UUID().uuidString.lowercased())@\(domain)"
    }

    /// The whole message as sent: headers, then a `multipart/mixed` body with the text and each
    /// attachment in base64; CRLF line endings, no line longer than 78 characters.
    public func rendered() -> Data {
        var text = MIMEEncoding.fold("From", from.headerValue.split(separator: " ").map(String.init))
        text += MIMEEncoding.fold(
            "To",
            to.enumerated().flatMap { index, address in
                let tokens = address.headerValue.split(separator: " ").map(String.init)
                return index < to.count - 1 ? tokens.dropLast() + [(tokens.last ?? "") + ","] : tokens
            }
        )
        text += MIMEEncoding.header("Subject", text: subject)
        text += "Date: \(Self.rfc5322Date(date))\r\n"
        text += "Message-ID: <\(messageID)>\r\n"
        text += "MIME-Version: 1.0\r\n"
        let body = Data(Self.crlfLines(self.body).utf8)
        guard !attachments.isEmpty else {
            text += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            text += MIMEEncoding.base64Lines(body)
            return Data(text.utf8)
        }
        // Base64 never contains "=_", so no part can hold the boundary.
        let boundary = "=_lp_" + messageID.filter { $0.isLetter || $0.isNumber }.prefix(24)
        text += "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n"
        text += "This is a message in MIME format.\r\n"
        text += "--\(boundary)\r\n"
        text += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        text += MIMEEncoding.base64Lines(body)
        for attachment in attachments {
            let name = MIMEEncoding.safeFileName(attachment.fileName)
            let type = attachment.contentType.filter { $0.isLetter || $0.isNumber || "/.+-".contains($0) }
            text += "--\(boundary)\r\n"
            text += "Content-Type: \(type.isEmpty ? "application/octet-stream" : type); name=\"\(name)\"\r\n"
            text += "Content-Disposition: attachment; filename=\"\(name)\"\r\n"
            text += "Content-Transfer-Encoding: base64\r\n\r\n"
            text += MIMEEncoding.base64Lines(attachment.data)
        }
        text += "--\(boundary)--\r\n"
        return Data(text.utf8)
    }

    /// `text` with every line ending (LF, CR or CRLF) made CRLF, ending in one.
    static func crlfLines(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        return lines.joined(separator: "\r\n") + (text.hasSuffix("\n") ? "" : "\r\n")
    }

    /// `Sat, 05 Dec 2026 01:38:08 +0000`: RFC 5322's date-time, in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
