import Billing

/// How the documents of one language word subscription lines and tax notes, for files written
/// beside them (the FatturaPA XML carries the words its courtesy copy prints).
///
/// ```swift
/// let wording = templates.wording(language: invoice.customer.locale)
/// wording.line(invoice.lines[0])  // "Webinar Pro, mensile, 5 posti"
/// ```
public struct DocumentWording: Sendable {
    private let builder: ViewModelBuilder

    init(builder: ViewModelBuilder) { self.builder = builder }

    /// A line as the printed document describes it.
    public func line(_ line: InvoiceLine) -> String {
        builder.describe(line.item, fallback: line.description)
    }

    /// The stored tax note as the printed document prints it: one text per note, standard wordings
    /// (reverse charge, stamp duty, sales tax) in the document's language.
    public func taxNotes(_ note: String) -> [String] { builder.taxNotes(note) }
}

extension TemplateSet {
    /// The wording of the documents in `language` (a ``DocumentLanguage`` code; English labels fill
    /// what a language lacks, as in print).
    ///
    /// - Throws: ``DocumentError/labels(file:reason:)`` when the language's labels are wrong.
    public func wording(language: String) throws(DocumentError) -> DocumentWording {
        DocumentWording(builder: ViewModelBuilder(language: language, labels: try labelsForDocument(in: language)))
    }
}
