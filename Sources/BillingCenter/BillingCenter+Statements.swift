import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// An account's statements, one per renewal (billing period), numbered from 1 as
/// `ledgerprint statement ACCOUNT --renewal N` numbers them.
extension BillingCenter {
    func statementsPage(_ request: Request, accountID: String) throws -> Response {
        guard let context = try signedIn(request) else { return Self.redirect(to: "/sign-in") }
        return try statementsPage(context, account: try visibleAccount(accountID, context.session))
    }

    /// The statements of `account`, with the date-range form (`range`: its values and, for a range
    /// it refuses, the message).
    func statementsPage(
        _ context: PageContext,
        account: Account,
        range: StatementRangeForm = StatementRangeForm(),
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let format = Formatting(language: context.language)
        let invoices = try store.invoices(accountID: account.id)
        let base = "/accounts/" + Self.pathSegment(account.id) + "/statements/renewal-"
        let rows: [TemplateValue] = try Statement.billingPeriods(invoices).enumerated().reversed().map {
            index,
            period in
            let statement = try store.statement(ofAccount: account.id, for: period)
            let billing = invoices.filter { invoice in invoice.lines.contains { $0.period?.start == period.start } }
            return .object([
                "renewal": .number(Int64(index + 1)), "from": .text(format.date(period.start)),
                "to": .text(format.date(period.lastDay)),
                "invoices": .text(billing.compactMap { $0.number?.description }.joined(separator: ", ")),
                "closing": .text(format.money(statement.closingBalance)),
                "pdf": .text(base + "\(index + 1).pdf"), "html": .text(base + "\(index + 1).html"),
            ])
        }
        return try page(
            "statements",
            [
                "account": accountValue(account, context: context), "statements": .list(rows),
                "none": .flag(rows.isEmpty), "range": range.value(defaultTo: today),
                "rangeHref": .text("/accounts/" + Self.pathSegment(account.id) + "/statement"),
            ],
            context: context,
            status: status
        )
    }

    /// `renewal-N.pdf` or `renewal-N.html`: the statement of the Nth billing period; 404 for any other.
    func statementDownload(_ request: Request, accountID: String, file: String) throws -> Response {
        guard let context = try signedIn(request) else { return Self.redirect(to: "/sign-in") }
        let account = try visibleAccount(accountID, context.session)
        guard file.hasPrefix("renewal-"), let dot = file.lastIndex(of: ".") else { throw HTTPError(.notFound) }
        let format = String(file[file.index(after: dot)...])
        guard ["pdf", "html"].contains(format), let renewal = Int(file[file.index(file.startIndex, offsetBy: 8)..<dot])
        else { throw HTTPError(.notFound) }
        let periods = try Statement.billingPeriods(store.invoices(accountID: account.id))
        guard (1...max(1, periods.count)).contains(renewal), renewal <= periods.count else {
            throw HTTPError(.notFound)
        }
        let period = periods[renewal - 1]
        let statement = try store.statement(ofAccount: account.id, for: period)
        let name = "statement-\(account.id)-\(period.start)-\(period.lastDay).\(format)"
        return try rendered(
            .statement(statement, vendor: desk.currentVendor(), issuedOn: min(period.lastDay, today)),
            format: format,
            fileName: name,
            reference: Self.statementReference(account.id, period),
            accountID: account.id
        )
    }
}
