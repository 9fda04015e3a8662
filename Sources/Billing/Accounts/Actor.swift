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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("rep:") {
            let name = String(trimmed.dropFirst(4)).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw .invalidValue(field: "actor", value: text, expected: "rep:NAME with a name after the colon")
            }
            self = .representative(name: name)
        } else if trimmed == "system" {
            self = .system
        } else if Contact.isPlausibleEmail(trimmed) {
            self = .user(email: trimmed.lowercased())
        } else {
            throw .invalidValue(
                field: "actor",
                value: text,
                expected: "the e-mail of a user of the account, or rep:NAME for a vendor representative"
            )
        }
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
