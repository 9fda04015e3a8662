/// Everything the quote template prints, already formatted for its language.
public struct QuoteView: Sendable, Hashable, Codable {
    /// What `base.html` prints around the document: language, title, letterhead, page, running header.
    public var frame: DocumentFrameView
    /// The customer.
    public var customer: PartyView
    /// The quote's reference.
    public var number: String
    /// The day it was prepared.
    public var issueDate: String
    /// The last day it can be accepted.
    public var validUntil: String
    /// The subscription it changes.
    public var subscription: String
    /// The representative who prepared it.
    public var preparedBy: String
    /// Open, or the day it was accepted.
    public var status: String
    /// The quoted line.
    public var lines: [LineView]
    /// Subtotal.
    public var subtotal: String
    /// Tax per rate.
    public var taxes: [TaxView]
    /// Total for one period.
    public var total: String
    /// What the subscription is today, for comparison.
    public var currentSelection: String
    /// How long the quoted price holds.
    public var term: String
    /// How the quote is accepted.
    public var acceptance: String
    /// Legal notes about tax.
    public var taxNotes: [String]
}
