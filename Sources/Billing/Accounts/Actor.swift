import Foundation

/// Who performs an action: every change to an account carries one.
public enum Actor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A person using the account, known by e-mail; the billing contact or another user.
    case user(email: String)
    /// A representative of the vendor (corporate account services, customer service).
    case representative(name: String)
    /// Ledgerprint itself, for scheduled work such as renewals and month-end runs.
    case system

    /// Reads the command-line form: an e-mail address, `rep:NAME` or `system`.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for anything else.
    public init(parsing text: String) throws(BillingError) {
        // Every event of an import names its actor: the common case, ASCII with no space around
        // it, is read without Foundation.
        let isPlain = text.utf8.first.map(Self.isPlainEnd) == true && text.utf8.last.map(Self.isPlainEnd) == true
        let trimmed = isPlain ? text : text.trimmingCharacters(in: .whitespaces)
        if Self.hasRepresentativePrefix(trimmed) {
            let name = String(trimmed.dropFirst(4)).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw .invalidValue(field: "actor", value: text, expected: "rep:NAME with a name after the colon")
            }
            self = .representative(name: name)
        } else if trimmed == "system" {
            self = .system
        } else if Contact.isPlausibleEmail(trimmed) {
            self = .user(email: Contact.lowercased(trimmed))
        } else {
            throw .invalidValue(
                field: "actor",
                value: text,
                expected: "the e-mail of a user of the account, or rep:NAME for a vendor representative"
            )
        }
    }

    /// Whether `byte` can end a text that needs no trimming: ASCII and not a space or tab.
    private static func isPlainEnd(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t")
    }

    /// Whether `text` starts with "rep:" in any case.
    private static func hasRepresentativePrefix(_ text: String) -> Bool {
        var prefix = "rep:".utf8.makeIterator()
        var bytes = text.utf8.makeIterator()
        while let expected = prefix.next() {
            guard let byte = bytes.next(), byte == expected || (expected >= 0x61 && byte | 0x20 == expected) else {
                return false
            }
        }
        return true
    }

    /// Whether this is a vendor representative.
    public var isRepresentative: Bool {
        if case .representative = self { return true }
        return false
    }

    /// The command-line form: the e-mail, `rep:NAME` or `system`.
    public var description: String {
        switch self {
        case .user(let email): return email
        case .representative(let name): return "rep:\(name)"
        case .system: return "system"
        }
    }
}
