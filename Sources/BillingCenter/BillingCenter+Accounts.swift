import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// The accounts a user may see, and each account's overview.
extension BillingCenter {
    func addAccountRoutes(to router: Router<BasicRequestContext>) {
        router.get("/accounts") { request, _ in try self.accountsPage(request) }
        router.get("/accounts/{account}") { request, context in
            try self.overviewPage(request, accountID: context.parameters.require("account"))
        }
        router.get("/accounts/{account}/invoices") { request, context in
            try self.invoicesPage(request, accountID: context.parameters.require("account"))
        }
        router.get("/accounts/{account}/documents/{file}") { request, context in
            try self.documentDownload(
                request,
                accountID: context.parameters.require("account"),
                file: context.parameters.require("file")
            )
        }
        router.get("/accounts/{account}/statements") { request, context in
            try self.statementsPage(request, accountID: context.parameters.require("account"))
        }
        router.get("/accounts/{account}/statements/{file}") { request, context in
            try self.statementDownload(
                request,
                accountID: context.parameters.require("account"),
                file: context.parameters.require("file")
            )
        }
        addManageRoutes(to: router)
        addCorporateRoutes(to: router)
        addDeskRoutes(to: router)
        addTaxFormRoutes(to: router)
        addStatementRangeRoutes(to: router)
        addFacturXRoutes(to: router)
        addRunResultRoutes(to: router)
    }

    /// The date balances and statuses are read on: the settings' date, else today by the clock, in UTC.
    var today: CalendarDate {
        settings.today ?? CalendarDate(dayNumber: Int((settings.clock().timeIntervalSince1970 / 86400).rounded(.down)))
    }

    /// The page context of a signed-in request, or `nil` when the browser must sign in first.
    func signedIn(_ request: Request) throws -> PageContext? {
        let context = try pageContext(request)
        return context.session == nil ? nil : context
    }

    /// What an account's tab (Manage, Orders and quotes, Desk) shows: the signed-in user's page, the
    /// account named by the path if they may see it, and the notice `?done=KEY` asks for when `KEY` is
    /// one of `doneKeys` (the label `done-KEY`); `nil` when nobody is signed in.
    func accountTab(
        _ request: Request,
        _ context: BasicRequestContext,
        doneKeys: Set<String>
    ) throws -> (page: PageContext, account: Account, notice: String?)? {
        let accountID = try context.parameters.require("account")
        guard let page = try signedIn(request) else { return nil }
        let account = try visibleAccount(accountID, page.session)
        let done = request.uri.queryParameters["done"].map(String.init)
        let notice = done.flatMap { doneKeys.contains($0) ? label("done-" + $0, page.language) : nil }
        return (page, account, notice)
    }

    /// The account `accountID` if the signed-in user may see it; 404 otherwise, as for one that does not exist.
    func visibleAccount(_ accountID: String, _ session: WebSession?) throws -> Account {
        guard let session, session.user.maySee(account: accountID) else { throw HTTPError(.notFound) }
        do {
            return try store.account(accountID)
        } catch {
            if case .notFound = error { throw HTTPError(.notFound) }
            throw error
        }
    }

    /// The overview of account `accountID` today if the signed-in user may see it; 404 otherwise, as
    /// for one that does not exist.
    private func visibleOverview(_ accountID: String, _ session: WebSession?) throws -> AccountOverview {
        guard let session, session.user.maySee(account: accountID) else { throw HTTPError(.notFound) }
        do {
            return try store.accountOverview(accountID, on: today)
        } catch {
            if case .notFound(let kind, _) = error, kind == "account" { throw HTTPError(.notFound) }
            throw error
        }
    }

    private func accountsPage(_ request: Request) throws -> Response {
        guard let context = try signedIn(request), let session = context.session else {
            return Self.redirect(to: "/sign-in")
        }
        let summaries = try store.accounts().filter { session.user.maySee(account: $0.id) }
        let rows: [TemplateValue] = summaries.map { summary in
            .object([
                "id": .text(summary.id), "name": .text(summary.name),
                "kind": .text(label("kind-" + summary.kind.rawValue, context.language)),
                "contact": .text(summary.billingContact), "href": .text("/accounts/" + Self.pathSegment(summary.id)),
            ])
        }
        return try page("accounts", ["accounts": .list(rows)], context: context)
    }

    private func overviewPage(_ request: Request, accountID: String) throws -> Response {
        guard let context = try signedIn(request) else { return Self.redirect(to: "/sign-in") }
        // One read: the account, its subscriptions, the catalog and the balance the statement closes with.
        let overview = try visibleOverview(accountID, context.session)
        let account = overview.account
        let format = Formatting(language: context.language)
        let catalog = overview.catalog
        let subscriptions: [TemplateValue] = overview.subscriptions.map { subscription in
            let product = try? catalog.product(subscription.selection.productID)
            let tier = try? product?.tier(subscription.selection.tierID)
            return .object([
                "id": .text(subscription.id),
                "plan": .text([product?.name, tier?.name].compactMap { $0 }.joined(separator: " — ")),
                "seats": .number(Int64(subscription.selection.seats)),
                "frequency": .text(label("frequency-" + subscription.selection.frequency.rawValue, context.language)),
                "period": .text(format.period(subscription.currentPeriod)),
                "nextBilling": .text(subscription.nextBillingDate.map(format.date) ?? "—"),
                "price": .text(format.money(subscription.periodPrice)),
                "status": .text(label("subscription-" + subscription.status.rawValue, context.language)),
            ])
        }
        let balance = overview.balance
        return try page(
            "overview",
            [
                "account": accountValue(account, context: context),
                "subscriptions": .list(subscriptions),
                "balance": .text(format.money(balance.magnitude)),
                "owes": .flag(balance.isPositive),
                "inCredit": .flag(balance.isNegative),
                "paymentMethod": .text(account.paymentMethod?.description ?? label("none", context.language)),
                "contact": .text("\(account.billingContact.name) <\(account.billingContact.email)>"),
                "today": .text(format.date(today)),
            ],
            context: context
        )
    }

    /// What every account page shows of the account: name, id, kind, links to its pages.
    func accountValue(_ account: Account, context: PageContext) -> TemplateValue {
        let base = "/accounts/" + Self.pathSegment(account.id)
        return .object([
            "id": .text(account.id), "name": .text(account.name),
            "kind": .text(label("kind-" + account.kind.rawValue, context.language)),
            "href": .text(base), "invoicesHref": .text(base + "/invoices"),
            "statementsHref": .text(base + "/statements"), "manageHref": .text(base + "/manage"),
            "corporateHref": .text(base + "/corporate"), "deskHref": .text(base + "/desk"),
        ])
    }

    /// `text` safe as one segment of a path.
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._"))) ?? ""
    }
}
