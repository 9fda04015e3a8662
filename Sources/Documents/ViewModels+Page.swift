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
