import Billing

/// Accounts, subscriptions, quotes, payments and tax-form requests: the actions' work.
extension StoreTransaction {
    func open(_ account: Account, by actor: Actor) throws {
        guard actor.isRepresentative || actor == .system || actor == account.billingContact.actor else {
            throw StoreError.rejected(
                .notAllowed(
                    action: "open account \(account.id)",
                    actor: actor,
                    allowed: "accounts are opened by their billing contact or a vendor representative"
                )
            )
        }
        try AccountID.check(account.id)
        guard try !exists("accounts", account.id) else {
            throw StoreError.duplicate(kind: "account", id: account.id)
        }
        try save(account)
    }

    func purchase(
        _ subscriptionID: String,
        accountID: String,
        _ selection: SubscriptionSelection,
        on date: CalendarDate,
        by actor: Actor
    ) throws -> ApplyResult {
        guard try !exists("subscriptions", subscriptionID) else {
            throw StoreError.duplicate(kind: "subscription", id: subscriptionID)
        }
        let account = try self.account(accountID)
        let outcome = try rules()
            .purchase(id: subscriptionID, account: account, selection: selection, on: date, by: actor)
        return try record(outcome, account: account)
    }

    func context(_ subscriptionID: String) throws -> (Subscription, Account, BillingRules) {
        let subscription = try self.subscription(subscriptionID)
        return (subscription, try account(subscription.accountID), try rules())
    }

    /// Stores a subscription change: the subscription, its invoice (if any) and its credit (if any).
    func record(_ outcome: ChangeOutcome, account: Account) throws -> ApplyResult {
        var outcome = outcome
        if outcome.proration != nil, let key = outcome.invoiceKey ?? outcome.credit.map({ String($0.id.dropFirst(3)) })
        {
            // Changes are numbered per subscription and day, so two changes on one day keep two keys.
            // Keys from "key#" up to "key$" ('$' follows '#'): a range the unique indexes answer,
            // where LIKE would scan every invoice of the store.
            // Stepped in RawSQLite.swift: GRDB's `fetchOne` cost 19 k instructions an imported change.
            let earlier =
                try db.first(
                    """
                    SELECT (SELECT COUNT(*) FROM invoices WHERE key >= ?1 AND key < ?2)
                         + (SELECT COUNT(*) FROM account_credits WHERE id >= 'CR-' || ?1 AND id < 'CR-' || ?2) AS earlier
                    """,
                    [.text(key + "#"), .text(key + "$")]
                ) { row in Int(try row.optionalInt64("earlier") ?? 0) } ?? 0
            let numbered = "\(key)#\(earlier + 1)"
            if outcome.invoiceKey != nil { outcome.invoiceKey = numbered }
            outcome.credit?.id = "CR-\(numbered)"
        }
        var result = ApplyResult(subscription: outcome.subscription)
        try save(outcome.subscription)
        if let credit = outcome.credit {
            try insert(AccountCreditRecord(credit))
            result.credits.append(credit)
        }
        if let key = outcome.invoiceKey, let reason = outcome.invoiceReason, !outcome.charges.isEmpty,
            let invoice = try issueInvoice(
                key: key,
                lines: outcome.charges,
                account: account,
                subscriptionID: outcome.subscription.id,
                reason: reason,
                issueDate: outcome.subscription.currentPeriod.start,
                quoteID: outcome.quoteID
            )
        {
            result.invoices.append(invoice)
        }
        return result
    }

    func renew(_ id: String, through date: CalendarDate) throws -> ApplyResult {
        let (subscription, account, rules) = try context(id)
        let outcome = try rules.renew(
            subscription,
            account: account,
            through: date,
            quoted: account.kind == .corporate ? try acceptedQuote(of: id) : nil
        )
        var result = ApplyResult(subscription: outcome.subscription)
        try save(outcome.subscription)
        for renewal in outcome.invoices {
            if let invoice = try issueInvoice(
                key: renewal.key,
                lines: renewal.lines,
                account: account,
                subscriptionID: id,
                reason: .renewal,
                issueDate: renewal.period.start,
                actedOn: date
            ) {
                result.invoices.append(invoice)
            }
        }
        return result
    }

    func prepareQuote(
        _ quoteID: String,
        _ subscriptionID: String,
        _ selection: SubscriptionSelection,
        _ unitPrice: Money?,
        _ dates: (validUntil: CalendarDate, termEnds: CalendarDate?),
        on date: CalendarDate,
        by actor: Actor
    ) throws {
        guard try !exists("quotes", quoteID) else { throw StoreError.duplicate(kind: "quote", id: quoteID) }
        let subscription = try self.subscription(subscriptionID)
        let account = try self.account(subscription.accountID)
        let quote = try rules().prepareQuote(
            id: quoteID,
            for: subscription,
            account: account,
            selection: selection,
            unitPrice: unitPrice,
            validUntil: dates.validUntil,
            termEnds: dates.termEnds,
            on: date,
            by: actor
        )
        try insert(QuoteRecord(quote))
    }

    func acceptQuote(_ quoteID: String, on date: CalendarDate, by actor: Actor) throws -> ApplyResult {
        let quote = try self.quote(quoteID)
        let subscription = try self.subscription(quote.subscriptionID)
        let account = try self.account(subscription.accountID)
        let (accepted, outcome) = try rules()
            .accept(quote, for: subscription, account: account, on: date, by: actor)
        try save(QuoteRecord(accepted))
        return try record(outcome, account: account)
    }

    func recordPayment(
        id: String,
        accountID: String,
        invoice number: DocumentNumber?,
        amount: Money,
        method: String,
        on date: CalendarDate,
        by actor: Actor
    ) throws {
        try Self.requireVendorSide(actor, "record a payment")
        guard try !exists("payments", id) else { throw StoreError.duplicate(kind: "payment", id: id) }
        let account = try self.account(accountID)
        guard amount.currency == account.currency else {
            throw BillingError.currencyMismatch(account.currency, amount.currency)
        }
        // An amount out of range is refused as such before anything compares it with a balance (D9).
        try amount.checkEntered("payment amount")
        if let number {
            let invoice = try self.invoice(number)
            guard invoice.customer.accountID == accountID else {
                throw StoreError.rejected(
                    .invalidState("invoice \(number) belongs to \(invoice.customer.accountID), not \(accountID)")
                )
            }
            try refuseOverpayment(of: number, amount: amount, reference: id, on: date)
        }
        try insert(
            PaymentRecord(
                try Payment(
                    id: id,
                    accountID: accountID,
                    invoiceNumber: number,
                    amount: amount,
                    receivedOn: date,
                    method: method
                )
            )
        )
    }

    func requestW9(
        _ id: String,
        accountID: String,
        formType: W9FormType,
        details: String,
        on date: CalendarDate,
        by actor: Actor
    ) throws {
        guard try !exists("w9_requests", id) else { throw StoreError.duplicate(kind: "W-9 request", id: id) }
        let account = try self.account(accountID)
        try W9Request.authorizeFiling(by: actor, for: account)
        let request = try W9Request(
            id: id,
            accountID: accountID,
            requester: try requester(actor, of: account),
            formType: formType,
            details: details,
            submittedOn: date
        )
        try insert(W9RequestRecord(request))
    }

    /// The contact who asks for a form: the acting user, or the billing contact when a representative files it.
    private func requester(_ actor: Actor, of account: Account) throws -> Contact {
        if actor.isRepresentative { return account.billingContact }
        if case .user(let email) = actor,
            let contact = ([account.billingContact] + account.users).first(where: { $0.email == email })
        {
            return contact
        }
        throw StoreError.rejected(
            .notAllowed(
                action: "request a tax form for \(account.id)",
                actor: actor,
                allowed: "a user of the account or a vendor representative may"
            )
        )
    }
}

/// The rules for ids that become parts of file names.
enum AccountID {
    static func check(_ id: String) throws {
        let allowed = id.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) }
        guard !id.isEmpty, id.count <= 64, allowed, !id.hasPrefix("."), id.unicodeScalars.allSatisfy(\.isASCII) else {
            throw StoreError.rejected(
                .invalidValue(
                    field: "account id",
                    value: id,
                    expected: "1–64 ASCII letters, digits, '-', '_' or '.', not starting with '.'"
                )
            )
        }
    }
}
