import Foundation

/// A mailbox: an address and, optionally, the name shown with it (`Anna Bianchi <anna@example.com>`).
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address itself, `local@domain`, in ASCII.
    public var address: String
    /// The display name; may hold any characters, sent as RFC 2047 encoded words when not plain ASCII.
    public var name: String?

    /// A mailbox, checking the address.
    ///
    /// - Throws: ``MailError/invalidAddress(_:reason:)`` for an address that is not `local@domain` in
    ///   printable ASCII without spaces, brackets or line breaks.
    public init(_ address: String, name: String? = nil) throws(MailError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), address.count <= 254
        else {
            throw .invalidAddress(address, reason: "an address such as anna@example.com")
        }
        guard
            address.unicodeScalars.allSatisfy({
                $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0)
            })
        else {
            throw .invalidAddress(address, reason: "printable ASCII without spaces, brackets, quotes or commas")
        }
        self.address = address
        let trimmed = name?.trimmingCharacters(in: .whitespaces)
        self.name = trimmed?.isEmpty == false ? trimmed : nil
    }

    /// Reads `Name <address>` or a bare `address`.
    ///
    /// - Throws: ``MailError/invalidAddress(_:reason:)`` naming what is wrong.
    public init(parsing text: String) throws(MailError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">") else {
                throw .invalidAddress(text, reason: "Name <address>, with the address between < and >")
            }
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            try self.init(address, name: name)
        } else {
            try self.init(trimmed)
        }
    }

    /// `Name <address>` or `address`, as a person writes it.
    public var description: String { name.map { "\($0) <\(address)>" } ?? address }

    /// The mailbox as a header writes it: the name quoted when plain ASCII, else as encoded words.
    var headerValue: String {
        guard let name else { return address }
        if name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(address)>"
        }
        return MIMEEncoding.encodedWords(name) + " <\(address)>"
    }
}
