import Billing
import EventLog

/// One write transaction on the store: every action is applied through it, by one exhaustive
/// `switch` over ``StoreAction`` — an action added without a case here does not compile.
///
/// It reads and writes records only through their mappings (`Records/`), and keeps the catalog,
/// the vendor and the accounts it has read or saved for its own length: no other connection can
/// write while it holds the transaction, and ``forgetSettings()`` drops them when a savepoint is
/// rolled back.
///
/// Generic over the database (``StoreDatabase``): SQLite's and PostgreSQL's transactions run this
/// same code, each specialised for its own database.
package final class StoreTransaction<Connection: StoreDatabase> {
    let db: Connection
    var settings: [String: any Sendable] = [:]
    /// The accounts read or saved in this transaction, by id: no other connection can change them
    /// while it lasts, and an import reads the account it has just opened for every event after.
    var accounts: [String: Account] = [:]
    /// The INSERT and UPDATE statement of each mapping used so far (``insert(_:)``, ``save(_:)``).
    var inserts: [InsertKey: Connection.Statement] = [:]
    var updates: [ObjectIdentifier: Connection.Statement] = [:]
    /// The UPDATE statements of some columns of a mapping (``update(_:from:)``).
    var partialUpdates: [PartialUpdate: Connection.Statement] = [:]
    /// The subscriptions as read or last saved in this transaction, by id.
    ///
    /// A save then writes only the columns that changed. Forgotten with the settings
    /// (``forgetSettings()``).
    var subscriptionsAsStored: [String: Subscription] = [:]
    /// The numbering counters as this transaction last wrote them.
    ///
    /// A renewal's number without reading its counter first. Forgotten with the settings
    /// (``forgetSettings()``).
    var numbering: [NumberingCounter: (last: Int64, date: String)] = [:]

    package init(_ db: Connection) {
        self.db = db
    }

    /// Applies one event: checks it, stores what it produces and appends it to the log.
    package func apply(_ event: StoreEvent) throws -> ApplyResult {
        var result = try perform(event)
        result.sequence = try insert(
            EventRecord(event, accountID: try accountID(of: event.action, result)),
            returning: "seq"
        )
        return result
    }

    private func perform(_ event: StoreEvent) throws -> ApplyResult {
        let (date, actor) = (event.date, event.actor)
        switch event.action {
        case .setVendor(let vendor):
            try Self.requireVendorSide(actor, "set the vendor")
            try saveSetting("vendor", vendor)
        case .setCatalog(let catalog):
            try Self.requireVendorSide(actor, "set the catalog")
            try saveSetting("catalog", catalog)
        case .openAccount(let account):
            try open(account, by: actor)
        case .updateAccount(let id, let update):
            try save(try account(id).updating(update, by: actor))
        case .appointBillingContact(let id, let contact):
            try save(try account(id).appointingBillingContact(contact, by: actor))
        case .setPaymentMethod(let id, let method):
            try save(try account(id).settingPaymentMethod(method, by: actor))
        case .addPurchaseOrder(let id, let order):
            try save(try account(id).addingPurchaseOrder(order, by: actor))
        case .purchase(let accountID, let subscriptionID, let selection):
            return try purchase(subscriptionID, accountID: accountID, selection, on: date, by: actor)
        case .change(let id, let selection):
            let (subscription, account, rules) = try context(id)
            return try record(
                rules.change(
                    subscription,
                    account: account,
                    to: selection,
                    on: date,
                    by: actor,
                    quoted: try acceptedQuote(of: id)
                ),
                account: account
            )
        case .cancel(let id):
            let (subscription, account, rules) = try context(id)
            let cancelled = try rules.cancel(subscription, account: account, on: date, by: actor)
            try save(cancelled)
            return ApplyResult(subscription: cancelled)
        case .withdrawCancellation(let id):
            let (subscription, account, rules) = try context(id)
            let active = try rules.withdrawCancellation(subscription, account: account, on: date, by: actor)
            try save(active)
            return ApplyResult(subscription: active)
        case .reactivate(let id):
            let (subscription, account, rules) = try context(id)
            return try record(rules.reactivate(subscription, account: account, on: date, by: actor), account: account)
        case .renew(let id):
            try Self.requireVendorSide(actor, "run renewals")
            return try renew(id, through: date)
        case .runInvoices(let kind):
            try Self.requireVendorSide(actor, "run renewals")
            // A date at a time, earliest first, so that numbers follow dates across subscriptions.
            var result = ApplyResult()
            var previous: CalendarDate?
            while let next = try Self.dueRenewals(through: date, kind: kind, db).first?.date {
                guard previous.map({ next > $0 }) ?? true else {
                    throw StoreError.database("renewals through \(next) left a subscription due on that date")
                }
                // A renewal left behind by an earlier run is issued today, after what was numbered since.
                let floor = try lastNumberedDate(.invoice, year: next.year).flatMap { try? CalendarDate($0) }
                let acted = min(date, max(next, floor ?? next))
                for due in try Self.dueRenewals(through: next, kind: kind, db) {
                    result.invoices += try renew(due.subscriptionID, through: acted).invoices
                }
                previous = next
            }
            return result
        case .prepareQuote(let quoteID, let subscriptionID, let selection, let unitPrice, let validUntil, let termEnds):
            try prepareQuote(
                quoteID,
                subscriptionID,
                selection,
                unitPrice,
                (validUntil, termEnds),
                on: date,
                by: actor
            )
        case .acceptQuote(let quoteID):
            return try acceptQuote(quoteID, on: date, by: actor)
        case .recordPayment(let id, let accountID, let reference, let amount, let method):
            try recordPayment(
                id: id,
                accountID: accountID,
                invoice: try reference.map { reference throws -> DocumentNumber in try number(of: reference) },
                amount: amount,
                method: method,
                on: date,
                by: actor
            )
        case .voidInvoice(let reference, let reason):
            return ApplyResult(creditNotes: [
                try creditInvoice(reference, scope: .whole, reason: reason, on: date, by: actor)
            ])
        case .requestW9(let id, let accountID, let formType, let details, let form):
            try requestW9(id, accountID: accountID, formType: formType, details: details, on: date, by: actor)
            try nameRegionalForm(id, form)
        case .fulfilW9(let id):
            try Self.requireVendorSide(actor, "fulfil a W-9 request")
            try save(W9RequestRecord(try w9Request(id).fulfilled(on: date)))
        case .recordOverpayment(let id, let accountID, let reference, let amount, let method):
            try recordOverpayment(id, accountID, try number(of: reference), amount, method, on: date, by: actor)
        case .updatePurchaseOrder(let id, let number, let cap, let validity):
            try updatePurchaseOrder(id, number, cap: cap, validity: validity, by: actor)
        case .closePurchaseOrder(let id, let number):
            try save(try account(id).closingPurchaseOrder(number, on: date, by: actor))
        case .pinPurchaseOrder(let id, let subscriptionID, let number):
            try pinPurchaseOrder(id, subscriptionID, number, by: actor)
        case .setReminderPolicy(let policy):
            try Self.requireVendorSide(actor, "set the reminder levels")
            try policy.validate()
            try saveSetting("reminder-policy", policy)
        case .issueReminder(let id, let accountID):
            try Self.requireVendorSide(actor, "send payment reminders")
            try issueReminder(id, accountID: accountID, on: date)
        case .setTaxRules(let rules):
            try Self.requireVendorSide(actor, "set the tax rules")
            try rules.check()
            try saveSetting("tax-rules", rules)
        case .setNumbering(let series, let allowsBackDating):
            try Self.requireVendorSide(actor, "change a numbering series")
            try saveSetting(Self.backDatingSetting(series), allowsBackDating)
        case .creditInvoice(let reference, let scope, let reason):
            return ApplyResult(creditNotes: [
                try creditInvoice(reference, scope: scope, reason: reason, on: date, by: actor)
            ])
        case .refundCredit(let id, let accountID, let amount, let method):
            try refundCredit(id, accountID: accountID, amount: amount, method: method, on: date, by: actor)
        case .setNumberFormat(let series, let format, let fromYear):
            try Self.requireVendorSide(actor, "change a numbering series")
            try setNumberFormat(series, format, from: fromYear, on: date)
        case .setMailRelay(let relay):
            try Self.requireVendorSide(actor, "set the mail relay")
            try relay.validate()
            try saveSetting("mail-relay", relay)
        }
        return ApplyResult()
    }

    /// The account an event concerns, for the log; a subscription the event just saved answers
    /// for itself, saving a query per renewal.
    private func accountID(of action: StoreAction, _ result: ApplyResult) throws -> String? {
        switch action {
        case .setVendor, .setCatalog, .runInvoices, .setReminderPolicy, .setTaxRules, .setNumbering: return nil
        case .setNumberFormat: return nil
        case .setMailRelay: return nil
        case .openAccount(let account): return account.id
        case .appointBillingContact(let id, _), .setPaymentMethod(let id, _), .updateAccount(let id, _),
            .addPurchaseOrder(let id, _), .purchase(let id, _, _), .recordPayment(_, let id, _, _, _),
            .requestW9(_, let id, _, _, _), .recordOverpayment(_, let id, _, _, _),
            .updatePurchaseOrder(let id, _, _, _), .closePurchaseOrder(let id, _), .pinPurchaseOrder(let id, _, _),
            .issueReminder(_, let id), .refundCredit(_, let id, _, _):
            return id
        case .change(let id, _), .cancel(let id), .withdrawCancellation(let id), .reactivate(let id), .renew(let id),
            .prepareQuote(_, let id, _, _, _, _):
            if let subscription = result.subscription, subscription.id == id { return subscription.accountID }
            return try accountID(in: "subscriptions", "id", id)
        case .acceptQuote(let id):
            return try accountID(in: "quotes", "id", id)
        case .voidInvoice(let reference, _), .creditInvoice(let reference, _, _):
            let number = try? self.number(of: reference)
            return try accountID(in: "invoices", "number", number?.description)
        case .fulfilW9(let id):
            return try accountID(in: "w9_requests", "id", id)
        }
    }

    /// The `account_id` of the row of `table` whose `column` is `value`, if any.
    private func accountID(in table: String, _ column: String, _ value: String?) throws -> String? {
        try db.first("SELECT account_id FROM \(table) WHERE \(column) = ?", [value.storedArgument]) { row in
            try row.optionalText("account_id")
        } ?? nil
    }

    static func requireVendorSide(_ actor: Actor, _ action: String) throws {
        guard actor.isRepresentative || actor == .system else {
            throw StoreError.rejected(.notAllowed(action: action, actor: actor, allowed: "only the vendor's staff may"))
        }
    }
}

/// Which INSERT statement a transaction keeps: a mapping's, and whether it returns a generated key.
struct InsertKey: Hashable {
    var record: ObjectIdentifier
    var returning: String?
}
