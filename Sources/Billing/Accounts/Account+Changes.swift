extension Account {
    /// The account with `contact` as its billing contact.
    ///
    /// It is appointed by the current billing contact or a representative (rule 10). The previous contact stays on as a user.
    ///
    /// - Throws: ``BillingError/notAllowed(action:actor:allowed:)`` for anyone else.
    public func appointingBillingContact(_ contact: Contact, by actor: Actor) throws(BillingError) -> Account {
        try authorize(actor, to: .changeBillingContact)
        guard contact.email != billingContact.email else {
            throw .invalidState("\(contact.email) is already the billing contact of \(id)")
        }
        var changed = self
        changed.users.removeAll { $0.email == contact.email }
        changed.users.append(billingContact)
        changed.billingContact = contact
        return changed
    }

    /// The account paying by `method`, set by the billing contact or a representative (rule 10).
    ///
    /// - Throws: ``BillingError/notAllowed(action:actor:allowed:)`` for anyone else.
    public func settingPaymentMethod(_ method: PaymentMethod, by actor: Actor) throws(BillingError) -> Account {
        try authorize(actor, to: .changePaymentMethod)
        var changed = self
        changed.paymentMethod = method
        return changed
    }

    /// The account with `order` added, by a representative; PO numbers are unique per account.
    ///
    /// - Throws: ``BillingError`` when the actor is not a representative, the currency differs, or the number is taken.
    public func addingPurchaseOrder(_ order: PurchaseOrder, by actor: Actor) throws(BillingError) -> Account {
        try authorize(actor, to: .addPurchaseOrder)
        guard order.cap.currency == currency else { throw .currencyMismatch(currency, order.cap.currency) }
        guard !purchaseOrders.contains(where: { $0.number == order.number }) else {
            throw .invalidState("account \(id) already has purchase order \(order.number)")
        }
        var changed = self
        changed.purchaseOrders.append(order)
        return changed
    }
}
