import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// Changing a subscription on the web: tier, seats and frequency with a preview of the proration
/// and the invoice first, then confirmed; cancelling at period end, withdrawing the cancellation,
/// and reactivating (also previewed: it issues an invoice).
extension BillingCenter {
    /// `POST …/subscriptions/ID/change|cancel|withdraw-cancel|reactivate`.
    func subscriptionForm(_ change: ChangeRequest, subscriptionID: String, operation: String) throws -> Response {
        let subscription: Subscription
        do {
            subscription = try store.subscription(subscriptionID)
        } catch {
            if case .notFound = error { throw HTTPError(.notFound) }
            throw error
        }
        // Another account's subscription under this account's address is as absent as an unknown one.
        guard subscription.accountID == change.account.id else { throw HTTPError(.notFound) }
        let confirmed = change.fields["confirm"] == "yes"
        switch operation {
        case "change":
            let selection = try selection(from: change, current: subscription)
            let action = StoreAction.change(subscriptionID: subscription.id, selection: selection)
            guard confirmed else {
                return try previewPage(change, subscription: subscription, action: action, operation: operation)
            }
            try perform(action, by: change.user)
            return done(change.account, "changed")
        case "reactivate":
            let action = StoreAction.reactivate(subscriptionID: subscription.id)
            guard confirmed else {
                return try previewPage(change, subscription: subscription, action: action, operation: operation)
            }
            try perform(action, by: change.user)
            return done(change.account, "reactivated")
        case "cancel":
            try perform(.cancel(subscriptionID: subscription.id), by: change.user)
            return done(change.account, "cancelled")
        case "withdraw-cancel":
            try perform(.withdrawCancellation(subscriptionID: subscription.id), by: change.user)
            return done(change.account, "withdrawn")
        default:
            throw HTTPError(.notFound)
        }
    }

    /// The selection the change form asks for: the current one with the tier, seats and frequency sent.
    private func selection(from change: ChangeRequest, current: Subscription) throws -> SubscriptionSelection {
        let language = change.page.language
        var selection = current.selection
        if let tier = change.fields["tier"], !tier.isEmpty { selection.tierID = tier }
        if let text = change.fields["seats"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let seats = Int(text), seats > 0 else { throw Refusal(message: label("seatsInvalid", language)) }
            selection.seats = seats
        }
        if let text = change.fields["frequency"], !text.isEmpty {
            guard let frequency = BillingFrequency(rawValue: text) else {
                throw Refusal(message: label("frequencyInvalid", language))
            }
            selection.frequency = frequency
        }
        guard selection != current.selection else { throw Refusal(message: label("nothingToChange", language)) }
        return selection
    }

    /// What `action` would do — the subscription after it, the credit for unused time, the invoice
    /// with its lines, taxes and amount due — computed by the store's preview as the CLI's
    /// `--preview`, with a form that confirms it.
    private func previewPage(
        _ change: ChangeRequest,
        subscription: Subscription,
        action: StoreAction,
        operation: String
    ) throws -> Response {
        let result = try perform(action, by: change.user, preview: true)
        let format = Formatting(language: change.page.language)
        let catalog = try store.catalog()
        var values: [String: TemplateValue] = [
            "account": accountValue(change.account, context: change.page),
            "subscriptionID": .text(subscription.id), "tabManage": .flag(true),
            "action": .text(
                "/accounts/" + Self.pathSegment(change.account.id) + "/subscriptions/"
                    + Self.pathSegment(subscription.id) + "/" + operation
            ),
            "manageHref": .text("/accounts/" + Self.pathSegment(change.account.id) + "/manage"),
            "csrf": .text(change.page.sessionToken.map(Secrets.csrfToken) ?? ""),
            "fields": .list(
                ["tier", "seats", "frequency"].compactMap { name in
                    change.fields[name].map { .object(["name": .text(name), "value": .text($0)]) }
                }
            ),
        ]
        if let after = result.subscription {
            let product = try? catalog.product(after.selection.productID)
            let tierName = (try? product?.tier(after.selection.tierID))?.name
            values["after"] = .object([
                "plan": .text([product?.name, tierName].compactMap { $0 }.joined(separator: " — ")),
                "seats": .number(Int64(after.selection.seats)),
                "frequency": .text(label("frequency-" + after.selection.frequency.rawValue, change.page.language)),
                "period": .text(format.period(after.currentPeriod)),
                "price": .text(format.money(after.periodPrice)),
            ])
        }
        values["credits"] = .list(
            result.credits.map { credit in
                .object([
                    "lines": .list(credit.lines.map { lineValue($0, format) }),
                    "amount": .text(format.money(credit.amount)),
                ])
            }
        )
        values["invoices"] = .list(
            result.invoices.map { invoice in
                .object([
                    "number": .text(invoice.number?.description ?? ""),
                    "date": .text(format.date(invoice.issueDate)),
                    "lines": .list(invoice.lines.map { lineValue($0, format) }),
                    "taxes": .list(
                        invoice.totals.taxes.filter { $0.rate.basisPoints > 0 }.map { tax in
                            .object([
                                "rate": .text("\(tax.rate)"), "taxable": .text(format.money(tax.taxable)),
                                "tax": .text(format.money(tax.tax)),
                            ])
                        }
                    ),
                    "total": .text(format.money(invoice.grandTotal)),
                    "applied": .text(format.money(invoice.balanceApplied)),
                    "hasApplied": .flag(!invoice.balanceApplied.isZero),
                    "due": .text(format.money(invoice.amountDue)),
                ])
            }
        )
        values["nothingIssued"] = .flag(result.invoices.isEmpty && result.credits.isEmpty)
        return try page("preview", values, context: change.page)
    }

    /// One line of an invoice or a credit as the CLI's preview prints it: quantity × unit price ×
    /// the fraction of the period = amount.
    private func lineValue(_ line: InvoiceLine, _ format: Formatting) -> TemplateValue {
        .object([
            "description": .text(line.description),
            "quantity": .number(Int64(line.quantity)),
            "unitPrice": .text(format.money(line.unitPrice)),
            "fraction": .text(line.fraction == .one ? "" : "\(line.fraction)"),
            "amount": .text(format.money(line.amount)),
        ])
    }
}
