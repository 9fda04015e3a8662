extension Quote {
    /// Whether the quote's price holds for `subscription` on `date`: it was accepted for it by
    /// then, its term has not ended, and the subscription is still on the quoted product, tier
    /// and frequency (a representative moving it to another ends the quote's price).
    public func holdsPrice(for subscription: Subscription, on date: CalendarDate) -> Bool {
        guard status == .accepted, let acceptedOn, acceptedOn <= date, subscriptionID == subscription.id else {
            return false
        }
        if let termEnds, date >= termEnds { return false }
        return covers(subscription.selection)
    }

    /// Whether `selection` is of the quoted product, tier and frequency (seats may differ).
    public func covers(_ selection: SubscriptionSelection) -> Bool {
        selection.productID == self.selection.productID && selection.tierID == self.selection.tierID
            && selection.frequency == self.selection.frequency
    }
}

extension BillingRules {
    /// The catalog's price for a renewal that starts after `quoted`'s term: the quoted price ends
    /// with the term; `nil` while it holds, or when the subscription is not at the quoted price.
    func priceAfterTerm(
        of quoted: Quote?,
        for subscription: Subscription,
        in currency: Currency
    ) throws(BillingError) -> Money? {
        guard let quoted, quoted.status == .accepted, quoted.subscriptionID == subscription.id,
            let termEnds = quoted.termEnds, subscription.currentPeriod.start >= termEnds,
            subscription.unitPrice == quoted.unitPrice, quoted.covers(subscription.selection)
        else { return nil }
        return try price(of: subscription.selection, in: currency)
    }
}
