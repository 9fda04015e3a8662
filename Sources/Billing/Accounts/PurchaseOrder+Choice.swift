/// Which purchase order an invoice is issued against, and how orders are updated, closed and pinned.
extension PurchaseOrder {
    /// Whether invoices dated `date` may be issued against it: within its dates and not closed.
    public func isValid(on date: CalendarDate) -> Bool {
        validity.contains(date) && (closedOn.map { date < $0 } ?? true)
    }

    /// "valid", "closed", "expired" or "not yet valid" on `date`.
    public func state(on date: CalendarDate) -> String {
        if let closedOn, date >= closedOn { return "closed" }
        if date < validity.start { return "not yet valid" }
        return validity.contains(date) ? "valid" : "expired"
    }
}

extension Account {
    /// The purchase order an invoice of `total` dated `date` for `subscriptionID` is issued against.
    ///
    /// Among the orders valid on the date: the one pinned for the subscription, else the account's
    /// default, when it has enough left; with none pinned, the oldest (earliest start, then first
    /// added) whose remaining amount covers the invoice. An order pinned but no longer valid is passed over.
    /// `invoiced` is what was already invoiced, and not voided, against each order, by number.
    ///
    /// - Throws: ``BillingError/purchaseOrder(_:)`` naming every valid order and what remains on it
    ///   when none may take the invoice.
    public func choosePurchaseOrder(
        for total: Money,
        on date: CalendarDate,
        subscriptionID: String?,
        invoiced: [String: Money]
    ) throws(BillingError) -> PurchaseOrder {
        let valid = purchaseOrders.enumerated().filter { $0.element.isValid(on: date) }
            .sorted { ($0.element.validity.start, $0.offset) < ($1.element.validity.start, $1.offset) }
            .map(\.element)
        guard !valid.isEmpty else {
            throw .purchaseOrder(
                "account \(id) has no purchase order valid on \(date); "
                    + "corporate invoices are issued against a PO — add one with the customer's number"
            )
        }
        var remaining: [String: Money] = [:]
        for order in valid {
            remaining[order.number] = try order.remaining(afterInvoicing: invoiced[order.number] ?? .zero(currency))
        }
        func covers(_ order: PurchaseOrder) throws(BillingError) -> Bool {
            try !total.isGreater(than: remaining[order.number] ?? .zero(currency))
        }
        let list = valid.map { "\($0.number) has \(remaining[$0.number] ?? .zero(currency)) left of \($0.cap)" }
            .joined(separator: ", ")
        let pinned =
            valid.first { order in subscriptionID.map { order.pinnedSubscriptions.contains($0) } ?? false }
            .map { ($0, "pinned for \(subscriptionID ?? "")") }
            ?? valid.first { $0.isDefault }.map { ($0, "the default") }
        if let (order, why) = pinned {
            guard try covers(order) else {
                throw .purchaseOrder(
                    "an invoice of \(total) for \(id) exceeds what remains on purchase order \(order.number) (\(why)); "
                        + "valid POs: \(list) — ask the customer to raise the PO, or pin another"
                )
            }
            return order
        }
        for order in valid where try covers(order) { return order }
        throw .purchaseOrder(
            "an invoice of \(total) for \(id) exceeds what remains on every purchase order valid on \(date): "
                + "\(list) — ask the customer to raise a PO or for a new one"
        )
    }

    /// The account with purchase order `number` given a new amount or dates (representatives).
    ///
    /// - Throws: when the order does not exist, the amount is in another currency or below what
    ///   was already invoiced against it, or the actor is not a representative.
    public func updatingPurchaseOrder(
        _ number: String,
        cap: Money?,
        validity: DatePeriod?,
        invoiced: Money,
        by actor: Actor
    ) throws(BillingError) -> Account {
        try authorize(actor, to: .addPurchaseOrder)
        var changed = self
        let index = try changed.purchaseOrderIndex(number)
        if let cap {
            guard cap.currency == currency else { throw .currencyMismatch(currency, cap.currency) }
            guard cap.isPositive, !(try invoiced.isGreater(than: cap)) else {
                throw .invalidValue(
                    field: "PO amount",
                    value: cap.decimalString,
                    expected: "at least what was already invoiced against \(number) (\(invoiced))"
                )
            }
            changed.purchaseOrders[index].cap = cap
        }
        if let validity { changed.purchaseOrders[index].validity = validity }
        return changed
    }

    /// The account with purchase order `number` closed on `date` (representatives).
    public func closingPurchaseOrder(
        _ number: String,
        on date: CalendarDate,
        by actor: Actor
    ) throws(BillingError)
        -> Account
    {
        try authorize(actor, to: .addPurchaseOrder)
        var changed = self
        let index = try changed.purchaseOrderIndex(number)
        if let closed = changed.purchaseOrders[index].closedOn {
            throw .invalidState("purchase order \(number) of \(id) was already closed on \(closed)")
        }
        changed.purchaseOrders[index].closedOn = date
        changed.purchaseOrders[index].isDefault = false
        changed.purchaseOrders[index].pinnedSubscriptions = []
        return changed
    }

    /// The account with `number` pinned for `subscriptionID`, or as the default when `nil`; a `nil`
    /// number unpins (the billing contact or a representative).
    public func pinningPurchaseOrder(
        _ number: String?,
        for subscriptionID: String?,
        by actor: Actor
    )
        throws(BillingError) -> Account
    {
        try authorize(actor, to: .pinPurchaseOrder)
        var changed = self
        if let number {
            let index = try changed.purchaseOrderIndex(number)
            if let closed = changed.purchaseOrders[index].closedOn {
                throw .invalidState("purchase order \(number) of \(id) was closed on \(closed); pin a valid one")
            }
        }
        for index in changed.purchaseOrders.indices {
            let chosen = changed.purchaseOrders[index].number == number
            if let subscriptionID {
                changed.purchaseOrders[index].pinnedSubscriptions.removeAll { $0 == subscriptionID }
                if chosen { changed.purchaseOrders[index].pinnedSubscriptions.append(subscriptionID) }
            } else {
                changed.purchaseOrders[index].isDefault = chosen
            }
        }
        return changed
    }

    private func purchaseOrderIndex(_ number: String) throws(BillingError) -> Int {
        guard let index = purchaseOrders.firstIndex(where: { $0.number == number }) else {
            let known = purchaseOrders.map(\.number).joined(separator: ", ")
            throw .notFound(kind: "purchase order of \(id)", id: known.isEmpty ? number : "\(number) (it has \(known))")
        }
        return index
    }
}
