/// How a change is prorated: the days of the current period used and left (rule 2).
public struct Proration: Sendable, Hashable, Codable {
    /// The period the change falls in.
    public var period: DatePeriod
    /// The day the change takes effect.
    public var changeDate: CalendarDate
    /// Days of the period before the change.
    public var usedDays: Int
    /// Days from the change to the end of the period.
    public var remainingDays: Int

    /// remainingDays / period days: the fraction credited or charged.
    public var remainingFraction: Ratio { Ratio(unchecked: Int64(remainingDays), Int64(period.days)) }
}

/// What an action on a subscription leads to.
///
/// It holds the subscription after the action, what to invoice now, and what to credit to the account's balance. Nothing is stored: the store records the outcome,
/// and `--preview` only prints it.
public struct ChangeOutcome: Sendable, Hashable {
    /// The subscription after the action.
    public var subscription: Subscription
    /// Lines to invoice now; empty when nothing is due.
    public var charges: [InvoiceLine]
    /// The invoice's unique key, when there are charges.
    public var invoiceKey: String?
    /// Why the invoice is raised.
    public var invoiceReason: InvoiceReason?
    /// Credit to the account's balance, if any.
    public var credit: AccountCredit?
    /// The proration, for changes within a period.
    public var proration: Proration?
    /// The quote whose price the change is at, named on its invoice.
    public var quoteID: String? = nil

    /// Drafts the invoice for ``charges`` against `account`, if there are any.
    public func invoice(
        for account: Account,
        availableCredit: Money,
        invoicedOnPurchaseOrder: Money
    ) throws(BillingError) -> Invoice? {
        guard let invoiceKey, let invoiceReason, !charges.isEmpty else { return nil }
        var invoice = try Invoice.draft(
            key: invoiceKey,
            lines: charges,
            account: account,
            subscriptionID: subscription.id,
            reason: invoiceReason,
            issueDate: proration?.changeDate ?? subscription.currentPeriod.start,
            availableCredit: availableCredit,
            invoicedOnPurchaseOrder: invoicedOnPurchaseOrder
        )
        invoice.quoteID = quoteID
        return invoice
    }
}
