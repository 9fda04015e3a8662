import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// *Desk*: a representative records a payment for an invoice — all of what is left, a part, or more
/// with the rest kept as account credit —, refunds account credit and voids an invoice with a credit
/// note, as `ledgerprint payments record [--allow-overpayment]`, `payments refund` and
/// `ledgerprint invoices void` do. Only representatives
/// see the tab; anyone else who may see the account is answered 403.
extension BillingCenter {
    func addDeskRoutes(to router: Router<BasicRequestContext>) {
        router.get("/accounts/{account}/desk") { request, context in
            guard let tab = try self.accountTab(request, context, doneKeys: Self.deskDoneKeys) else {
                return Self.redirect(to: "/sign-in")
            }
            return try self.deskPage(tab.page, account: tab.account, notice: tab.notice)
        }
        router.post("/accounts/{account}/payments") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .desk) {
                try self.recordPayment($0)
            }
        }
        router.post("/accounts/{account}/refunds") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .desk) {
                try self.refundCredit($0)
            }
        }
        router.post("/accounts/{account}/invoices/void") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .desk) {
                try self.voidInvoice($0)
            }
        }
        addDeskCreditRoutes(to: router)
    }

    /// What `?done=` may name on this page.
    static let deskDoneKeys: Set<String> = Set([
        "payment-recorded", "invoice-voided", "overpayment-recorded", "credit-refunded",
    ]).union(deskCreditDoneKeys)

    /// The account's invoices that are not void, each with a payment form and a void form.
    func deskPage(
        _ page: PageContext,
        account: Account,
        message: String? = nil,
        notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        if let refusal = try representativesOnly(page) { return refusal }
        let format = Formatting(language: page.language)
        let inputs = try store.ledgerInputs(ofAccount: account.id, before: today.adding(days: 1))
        let standings = try inputs.standings(asOf: today)
        let credit = Self.unusedCredit(inputs, currency: account.currency)
        let balance = try balanceToday(account)
        let byNumber = Dictionary(standings.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let invoices: [TemplateValue] = try store.invoices(accountID: account.id).reversed().compactMap { invoice in
            guard let number = invoice.number, let standing = byNumber[number], standing.status != .void else {
                return nil
            }
            return .object([
                "number": .text(number.description), "date": .text(format.date(invoice.issueDate)),
                "total": .text(format.money(invoice.grandTotal)), "balance": .text(format.money(standing.balance)),
                "balanceValue": .text(standing.balance.decimalString),
                "open": .flag(standing.balance.isPositive),
                "status": .text(statusLabel(standing, page.language)),
                "statusClass": .text(standing.status.rawValue),
            ])
        }
        var values: [String: TemplateValue] = [
            "account": accountValue(account, context: page), "invoices": .list(invoices),
            "base": .text("/accounts/" + Self.pathSegment(account.id)),
            "currency": .text(account.currency.code),
            "credit": .text(format.money(credit)), "creditValue": .text(credit.decimalString),
            "hasCredit": .flag(credit.isPositive),
            "creditable": .list(try creditableInvoices(account, format)),
            "balance": .text(format.money(balance.magnitude)), "inCredit": .flag(balance.isNegative),
            "today": .text(format.date(today)),
            "csrf": .text(page.sessionToken.map(Secrets.csrfToken) ?? ""),
        ]
        if let message { values["message"] = .text(message) }
        if let notice { values["notice"] = .text(notice) }
        return try self.page("desk", values, context: page, status: status)
    }

    /// The invoice's status in `language`; an overdue invoice that is partly paid says both.
    func statusLabel(_ standing: InvoiceStanding, _ language: String) -> String {
        let partly = standing.status == .overdue && standing.balance.minorUnits < standing.amountDueAtIssue.minorUnits
        return label("status-" + standing.status.rawValue + (partly ? "-partly-paid" : ""), language)
    }

    /// The account's issued invoice numbered `text` (as printed, `2026/0007`); 404 for another's or none.
    func invoiceNumber(_ change: ChangeRequest) throws -> DocumentNumber {
        let text = (change.fields["invoice"] ?? "").trimmingCharacters(in: .whitespaces)
        guard
            let number = try store.invoices(accountID: change.account.id).compactMap(\.number).first(where: {
                $0.description == text
            })
        else { throw HTTPError(.notFound) }
        return number
    }

    /// `POST /accounts/ID/payments`: `invoice`, `amount`, `reference`, `method`, by a representative,
    /// as `ledgerprint payments record ACCOUNT --invoice N --amount A --reference R --method M`.
    private func recordPayment(_ change: ChangeRequest) throws -> Response {
        try requireRepresentative(change)
        let number = try invoiceNumber(change)
        let reference = (change.fields["reference"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty else { throw Refusal(message: label("referenceMissing", change.page.language)) }
        let given = (change.fields["method"] ?? "").trimmingCharacters(in: .whitespaces)
        let amount = try Money(
            decimal: (change.fields["amount"] ?? "").trimmingCharacters(in: .whitespaces),
            currency: change.account.currency
        )
        let method = given.isEmpty ? "Bank transfer" : given
        let overpay = change.fields["overpay"] == "yes"
        try perform(
            overpay
                ? .recordOverpayment(
                    paymentID: reference,
                    accountID: change.account.id,
                    invoice: .number(number),
                    amount: amount,
                    method: method
                )
                : .recordPayment(
                    paymentID: reference,
                    accountID: change.account.id,
                    invoice: .number(number),
                    amount: amount,
                    method: method
                ),
            by: change.user
        )
        return done(change.account, overpay ? "overpayment-recorded" : "payment-recorded", on: .desk)
    }

    /// `POST /accounts/ID/refunds`: `amount`, `reference`, `method`, by a representative, as
    /// `ledgerprint payments refund ACCOUNT --amount A --reference R --method M`; the store refuses more
    /// than the unused credit.
    private func refundCredit(_ change: ChangeRequest) throws -> Response {
        try requireRepresentative(change)
        let (reference, amount, method) = try moneyFields(change)
        try perform(
            .refundCredit(refundID: reference, accountID: change.account.id, amount: amount, method: method),
            by: change.user
        )
        return done(change.account, "credit-refunded", on: .desk)
    }

    /// Account credit the next invoices would use, as the store counts it when it applies or refunds
    /// credit: credits granted and what credit notes credited beyond their invoice, less what invoices
    /// applied and what was refunded.
    static func unusedCredit(_ inputs: LedgerInputs, currency: Currency) -> Money {
        let granted =
            inputs.credits.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
            + inputs.creditNotes.reduce(Int64(0)) { $0 + $1.accountCreditAmount.minorUnits }
        let used =
            inputs.invoices.reduce(Int64(0)) { $0 + $1.balanceApplied.minorUnits }
            + inputs.refunds.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        return Money(minorUnits: max(0, granted - used), currency: currency)
    }

    /// `POST /accounts/ID/invoices/void`: `invoice`, `reason`, by a representative, as
    /// `ledgerprint invoices void N --reason R`: a credit note for the whole invoice.
    private func voidInvoice(_ change: ChangeRequest) throws -> Response {
        try requireRepresentative(change)
        let number = try invoiceNumber(change)
        let reason = (change.fields["reason"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw Refusal(message: label("reasonMissing", change.page.language)) }
        try perform(.voidInvoice(invoice: .number(number), reason: reason), by: change.user)
        return done(change.account, "invoice-voided", on: .desk)
    }

    /// The 403 page for a signed-in user who is not a representative, or `nil` for a representative:
    /// the Desk, the tax-form queue and the run results are corporate account services' pages.
    func representativesOnly(_ page: PageContext) throws -> Response? {
        guard page.session?.user.role != .representative else { return nil }
        return try self.page(
            "error",
            ["status": .number(403), "message": .text(label("onlyRepresentative", page.language))],
            context: page,
            status: .forbidden
        )
    }

    /// The fields of a form that moves money on the Desk (a payment on account, a refund): the
    /// reference (required), the amount in the account's currency, and the method ("Bank transfer"
    /// when none is given, as the CLI's `--method` defaults).
    func moneyFields(_ change: ChangeRequest) throws -> (reference: String, amount: Money, method: String) {
        let reference = (change.fields["reference"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty else { throw Refusal(message: label("referenceMissing", change.page.language)) }
        let method = (change.fields["method"] ?? "").trimmingCharacters(in: .whitespaces)
        let amount = try Money(
            decimal: (change.fields["amount"] ?? "").trimmingCharacters(in: .whitespaces),
            currency: change.account.currency
        )
        return (reference, amount, method.isEmpty ? "Bank transfer" : method)
    }
}
