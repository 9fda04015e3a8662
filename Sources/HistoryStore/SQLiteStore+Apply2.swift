import Billing
import GRDB

extension SQLiteStore {
    static func performOnDocuments(_ event: StoreEvent, _ db: Database) throws -> ApplyResult {
        let (date, actor) = (event.date, event.actor)
        switch event.action {
        case .prepareQuote(let quoteID, let subscriptionID, let selection, let unitPrice, let validUntil):
            guard try !exists("quotes", quoteID, db) else { throw StoreError.duplicate(kind: "quote", id: quoteID) }
            let subscription = try self.subscription(subscriptionID, db)
            let account = try self.account(subscription.accountID, db)
            let quote = try BillingRules(catalog: catalog(db)).prepareQuote(
                id: quoteID,
                for: subscription,
                account: account,
                selection: selection,
                unitPrice: unitPrice,
                validUntil: validUntil,
                on: date,
                by: actor
            )
            try save(quote, db)
        case .acceptQuote(let quoteID):
            let quote = try self.quote(quoteID, db)
            let subscription = try self.subscription(quote.subscriptionID, db)
            let account = try self.account(subscription.accountID, db)
            let (accepted, outcome) = try BillingRules(catalog: catalog(db))
                .accept(quote, for: subscription, account: account, on: date, by: actor)
            try save(accepted, db)
            return try record(outcome, account: account, db)
        case .recordPayment(let id, let accountID, let reference, let amount, let method):
            let number = try reference.map { (reference) throws -> DocumentNumber in try self.number(of: reference, db)
            }
            try recordPayment(
                id: id,
                accountID: accountID,
                invoice: number,
                amount: amount,
                method: method,
                on: date,
                by: actor,
                db
            )
        case .voidInvoice(let reference, let reason):
            let number = try self.number(of: reference, db)
            let invoice = try self.invoice(number, db)
            try self.account(invoice.customer.accountID, db).authorize(actor, to: .voidInvoice)
            return ApplyResult(creditNotes: [try issueCreditNote(voiding: number, reason: reason, on: date, db)])
        case .requestW9(let id, let accountID, let formType, let details):
            guard try !exists("w9_requests", id, db) else { throw StoreError.duplicate(kind: "W-9 request", id: id) }
            let account = try self.account(accountID, db)
            let requester = try self.requester(actor, of: account)
            try save(
                try W9Request(
                    id: id,
                    accountID: accountID,
                    requester: requester,
                    formType: formType,
                    details: details,
                    submittedOn: date
                ),
                db
            )
        case .fulfilW9(let id):
            try requireVendorSide(actor, "fulfil a W-9 request")
            try save(try w9Request(id, db).fulfilled(on: date), db)
        default:
            throw StoreError.database("action \(event.action.name) has no handler")
        }
        return ApplyResult()
    }

    private static func recordPayment(
        id: String,
        accountID: String,
        invoice number: DocumentNumber?,
        amount: Money,
        method: String,
        on date: CalendarDate,
        by actor: Actor,
        _ db: Database
    ) throws {
        try requireVendorSide(actor, "record a payment")
        guard try !exists("payments", id, db) else { throw StoreError.duplicate(kind: "payment", id: id) }
        let account = try self.account(accountID, db)
        guard amount.currency == account.currency else {
            throw BillingError.currencyMismatch(account.currency, amount.currency)
        }
        if let number {
            let invoice = try self.invoice(number, db)
            guard invoice.customer.accountID == accountID else {
                throw StoreError.rejected(
                    .invalidState("invoice \(number) belongs to \(invoice.customer.accountID), not \(accountID)")
                )
            }
        }
        try insert(
            try Payment(
                id: id,
                accountID: accountID,
                invoiceNumber: number,
                amount: amount,
                receivedOn: date,
                method: method
            ),
            db
        )
    }

    /// The contact who asks for a form: the acting user, or the billing contact when a representative files it.
    private static func requester(_ actor: Actor, of account: Account) throws -> Contact {
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
