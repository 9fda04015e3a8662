import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// The Desk's partial credit notes and payments on account: a representative credits one line or an
/// amount of an issued invoice, as `ledgerprint invoices credit N --line K|--amount X --reason R`, and
/// records money received without naming an invoice, as `ledgerprint payments record ACCOUNT` without
/// `--invoice`. The same store actions, with the representative as actor.
extension BillingCenter {
    func addDeskCreditRoutes(to router: Router<BasicRequestContext>) {
        router.post("/accounts/{account}/invoices/credit") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .desk) {
                try self.creditInvoice($0)
            }
        }
        router.post("/accounts/{account}/payments-on-account") { request, context in
            try await self.changing(request, accountID: context.parameters.require("account"), answeredOn: .desk) {
                try self.recordPaymentOnAccount($0)
            }
        }
    }

    /// What `?done=` may name on the Desk for these forms.
    static let deskCreditDoneKeys: Set<String> = ["credit-note-issued", "payment-on-account-recorded"]

    /// The account's invoices a credit note may still take something from, newest first: each with
    /// its lines (1 for the first, as `invoices show` numbers them; a line already credited names its
    /// credit note) and what is left to credit.
    func creditableInvoices(_ account: Account, _ format: Formatting) throws -> [TemplateValue] {
        let notes = try store.creditNotes().filter { $0.customer.accountID == account.id }
        return try store.invoices(accountID: account.id).reversed().compactMap { invoice in
            guard let number = invoice.number else { return nil }
            let mine = notes.filter { $0.invoiceNumber == number }
            let left = CreditNote.uncredited(invoice, after: mine)
            guard left.isPositive else { return nil }
            let lines: [TemplateValue] = invoice.lines.enumerated().compactMap { offset, line in
                guard line.amount.isPositive else { return nil }
                let credited = mine.first { $0.creditedLine == offset + 1 }?.number?.description
                return .object([
                    "index": .number(Int64(offset + 1)), "description": .text(line.description),
                    "amount": .text(format.money(line.amount)),
                    "credited": credited.map(TemplateValue.text) ?? .null,
                ])
            }
            return .object([
                "number": .text(number.description), "date": .text(format.date(invoice.issueDate)),
                "total": .text(format.money(invoice.grandTotal)), "left": .text(format.money(left)),
                "lines": .list(lines),
            ])
        }
    }

    /// The account's balance today as its statement closes it: what it owes, or (negative) what is in
    /// its favour.
    func balanceToday(_ account: Account) throws -> Money {
        try store.statement(ofAccount: account.id, for: DatePeriod(start: today, end: today.adding(days: 1)))
            .closingBalance
    }

    /// `POST /accounts/ID/invoices/credit`: `invoice`, `line` (K, or `amount` with the field `amount`),
    /// `reason`, by a representative, as `ledgerprint invoices credit N --line K|--amount X --reason R`.
    private func creditInvoice(_ change: ChangeRequest) throws -> Response {
        try requireRepresentative(change)
        let number = try invoiceNumber(change)
        let language = change.page.language
        let reason = (change.fields["reason"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw Refusal(message: label("reasonMissing", language)) }
        let chosen = (change.fields["line"] ?? "").trimmingCharacters(in: .whitespaces)
        let scope: CreditScope
        if chosen == "amount" {
            let amount = (change.fields["amount"] ?? "").trimmingCharacters(in: .whitespaces)
            scope = .amount(try Money(decimal: amount, currency: change.account.currency))
        } else if let line = Int(chosen), line > 0 {
            scope = .line(line)
        } else {
            throw Refusal(message: label("creditChoose", language))
        }
        try perform(.creditInvoice(invoice: .number(number), scope: scope, reason: reason), by: change.user)
        return done(change.account, "credit-note-issued", on: .desk)
    }

    /// `POST /accounts/ID/payments-on-account`: `amount`, `reference`, `method`, by a representative, as
    /// `ledgerprint payments record ACCOUNT --amount A --reference R --method M` (no `--invoice`): the
    /// statement uses it for the oldest open invoices, and what is left is in the account's favour.
    private func recordPaymentOnAccount(_ change: ChangeRequest) throws -> Response {
        try requireRepresentative(change)
        let (reference, amount, method) = try moneyFields(change)
        try perform(
            .recordPayment(
                paymentID: reference,
                accountID: change.account.id,
                invoice: nil,
                amount: amount,
                method: method
            ),
            by: change.user
        )
        return done(change.account, "payment-on-account-recorded", on: .desk)
    }
}
