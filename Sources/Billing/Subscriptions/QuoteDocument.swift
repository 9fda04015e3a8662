/// A quote as its document prints it: the quote, the customer, the quoted line and its totals.
public struct QuoteDocument: Sendable, Hashable {
    /// The quote.
    public var quote: Quote
    /// The customer, as the account is now.
    public var customer: CustomerDetails
    /// The subscription's selection and price before the quote.
    public var current: SubscriptionSelection
    /// One line: the quoted tier, seats and frequency at the quoted price, for one period.
    public var lines: [InvoiceLine]
    /// Subtotal, tax at the account's rate, total for one period.
    public var totals: DocumentTotals
}

extension BillingRules {
    /// The document of `quote` for `account`, whose subscription is `subscription`.
    ///
    /// - Throws: ``BillingError`` when the quoted product or tier is no longer in the catalog.
    public func document(
        for quote: Quote,
        subscription: Subscription,
        account: Account
    ) throws(BillingError) -> QuoteDocument {
        var line = try InvoiceLine.charge(
            describe(quote.selection),
            period: nil,
            quantity: quote.selection.seats,
            unitPrice: quote.unitPrice,
            taxRate: account.taxTreatment.rate
        )
        line.item = try item(.period, quote.selection)
        return QuoteDocument(
            quote: quote,
            customer: CustomerDetails(account),
            current: subscription.selection,
            lines: [line],
            totals: try DocumentTotals(lines: [line], currency: quote.unitPrice.currency)
        )
    }
}
