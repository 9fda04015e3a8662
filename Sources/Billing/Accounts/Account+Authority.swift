/// What an actor asks to do to an account; each is checked by ``Account/authorize(_:to:)``.
public enum BillingAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Buy a new subscription.
    case purchase = "buy a subscription"
    /// Change the plan tier.
    case changeTier = "change the plan"
    /// Move to a lower plan tier.
    case downgradeTier = "move to a lower plan"
    /// Change the number of seats.
    case changeSeats = "change the seats"
    /// Change between monthly and annual billing.
    case changeFrequency = "change the billing frequency"
    /// Cancel a subscription, or withdraw a cancellation.
    case cancel = "cancel a subscription"
    /// Reactivate an expired subscription.
    case reactivate = "reactivate a subscription"
    /// Set the payment method.
    case changePaymentMethod = "change the payment method"
    /// Appoint a new billing contact.
    case changeBillingContact = "change the billing contact"
    /// Prepare a quote for the customer.
    case prepareQuote = "prepare a quote"
    /// Accept a quote.
    case acceptQuote = "accept a quote"
    /// Add a purchase order.
    case addPurchaseOrder = "add a purchase order"
    /// Void an issued invoice with a credit note.
    case voidInvoice = "void an invoice"
    /// Change the account's name, address, language, tax identifiers or users.
    case updateAccount = "update the account details"
    /// Override how the account is taxed (representatives only).
    case changeTaxTreatment = "change the tax treatment"
    /// Choose the purchase order invoices use (`po default`, `subscription change --po`).
    case pinPurchaseOrder = "choose the purchase order invoices use"
}

extension Account {
    /// Whether `actor` is this account's billing contact.
    public func isBillingContact(_ actor: Actor) -> Bool {
        if case .user(let email) = actor { return email.lowercased() == billingContact.email }
        return false
    }

    /// Refuses `actor` unless they may do `action` on this account (rules 4, 9, 10, 11).
    ///
    /// - The billing contact or a vendor representative may buy, change the tier upwards, seats,
    ///   payment method and billing contact, cancel and reactivate.
    /// - Only a representative may move to a lower tier, change a corporate account's frequency,
    ///   prepare quotes, void invoices and change the tax treatment.
    /// - Only the billing contact may accept a quote.
    /// - Throws: ``BillingError/notAllowed(action:actor:allowed:)`` saying who may.
    public func authorize(_ actor: Actor, to action: BillingAction) throws(BillingError) {
        let contact = "the billing contact (\(billingContact.email))"
        switch action {
        case .downgradeTier:
            guard actor.isRepresentative else {
                throw .notAllowed(
                    action: action.rawValue,
                    actor: actor,
                    allowed:
                        "please contact customer service: a vendor representative can move the account to a lower plan"
                )
            }
        case .changeFrequency where kind == .corporate:
            guard actor.isRepresentative else {
                throw .notAllowed(
                    action: action.rawValue,
                    actor: actor,
                    allowed:
                        "corporate accounts are billed annually; ask your account representative to change the frequency"
                )
            }
        case .prepareQuote, .voidInvoice, .addPurchaseOrder, .changeTaxTreatment:
            guard actor.isRepresentative else {
                throw .notAllowed(action: action.rawValue, actor: actor, allowed: "only a vendor representative may")
            }
        case .acceptQuote:
            guard isBillingContact(actor) else {
                throw .notAllowed(action: action.rawValue, actor: actor, allowed: "only \(contact) may")
            }
        default:
            guard isBillingContact(actor) || actor.isRepresentative else {
                throw .notAllowed(
                    action: action.rawValue,
                    actor: actor,
                    allowed: "only \(contact) or a vendor representative may"
                )
            }
        }
    }
}
