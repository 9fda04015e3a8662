/// The one grammar of the ids of records: accounts, subscriptions, documents (2026/0007,
/// NC-2026/0001) and references (payments, purchase orders, quotes, requests).
///
/// An id is 1 to 64 ASCII letters, digits, `-`, `_`, `.` and `/`, starting with a letter or a
/// digit, with no `..` or `//` and not ending in `/`: it can name a file, be printed on a terminal
/// and go into a CSV cell as it is.
public enum RecordID {
    /// The most characters an id may have.
    public static let maximumLength = 64

    /// What an id may be, for messages.
    public static let rule =
        "an id is 1 to 64 letters, digits, '-', '_', '.' or '/', starting with a letter or digit, "
        + "without '..', '//', spaces or control characters"

    /// Checks `text` as an id of `kind` ("account id", "payment reference", …).
    ///
    /// - Throws: ``BillingError/invalidIdentifier(kind:value:reason:)`` saying what is allowed.
    public static func check(_ text: String, kind: String) throws(BillingError) {
        guard isValid(text) else { throw .invalidIdentifier(kind: kind, value: text, reason: rule) }
    }

    /// Whether `text` follows the grammar.
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength, isLetterOrDigit(first), bytes.last != 0x2F
        else { return false }
        for (index, byte) in bytes.enumerated() {
            let allowed = isLetterOrDigit(byte) || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x2F
            guard allowed else { return false }
            if index > 0, byte == 0x2E || byte == 0x2F, bytes[index - 1] == byte { return false }
        }
        return true
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
