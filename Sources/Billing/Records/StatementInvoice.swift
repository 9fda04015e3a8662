/// An issued invoice as a statement shows it: its figures, the line it is named after and how many
/// others it has.
///
/// A store reads these from an invoice's columns and, of its lines, the description, item and amount
/// alone (``Statement/build(account:period:from:)``): decoding every invoice whole
/// (customer, terms, every line's period, prices and rates, the tax breakdown) was most of reading a
/// long statement (`docs/performance.md`, read32).
public struct StatementInvoice: Sendable, Hashable {
    /// One line, as far as a statement reads it.
    public struct Line: Sendable, Hashable {
        /// What the line is for, in English.
        public var description: String
        /// The same, as data, for documents to word in their language.
        public var item: LineItem?
        /// The line's amount: negative for a credit.
        public var amount: Money

        /// A line's parts.
        public init(description: String, item: LineItem?, amount: Money) {
            self.description = description
            self.item = item
            self.amount = amount
        }

        /// What a statement reads of `line`.
        public init(_ line: InvoiceLine) {
            self.init(description: line.description, item: line.item, amount: line.amount)
        }
    }

    /// Its number, dates and amount due: all that deciding whether it is still owed reads.
    public var receivable: Receivable
    /// The total with stamp duty: what the statement charges.
    public var grandTotal: Money
    /// The line the statement names it after; `nil` for an invoice without lines.
    public var mainLine: Line?
    /// How many lines it has.
    public var lineCount: Int

    /// An invoice's figures and lines.
    public init(receivable: Receivable, grandTotal: Money, lines: [Line]) {
        self.receivable = receivable
        self.grandTotal = grandTotal
        // Name an invoice after what it charges, not after a credit line that comes first.
        mainLine = lines.first { !$0.amount.isNegative } ?? lines.first
        lineCount = lines.count
    }

    /// What a statement reads of `invoice`; `nil` for a draft.
    public init?(_ invoice: Invoice) {
        guard let receivable = Receivable(invoice) else { return nil }
        self.init(receivable: receivable, grandTotal: invoice.grandTotal, lines: invoice.lines.map(Line.init))
    }
}
