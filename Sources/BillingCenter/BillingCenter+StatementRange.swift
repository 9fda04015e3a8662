import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// The values of the statements page's date-range form, and the message for a range it refused.
struct StatementRangeForm {
    /// The first day as typed (YYYY-MM-DD); empty for the default.
    var from = ""
    /// The last day as typed.
    var to = ""
    /// `pdf` or `html`.
    var format = "pdf"
    /// Why the range was refused, in the user's language.
    var message: String?

    /// The form's values for the template: what was typed, else the first of the year and `today`.
    func value(defaultTo today: CalendarDate) -> TemplateValue {
        let yearStart = (try? CalendarDate(year: today.year, month: 1, day: 1)) ?? today
        var fields: [String: TemplateValue] = [
            "from": .text(from.isEmpty ? yearStart.description : from),
            "to": .text(to.isEmpty ? today.description : to),
            "pdf": .flag(format != "html"), "html": .flag(format == "html"),
        ]
        if let message { fields["message"] = .text(message) }
        return .object(fields)
    }
}

/// A statement for any date range: `GET /accounts/ID/statement?from=YYYY-MM-DD&to=YYYY-MM-DD&format=pdf`
/// answers the statement `ledgerprint statement ID --from … --to … --format …` prints — the same
/// period (from the first day to the last, both included), the same date of issue (the last day, or
/// today if that is earlier), the same renderer and templates, so the same bytes.
extension BillingCenter {
    func addStatementRangeRoutes(to router: Router<BasicRequestContext>) {
        router.get("/accounts/{account}/statement") { request, context in
            guard let page = try self.signedIn(request) else { return Self.redirect(to: "/sign-in") }
            let account = try self.visibleAccount(context.parameters.require("account"), page.session)
            return try self.statementForRange(request, page, account: account)
        }
    }

    private func statementForRange(_ request: Request, _ page: PageContext, account: Account) throws -> Response {
        func query(_ name: String) -> String {
            (request.uri.queryParameters[Substring(name)].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        }
        var form = StatementRangeForm(from: query("from"), to: query("to"), format: query("format"))
        if form.format.isEmpty { form.format = "pdf" }
        let period: DatePeriod
        do {
            guard ["pdf", "html"].contains(form.format) else {
                throw Refusal(message: label("statementFormat", page.language))
            }
            guard let from = try? CalendarDate(form.from), let to = try? CalendarDate(form.to) else {
                throw Refusal(message: label("statementDates", page.language))
            }
            guard from <= to else { throw Refusal(message: label("statementFromAfterTo", page.language)) }
            period = try DatePeriod(start: from, end: to.adding(days: 1))
        } catch let refusal as Refusal {
            form.message = refusal.message
            return try statementsPage(page, account: account, range: form, status: .unprocessableContent)
        }
        let statement = try store.statement(ofAccount: account.id, for: period)
        return try rendered(
            .statement(statement, vendor: desk.currentVendor(), issuedOn: min(period.lastDay, today)),
            format: form.format,
            fileName: "statement-\(account.id)-\(period.start)-\(period.lastDay).\(form.format)",
            reference: Self.statementReference(account.id, period),
            accountID: account.id
        )
    }
}
