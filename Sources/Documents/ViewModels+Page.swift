/// The page a document is printed on, as `base.html` writes it into the document's own `@page` rule.
public struct PageView: Sendable, Hashable, Codable {
    /// `A4`, or `letter` for accounts in the United States and Canada.
    public var size: String
    /// The CSS `content` of the page-number margin box in the document's language, such as
    /// `"Pagina " counter(page) " di " counter(pages)`, escaped for a `<style>` element.
    public var counter: String
}

/// What every page after the first repeats at its top, so a loose page still says what it belongs to.
public struct RunningHeaderView: Sendable, Hashable, Codable {
    /// The document and its number: "Fattura 2026/0001", "Estratto conto ROSSI-IT".
    public var title: String
    /// The customer's name.
    public var party: String
    /// A period or a date: "01/01/2025 – 27/11/2026".
    public var detail: String
}

/// What `base.html` prints around every document, the same for every kind: the language, the title
/// and heading, the letterhead (logo and vendor), the page and the running header.
///
/// Every document's view model holds one as `frame`; templates see its fields at the top level,
/// beside the document's own (`{{title}}`, `{{vendor.name}}`, `{{page.size}}`), as they always did.
public struct DocumentFrameView: Sendable, Hashable, Codable {
    /// The language code, one of `DocumentLanguage.codes`.
    public var language: String
    /// The document title ("Fattura 2026/0001"), also the PDF's title and first bookmark.
    public var title: String
    /// The big heading ("FATTURA").
    public var heading: String
    /// The logo: the vendor's own (a `data:` URI) or the template folder's `logo.png`.
    public var logo: String
    /// Labels of the language.
    public var labels: [String: String]
    /// The page size and page-number wording.
    public var page: PageView
    /// The header repeated on every page after the first.
    public var running: RunningHeaderView
    /// The vendor, as the letterhead prints it.
    public var vendor: PartyView
}

/// A document's view model: its own fields and the ``DocumentFrameView`` around them.
public protocol FramedView: Encodable {
    /// What `base.html` prints around the document.
    var frame: DocumentFrameView { get }
}

extension InvoiceView: FramedView {}
extension StatementView: FramedView {}
extension W9PacketView: FramedView {}
extension QuoteView: FramedView {}
extension TaxFormView: FramedView {}
extension ReminderView: FramedView {}
