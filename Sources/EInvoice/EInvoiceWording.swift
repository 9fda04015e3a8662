import Billing

/// How a FatturaPA file words its lines and notes: as the printed document does, in the
/// customer's language, so the PDF is a true courtesy copy of the XML.
///
/// The printed documents word subscription lines from structured data (``InvoiceLine/item``) in
/// their language; the stored ``InvoiceLine/description`` is English. The CLI passes the wording of
/// the document's template set (`Documents.DocumentWording`); ``stored`` writes the stored text.
///
/// ```swift
/// let wording = EInvoiceWording(line: { describe($0) }, taxNotes: { [$0] })
/// let file = try FatturaPA.invoice(invoice, vendor: vendor, recipient: nil, wording: wording)
/// ```
public struct EInvoiceWording: Sendable {
    /// The text of one line (`Descrizione`).
    public var line: @Sendable (InvoiceLine) -> String
    /// The printed notes of a stored tax note (one `Causale` each), such as the reverse-charge wording.
    public var taxNotes: @Sendable (String) -> [String]

    /// A wording from the two functions.
    public init(line: @escaping @Sendable (InvoiceLine) -> String, taxNotes: @escaping @Sendable (String) -> [String]) {
        self.line = line
        self.taxNotes = taxNotes
    }

    /// The stored text: each line's English description and each line of the tax note as stored.
    public static let stored = EInvoiceWording(
        line: { $0.description },
        taxNotes: { note in note.split(separator: "\n").map(String.init) }
    )
}
