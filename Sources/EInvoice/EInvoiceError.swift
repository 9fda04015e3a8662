/// An invoice or credit note that cannot be written as a valid e-invoice, with the document and
/// the field that stop it.
public struct EInvoiceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The document's number, such as "2026/0007" or "NC-2026/0001".
    public var document: String
    /// The element or field at fault, such as "CessionarioCommittente/Sede/CAP".
    public var field: String
    /// What is wrong and what would be right.
    public var reason: String

    /// Creates an error.
    public init(document: String, field: String, reason: String) {
        self.document = document
        self.field = field
        self.reason = reason
    }

    /// "FatturaPA of 2026/0007: CessionarioCommittente/Sede/CAP '2012': an Italian CAP has 5 digits".
    public var description: String { "FatturaPA of \(document): \(field): \(reason)" }
}
