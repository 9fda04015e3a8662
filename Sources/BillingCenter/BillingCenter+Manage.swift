import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// The account's *Manage* page: each subscription's change form, cancel, withdraw and reactivate,
/// the payment method and the billing contact — forms for the billing contact and representatives,
/// the same page without forms for the account's other users.
extension BillingCenter {
    func addManageRoutes(to router: Router<BasicRequestContext>) {
        router.get("/accounts/{account}/manage") { request, context in
            guard let tab = try self.accountTab(request, context, doneKeys: Self.doneKeys) else {
                return Self.redirect(to: "/sign-in")
            }
            return try self.managePage(tab.page, account: tab.account, notice: tab.notice)
        }
        router.post("/accounts/{account}/subscriptions/{subscription}/{operation}") { request, context in
            let accountID = try context.parameters.require("account")
            let subscriptionID = try context.parameters.require("subscription")
            let operation = try context.parameters.require("operation")
            return try await self.changing(request, accountID: accountID) { change in
                try self.subscriptionForm(change, subscriptionID: subscriptionID, operation: operation)
            }
        }
        router.post("/accounts/{account}/payment-method") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account")) { change in
                try self.setPaymentMethod(change)
            }
        }
        router.post("/accounts/{account}/billing-contact") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account")) { change in
                try self.appointBillingContact(change)
            }
        }
    }

    /// What `?done=` may name: the labels `done-KEY` say what was done.
    static let doneKeys: Set<String> = ["changed", "cancelled", "withdrawn", "reactivated", "payment", "contact"]

    /// The manage page of `account`, with a `message` (a refusal) or a `notice` (what was done).
    func managePage(
        _ page: PageContext,
        account: Account,
        message: String? = nil,
        notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard let user = page.session?.user else { return Self.redirect(to: "/sign-in") }
        let format = Formatting(language: page.language)
        let catalog = try store.catalog()
        let may = mayChange(account, user)
        let base = "/accounts/" + Self.pathSegment(account.id)
        let subscriptions: [TemplateValue] = try store.subscriptions(ofAccount: account.id).map { subscription in
            let product = try? catalog.product(subscription.selection.productID)
            let tiers: [TemplateValue] = (product?.tiers ?? []).compactMap { tier in
                let current = tier.id == subscription.selection.tierID
                guard current || tier.retired != true else { return nil }
                return .object(["id": .text(tier.id), "name": .text(tier.name), "selected": .flag(current)])
            }
            let frequencies: [TemplateValue] = BillingFrequency.allCases.map { frequency in
                .object([
                    "id": .text(frequency.rawValue),
                    "name": .text(label("frequency-" + frequency.rawValue, page.language)),
                    "selected": .flag(frequency == subscription.selection.frequency),
                ])
            }
            let tierName = (try? product?.tier(subscription.selection.tierID))?.name
            return .object([
                "id": .text(subscription.id),
                "plan": .text([product?.name, tierName].compactMap { $0 }.joined(separator: " — ")),
                "seats": .number(Int64(subscription.selection.seats)),
                "frequency": .text(label("frequency-" + subscription.selection.frequency.rawValue, page.language)),
                "period": .text(format.period(subscription.currentPeriod)),
                "status": .text(label("subscription-" + subscription.status.rawValue, page.language)),
                "tiers": .list(tiers), "frequencies": .list(frequencies),
                "changeable": .flag(may && subscription.status != .expired),
                "cancellable": .flag(may && subscription.status == .active),
                "withdrawable": .flag(may && subscription.status == .pendingCancellation),
                "reactivatable": .flag(may && subscription.status == .expired),
                "action": .text(base + "/subscriptions/" + Self.pathSegment(subscription.id)),
            ])
        }
        var values: [String: TemplateValue] = [
            "account": accountValue(account, context: page),
            "subscriptions": .list(subscriptions),
            "mayChange": .flag(may),
            "paymentMethod": .text(account.paymentMethod?.description ?? label("none", page.language)),
            "contact": .text("\(account.billingContact.name) <\(account.billingContact.email)>"),
            "paymentAction": .text(base + "/payment-method"),
            "contactAction": .text(base + "/billing-contact"),
            "csrf": .text(page.sessionToken.map(Secrets.csrfToken) ?? ""),
        ]
        if let message { values["message"] = .text(message) }
        if let notice { values["notice"] = .text(notice) }
        return try self.page("manage", values, context: page, status: status)
    }
}
