extension BillingRules {
    /// Changes tier, seats or frequency of an active subscription, effective on `date` (rules 2–6, 9).
    ///
    /// - When the new selection costs more per period, the unused part of the current period is
    ///   credited, a full new period at the new price starts on `date`, the billing date moves to
    ///   `date`, and both lines are invoiced now (rule 5).
    /// - When it costs the same or less at the same frequency, the billing date stays: the unused
    ///   value of the old selection less the remaining value of the new one goes to the account's
    ///   balance as credit (rules 3, 4).
    /// - A move to a cheaper frequency (annual → monthly) credits the unused part of the annual
    ///   period to the balance and starts a new monthly period on `date`, invoiced now; the balance
    ///   pays it first.
    ///
    /// - Parameters:
    ///   - subscription: The subscription, active, with `date` in its current period.
    ///   - account: Its account.
    ///   - selection: The new tier, seats and frequency; the product must stay the same (rule 6).
    ///   - date: The day the change takes effect.
    ///   - actor: Who asks; checked against rules 4, 9 and 10.
    ///   - unitPrice: A negotiated price per seat (from a quote) instead of the catalog's.
    ///   - quoted: The quote last accepted for the subscription: while it holds its price (see
    ///     ``Quote/holdsPrice(for:on:)``), a change of seats keeps that price.
    /// - Returns: The changed subscription, the lines to invoice now and any credit to the balance.
    /// - Throws: ``BillingError`` with the refusal or what is wrong.
    public func change(
        _ subscription: Subscription,
        account: Account,
        to selection: SubscriptionSelection,
        on date: CalendarDate,
        by actor: Actor,
        unitPrice: Money? = nil,
        quoted: Quote? = nil
    ) throws(BillingError) -> ChangeOutcome {
        try checkChangeable(subscription, to: selection, on: date)
        if selection.tierID != subscription.selection.tierID { try catalog.checkOnSale(selection) }
        if unitPrice == nil { try authorize(actor, changing: subscription, to: selection, account: account) }
        guard subscription.currentPeriod.contains(date) else {
            throw .invalidState(
                "\(date) is outside the current period of \(subscription.id) (\(subscription.currentPeriod)); "
                    + "renewals up to that date must be run first"
            )
        }
        var newUnitPrice = try price(of: selection, in: account.currency)
        var keptQuote: Quote?
        if let unitPrice {
            newUnitPrice = unitPrice
        } else if let quoted, quoted.holdsPrice(for: subscription, on: date), quoted.covers(selection) {
            newUnitPrice = quoted.unitPrice
            keptQuote = quoted
        }
        let oldValue = subscription.periodPrice
        let newValue = try newUnitPrice.times(Int64(selection.seats))
        let proration = Proration(
            period: subscription.currentPeriod,
            changeDate: date,
            usedDays: subscription.currentPeriod.start.days(until: date),
            remainingDays: date.days(until: subscription.currentPeriod.end)
        )
        var unused = try InvoiceLine.credit(
            "Unused time on \(describe(subscription.selection))",
            period: try DatePeriod(start: date, end: subscription.currentPeriod.end),
            quantity: subscription.selection.seats,
            unitPrice: subscription.unitPrice,
            fraction: proration.remainingFraction,
            taxRate: taxRate(for: account, productID: subscription.selection.productID)
        )
        unused.item = try item(.unused, subscription.selection)
        var changed = subscription
        changed.selection = selection
        changed.unitPrice = newUnitPrice
        changed.record("changed to \(try describe(selection))", on: date, by: actor)
        let key = "\(subscription.id)@change:\(date)"
        if let keptQuote {
            changed.record(
                "kept the price of quote \(keptQuote.id) (\(keptQuote.unitPrice) a seat)",
                on: date,
                by: actor
            )
        }
        if try newValue.isGreater(than: oldValue) {
            var started = try startingNewPeriod(
                changed,
                on: date,
                after: [unused],
                account: account,
                key: key,
                proration: proration
            )
            started.quoteID = keptQuote?.id
            return started
        }
        if selection.frequency == subscription.selection.frequency {
            var remaining = try InvoiceLine.charge(
                "Remaining time on \(describe(selection))",
                period: try DatePeriod(start: date, end: subscription.currentPeriod.end),
                quantity: selection.seats,
                unitPrice: newUnitPrice,
                fraction: proration.remainingFraction,
                taxRate: taxRate(for: account, productID: selection.productID)
            )
            remaining.item = try item(.remaining, selection)
            let credit = try accountCredit(id: "CR-\(key)", lines: [unused, remaining], account: account, on: date)
            return ChangeOutcome(
                subscription: changed,
                charges: [],
                invoiceKey: nil,
                invoiceReason: nil,
                credit: credit,
                proration: proration
            )
        }
        var outcome = try startingNewPeriod(
            changed,
            on: date,
            after: [],
            account: account,
            key: key,
            proration: proration
        )
        outcome.credit = try accountCredit(id: "CR-\(key)", lines: [unused], account: account, on: date)
        outcome.quoteID = keptQuote?.id
        return outcome
    }

    private func checkChangeable(
        _ subscription: Subscription,
        to selection: SubscriptionSelection,
        on date: CalendarDate
    )
        throws(BillingError)
    {
        switch subscription.status {
        case .active: break
        case .pendingCancellation:
            throw .invalidState(
                "subscription \(subscription.id) is cancelled; withdraw the cancellation before changing it"
            )
        case .expired:
            throw .invalidState("subscription \(subscription.id) has expired; reactivate it before changing it")
        }
        guard selection.productID == subscription.selection.productID else {
            throw .invalidState(
                "products are not exchanged: to switch from \(subscription.selection.productID) to \(selection.productID), "
                    + "cancel subscription \(subscription.id) and buy a new one"
            )
        }
        try checkSeats(selection.seats)
        guard selection != subscription.selection else {
            throw .invalidState("subscription \(subscription.id) already has this tier, seat count and frequency")
        }
    }

    private func authorize(
        _ actor: Actor,
        changing subscription: Subscription,
        to selection: SubscriptionSelection,
        account: Account
    ) throws(BillingError) {
        let product = try catalog.product(selection.productID)
        let oldRank = try product.rank(of: subscription.selection.tierID)
        let newRank = try product.rank(of: selection.tierID)
        if newRank < oldRank { try account.authorize(actor, to: .downgradeTier) }
        if newRank > oldRank { try account.authorize(actor, to: .changeTier) }
        if selection.seats != subscription.selection.seats { try account.authorize(actor, to: .changeSeats) }
        if selection.frequency != subscription.selection.frequency {
            try account.authorize(actor, to: .changeFrequency)
        }
    }

    private func startingNewPeriod(
        _ subscription: Subscription,
        on date: CalendarDate,
        after credits: [InvoiceLine],
        account: Account,
        key: String,
        proration: Proration
    ) throws(BillingError) -> ChangeOutcome {
        var changed = subscription
        changed.anchorDay = date.day
        changed.currentPeriod = changed.selection.frequency.period(startingOn: date, anchorDay: date.day)
        let charge = try periodLine(for: changed, period: changed.currentPeriod, account: account)
        return ChangeOutcome(
            subscription: changed,
            charges: credits + [charge],
            invoiceKey: key,
            invoiceReason: .change,
            credit: nil,
            proration: proration
        )
    }

    /// Credit for `lines` (their total with tax, negated); `nil` when they net to nothing.
    func accountCredit(
        id: String,
        lines: [InvoiceLine],
        account: Account,
        on date: CalendarDate
    ) throws(BillingError)
        -> AccountCredit?
    {
        let totals = try DocumentTotals(lines: lines, currency: account.currency)
        guard totals.total.isNegative else { return nil }
        return AccountCredit(
            id: id,
            accountID: account.id,
            date: date,
            description: lines.map(\.description).joined(separator: "; "),
            lines: lines,
            amount: totals.total.negated
        )
    }
}
