import Billing

/// Payments against an invoice's balance: a payment that would pay an invoice twice is refused, or,
/// when the payer's overpayment is accepted, its excess becomes account credit.
extension StoreTransaction {
    /// The standing of invoice `number` on `date`, counting every payment and credit note recorded,
    /// even one dated later (a payment entered late must not let another pay the invoice twice).
    func standing(of number: DocumentNumber, on date: CalendarDate) throws -> InvoiceStanding? {
        let invoice = try self.invoice(number)
        let last = try db.first(
            """
            SELECT MAX(d) AS last FROM (SELECT MAX(received_on) AS d FROM payments WHERE account_id = ?1
                                UNION ALL SELECT MAX(issue_date) FROM credit_notes WHERE account_id = ?1) AS dates
            """,
            [.text(invoice.customer.accountID)]
        ) { try $0.optionalText("last") }?.flatMap { try? CalendarDate($0) }
        let asOf = max(date, invoice.issueDate, last ?? date)
        let inputs = try Self.ledgerInputs(invoice.customer.accountID, before: asOf.adding(days: 1), db)
        return try inputs.standings(asOf: asOf).first { $0.number == number }
    }

    /// Refuses a payment of `amount` for invoice `number` that is more than what is left to pay on it.
    func refuseOverpayment(of number: DocumentNumber, amount: Money, reference: String, on date: CalendarDate) throws {
        guard let standing = try standing(of: number, on: date), try amount.isGreater(than: standing.balance) else {
            return
        }
        throw StoreError.rejected(
            .invalidState(Self.overpaymentMessage(standing, amount: amount, reference: reference))
        )
    }

    /// What the user reads when a payment would pay an invoice twice.
    static func overpaymentMessage(_ standing: InvoiceStanding, amount: Money, reference: String) -> String {
        let settled = standing.settlements.filter { $0.kind != .accountCredit }.map { settlement in
            let what = settlement.kind == .creditNote ? "credit note" : "payment"
            return "\(what) \(settlement.reference) of \(settlement.amount) on \(settlement.date)"
        }
        let state =
            standing.status == .void
            ? "is void" : "has \(standing.balance) left to pay of \(standing.amountDueAtIssue)"
        let history = settled.isEmpty ? "" : " (\(settled.joined(separator: "; ")))"
        return "payment \(reference) of \(amount) would pay invoice \(standing.number) twice: it \(state)\(history); "
            + "check it is not a duplicate, or record it with --allow-overpayment to keep the excess as account credit"
    }

    /// Records a payment that may pay more than the invoice's balance: the part up to the balance pays
    /// the invoice, the rest is account credit (`CR-OVERPAY-<reference>`) that the account's next
    /// invoices use.
    func recordOverpayment(
        _ id: String,
        _ accountID: String,
        _ number: DocumentNumber,
        _ amount: Money,
        _ method: String,
        on date: CalendarDate,
        by actor: Actor
    ) throws {
        try Self.requireVendorSide(actor, "record a payment")
        let creditID = "CR-OVERPAY-\(id)"
        guard try !exists("payments", id), try !exists("account_credits", creditID) else {
            throw StoreError.duplicate(kind: "payment", id: id)
        }
        let account = try self.account(accountID)
        guard amount.currency == account.currency else {
            throw BillingError.currencyMismatch(account.currency, amount.currency)
        }
        guard amount.isPositive else {
            throw BillingError.invalidValue(
                field: "payment amount",
                value: amount.decimalString,
                expected: "an amount above zero"
            )
        }
        let invoice = try self.invoice(number)
        guard invoice.customer.accountID == accountID else {
            throw StoreError.rejected(
                .invalidState("invoice \(number) belongs to \(invoice.customer.accountID), not \(accountID)")
            )
        }
        let balance = try standing(of: number, on: date)?.balance ?? invoice.amountDue
        let paying = try amount.minimum(balance)
        if paying.isPositive {
            let payment = try Payment(
                id: id,
                accountID: accountID,
                invoiceNumber: number,
                amount: paying,
                receivedOn: date,
                method: method
            )
            try insert(PaymentRecord(payment))
        }
        let excess = try amount.minus(paying)
        guard excess.isPositive else { return }
        let credit = AccountCredit(
            id: creditID,
            accountID: accountID,
            date: date,
            description: "Overpayment \(id) for invoice \(number) — \(method): kept as account credit",
            lines: [],
            amount: excess
        )
        try insert(AccountCreditRecord(credit))
    }
}
