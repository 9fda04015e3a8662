import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// *Orders and quotes*: an account's purchase orders — a representative adds and closes them, as
/// `ledgerprint po add|close` — and its quotes, which the billing contact accepts, as
/// `ledgerprint quote accept`.
extension BillingCenter {
    func addCorporateRoutes(to router: Router<BasicRequestContext>) {
        router.get("/accounts/{account}/corporate") { request, context in
            guard let tab = try self.accountTab(request, context, doneKeys: Self.corporateDoneKeys) else {
                return Self.redirect(to: "/sign-in")
            }
            return try self.corporatePage(tab.page, account: tab.account, notice: tab.notice)
        }
        router.post("/accounts/{account}/purchase-orders") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .corporate) {
                try self.addPurchaseOrder($0)
            }
        }
        router.post("/accounts/{account}/purchase-orders/close") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .corporate) {
                try self.closePurchaseOrder($0)
            }
        }
        router.post("/accounts/{account}/quotes/accept") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .corporate) {
                try self.acceptQuote($0)
            }
        }
    }

    /// What `?done=` may name on this page.
    static let corporateDoneKeys: Set<String> = ["po-added", "po-closed", "quote-accepted"]

    /// The purchase orders and quotes of `account`, with the forms the user may use.
    func corporatePage(
        _ page: PageContext,
        account: Account,
        message: String? = nil,
        notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard let user = page.session?.user else { return Self.redirect(to: "/sign-in") }
        let format = Formatting(language: page.language)
        let catalog = try store.catalog()
        let isRepresentative = user.role == .representative
        let isContact = user.role == .contact && account.isBillingContact(user.actor)
        let invoiced = try store.invoicedOnPurchaseOrders(of: account)
        let orders: [TemplateValue] = try account.purchaseOrders.map { order in
            let state = order.state(on: today)
            let used = invoiced[order.number] ?? .zero(account.currency)
            return .object([
                "number": .text(order.number), "amount": .text(format.money(order.cap)),
                "invoiced": .text(format.money(used)), "remaining": .text(format.money(try order.cap.minus(used))),
                "from": .text(format.date(order.validity.start)), "to": .text(format.date(order.validity.lastDay)),
                "state": .text(label("poState-" + state.replacingOccurrences(of: " ", with: "-"), page.language)),
                "default": .flag(order.isDefault),
                "closable": .flag(isRepresentative && state != "closed" && state != "expired"),
            ])
        }
        let quotes: [TemplateValue] = try store.quotes(ofAccount: account.id).map { quote in
            let product = try? catalog.product(quote.selection.productID)
            let tierName = (try? product?.tier(quote.selection.tierID))?.name
            return .object([
                "id": .text(quote.id), "subscription": .text(quote.subscriptionID),
                "plan": .text([product?.name, tierName].compactMap { $0 }.joined(separator: " — ")),
                "seats": .number(Int64(quote.selection.seats)),
                "frequency": .text(label("frequency-" + quote.selection.frequency.rawValue, page.language)),
                "unitPrice": .text(format.money(quote.unitPrice)),
                "validUntil": .text(format.date(quote.validUntil)),
                "status": .text(label("quote-" + quote.status.rawValue, page.language)),
                "acceptable": .flag(isContact && quote.status == .open && quote.validUntil >= today),
            ])
        }
        var values: [String: TemplateValue] = [
            "account": accountValue(account, context: page),
            "orders": .list(orders), "quotes": .list(quotes),
            "representative": .flag(isRepresentative),
            "base": .text("/accounts/" + Self.pathSegment(account.id)),
            "currency": .text(account.currency.code),
            "csrf": .text(page.sessionToken.map(Secrets.csrfToken) ?? ""),
        ]
        if let message { values["message"] = .text(message) }
        if let notice { values["notice"] = .text(notice) }
        return try self.page("corporate", values, context: page, status: status)
    }

    /// `POST /accounts/ID/purchase-orders`: `number`, `amount`, `from`, `to` (YYYY-MM-DD, `to` the
    /// last valid day), by a representative, as `ledgerprint po add`.
    private func addPurchaseOrder(_ change: ChangeRequest) throws -> Response {
        try requireRepresentative(change)
        func field(_ name: String) -> String { (change.fields[name] ?? "").trimmingCharacters(in: .whitespaces) }
        let order = try PurchaseOrder(
            number: field("number"),
            cap: Money(decimal: field("amount"), currency: change.account.currency),
            validity: DatePeriod(start: CalendarDate(field("from")), end: CalendarDate(field("to")).adding(days: 1))
        )
        try perform(.addPurchaseOrder(accountID: change.account.id, order: order), by: change.user)
        return done(change.account, "po-added", on: .corporate)
    }

    /// `POST /accounts/ID/purchase-orders/close`: `number`, by a representative, as `ledgerprint po close`.
    private func closePurchaseOrder(_ change: ChangeRequest) throws -> Response {
        try requireRepresentative(change)
        let number = change.fields["number"] ?? ""
        guard change.account.purchaseOrders.contains(where: { $0.number == number }) else {
            throw HTTPError(.notFound)
        }
        try perform(.closePurchaseOrder(accountID: change.account.id, number: number), by: change.user)
        return done(change.account, "po-closed", on: .corporate)
    }

    /// `POST /accounts/ID/quotes/accept`: `quote`, by the billing contact, as `ledgerprint quote accept`.
    private func acceptQuote(_ change: ChangeRequest) throws -> Response {
        let id = change.fields["quote"] ?? ""
        // Another account's quote under this account's address is as absent as an unknown one.
        guard try store.quotes(ofAccount: change.account.id).contains(where: { $0.id == id }) else {
            throw HTTPError(.notFound)
        }
        try perform(.acceptQuote(quoteID: id), by: change.user)
        return done(change.account, "quote-accepted", on: .corporate)
    }

    /// Refuses (403) a form from anyone but a representative.
    func requireRepresentative(_ change: ChangeRequest) throws {
        guard change.user.role == .representative else {
            throw Refusal(message: label("onlyRepresentative", change.page.language), status: .forbidden)
        }
    }
}
