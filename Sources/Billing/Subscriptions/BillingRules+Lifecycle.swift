/// What renewing a subscription up to a date leads to (rule 12).
public struct RenewalOutcome: Sendable, Hashable {
    /// The subscription after renewing, or expired.
    public var subscription: Subscription
    /// One invoice per period renewed, oldest first: its key, issue date and lines.
    public var invoices: [RenewalInvoice]
}

/// The invoice for one renewed period.
public struct RenewalInvoice: Sendable, Hashable {
    /// "SUB-1@2026-12-01": unique per subscription and period.
    public var key: String
    /// The period billed; the invoice is issued on its first day.
    public var period: DatePeriod
    /// The line for the period.
    public var lines: [InvoiceLine]
}

extension BillingRules {
    /// Cancels a subscription: it stays usable until the end of the period, with no refund, then
    /// expires (rule 7).
    ///
    /// - Throws: ``BillingError`` when the actor may not, or it is not active.
    public func cancel(
        _ subscription: Subscription,
        account: Account,
        on date: CalendarDate,
        by actor: Actor
    )
        throws(BillingError) -> Subscription
    {
        try account.authorize(actor, to: .cancel)
        guard subscription.status == .active else {
            throw .invalidState(
                "subscription \(subscription.id) is \(subscription.status.rawValue); only an active one can be cancelled"
            )
        }
        guard subscription.currentPeriod.contains(date) else {
            throw .invalidState(
                "\(date) is outside the current period of \(subscription.id) (\(subscription.currentPeriod))"
            )
        }
        var cancelled = subscription
        cancelled.status = .pendingCancellation
        cancelled.cancelledOn = date
        cancelled.record("cancelled; usable until \(subscription.currentPeriod.lastDay)", on: date, by: actor)
        return cancelled
    }

    /// Withdraws a cancellation before the period ends (rule 7).
    ///
    /// - Throws: ``BillingError`` when the actor may not, it is not pending cancellation, or the period has ended.
    public func withdrawCancellation(
        _ subscription: Subscription,
        account: Account,
        on date: CalendarDate,
        by actor: Actor
    ) throws(BillingError) -> Subscription {
        try account.authorize(actor, to: .cancel)
        guard subscription.status == .pendingCancellation else {
            throw .invalidState("subscription \(subscription.id) is not cancelled")
        }
        guard date < subscription.currentPeriod.end else {
            throw .invalidState(
                "the cancellation of \(subscription.id) took effect on \(subscription.currentPeriod.end); reactivate it instead"
            )
        }
        var active = subscription
        active.status = .active
        active.cancelledOn = nil
        active.record("cancellation withdrawn", on: date, by: actor)
        return active
    }

    /// Renews every period that has ended by `date` (rules 7, 12).
    ///
    /// Each new period gets one invoice; a subscription pending cancellation expires instead. Renewing twice to the same date changes nothing.
    public func renew(
        _ subscription: Subscription,
        account: Account,
        through date: CalendarDate,
        quoted: Quote? = nil
    ) throws(BillingError)
        -> RenewalOutcome
    {
        var current = subscription
        var invoices: [RenewalInvoice] = []
        while current.status != .expired, current.currentPeriod.end <= date {
            let end = current.currentPeriod.end
            if current.status == .pendingCancellation {
                current.status = .expired
                current.expiredOn = end
                current.record("expired at the end of its period", on: end, by: .system)
                break
            }
            current.currentPeriod = current.selection.frequency.period(startingOn: end, anchorDay: current.anchorDay)
            current.record(
                "renewed for \(current.currentPeriod.start) – \(current.currentPeriod.lastDay)",
                on: end,
                by: .system
            )
            if let catalogPrice = try priceAfterTerm(of: quoted, for: current, in: account.currency) {
                current.unitPrice = catalogPrice
                current.record(
                    "the price of quote \(quoted?.id ?? "") ended; \(catalogPrice) a seat from the catalog",
                    on: end,
                    by: .system
                )
            }
            let line = try periodLine(for: current, period: current.currentPeriod, account: account)
            invoices.append(RenewalInvoice(key: "\(current.id)@\(end)", period: current.currentPeriod, lines: [line]))
        }
        return RenewalOutcome(subscription: current, invoices: invoices)
    }

    /// Reactivates an expired subscription at today's catalog price: a new period starts on `date`
    /// and is invoiced (rule 8).
    ///
    /// - Throws: ``BillingError`` when the actor may not, or it has not expired.
    public func reactivate(
        _ subscription: Subscription,
        account: Account,
        on date: CalendarDate,
        by actor: Actor
    )
        throws(BillingError) -> ChangeOutcome
    {
        try account.authorize(actor, to: .reactivate)
        switch subscription.status {
        case .expired: break
        case .pendingCancellation:
            throw .invalidState(
                "subscription \(subscription.id) has not expired yet; withdraw the cancellation instead"
            )
        case .active:
            throw .invalidState("subscription \(subscription.id) is already active")
        }
        guard date >= subscription.currentPeriod.end else {
            throw .invalidState(
                "subscription \(subscription.id) cannot be reactivated before it expired (\(subscription.currentPeriod.end))"
            )
        }
        var active = subscription
        active.status = .active
        active.expiredOn = nil
        active.cancelledOn = nil
        active.unitPrice = try price(of: subscription.selection, in: account.currency)
        active.anchorDay = date.day
        active.currentPeriod = subscription.selection.frequency.period(startingOn: date, anchorDay: date.day)
        active.record("reactivated", on: date, by: actor)
        let line = try periodLine(for: active, period: active.currentPeriod, account: account)
        return ChangeOutcome(
            subscription: active,
            charges: [line],
            invoiceKey: "\(subscription.id)@\(date)",
            invoiceReason: .reactivation,
            credit: nil,
            proration: nil
        )
    }
}
