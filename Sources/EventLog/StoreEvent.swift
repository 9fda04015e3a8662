import Billing

/// One action on the billing history.
///
/// Every change to the store is one of these, recorded as an
/// event with its date and actor; the store's state is what replaying them gives.
public enum StoreAction: Sendable, Hashable {
    /// Sets the vendor issuing the documents.
    case setVendor(Vendor)
    /// Sets the catalog of products and prices.
    case setCatalog(Catalog)
    /// Opens an account.
    case openAccount(Account)
    /// Changes an account's name, address, language, tax identifiers or users.
    case updateAccount(accountID: String, update: AccountUpdate)
    /// Appoints a new billing contact.
    case appointBillingContact(accountID: String, contact: Contact)
    /// Sets the payment method.
    case setPaymentMethod(accountID: String, method: PaymentMethod)
    /// Adds a purchase order.
    case addPurchaseOrder(accountID: String, order: PurchaseOrder)
    /// Buys a subscription.
    case purchase(accountID: String, subscriptionID: String, selection: SubscriptionSelection)
    /// Changes tier, seats or frequency.
    case change(subscriptionID: String, selection: SubscriptionSelection)
    /// Cancels at period end.
    case cancel(subscriptionID: String)
    /// Withdraws a cancellation.
    case withdrawCancellation(subscriptionID: String)
    /// Reactivates an expired subscription.
    case reactivate(subscriptionID: String)
    /// Renews one subscription through the event's date: one invoice per period that began.
    case renew(subscriptionID: String)
    /// Renews every subscription whose period has ended by the event's date (of one kind of account, or all).
    case runInvoices(kind: AccountKind?)
    /// A representative prepares a quote.
    case prepareQuote(
        quoteID: String,
        subscriptionID: String,
        selection: SubscriptionSelection,
        unitPrice: Money?,
        validUntil: CalendarDate,
        termEnds: CalendarDate? = nil
    )
    /// The billing contact accepts a quote.
    case acceptQuote(quoteID: String)
    /// Records a payment received.
    case recordPayment(
        paymentID: String,
        accountID: String,
        invoice: InvoiceReference?,
        amount: Money,
        method: String
    )
    /// Voids an issued invoice with a credit note.
    case voidInvoice(invoice: InvoiceReference, reason: String)
    /// A customer asks for a tax form.
    case requestW9(
        requestID: String,
        accountID: String,
        formType: W9FormType,
        details: String,
        regionalForm: RegionalForm? = nil
    )
    /// The tax-form packet was issued.
    case fulfilW9(requestID: String)
    /// Records a payment that may pay more than the invoice's balance: the excess becomes account credit.
    case recordOverpayment(
        paymentID: String,
        accountID: String,
        invoice: InvoiceReference,
        amount: Money,
        method: String
    )
    /// Gives a purchase order a new amount or dates.
    case updatePurchaseOrder(accountID: String, number: String, cap: Money?, validity: DatePeriod?)
    /// Closes a purchase order: nothing is invoiced against it from the event's date.
    case closePurchaseOrder(accountID: String, number: String)
    /// Pins a purchase order for a subscription, or as the account's default when none is named; no number unpins.
    case pinPurchaseOrder(accountID: String, subscriptionID: String?, number: String?)
    /// Sets the days and wording of the payment-reminder levels.
    case setReminderPolicy(ReminderPolicy)
    /// Issues a payment reminder listing the account's invoices due for one on the event's date.
    case issueReminder(reminderID: String, accountID: String)
    /// Sets the vendor's tax rules: standard and reduced VAT rates, OSS rates, US state sales tax.
    case setTaxRules(TaxRules)
    /// Lets a numbering series take documents dated before its latest one, or stops it again.
    case setNumbering(series: DocumentSeries, allowsBackDating: Bool)
    /// Credits part of an issued invoice (a line or an amount before tax), or all of it, with a reason.
    case creditInvoice(invoice: InvoiceReference, scope: CreditScope, reason: String)
    /// Pays account credit back to the customer.
    case refundCredit(refundID: String, accountID: String, amount: Money, method: String)
    /// Numbers a series in `format` from the 1st of January of `fromYear` on.
    case setNumberFormat(series: DocumentSeries, format: NumberFormat, fromYear: Int)
    /// Sets the SMTP relay documents are e-mailed through (`ledgerprint mail set`).
    case setMailRelay(MailRelay)

    /// The action's name in files and in the event log, such as "purchase".
    public var name: String {
        switch self {
        case .setVendor: return "set-vendor"
        case .setCatalog: return "set-catalog"
        case .openAccount: return "open-account"
        case .updateAccount: return "update-account"
        case .appointBillingContact: return "appoint-billing-contact"
        case .setPaymentMethod: return "set-payment-method"
        case .addPurchaseOrder: return "add-purchase-order"
        case .purchase: return "purchase"
        case .change: return "change"
        case .cancel: return "cancel"
        case .withdrawCancellation: return "withdraw-cancellation"
        case .reactivate: return "reactivate"
        case .renew: return "renew"
        case .runInvoices: return "run-invoices"
        case .prepareQuote: return "prepare-quote"
        case .acceptQuote: return "accept-quote"
        case .recordPayment: return "record-payment"
        case .voidInvoice: return "void-invoice"
        case .requestW9: return "request-w9"
        case .fulfilW9: return "fulfil-w9"
        case .recordOverpayment: return "record-overpayment"
        case .updatePurchaseOrder: return "update-purchase-order"
        case .closePurchaseOrder: return "close-purchase-order"
        case .pinPurchaseOrder: return "pin-purchase-order"
        case .setReminderPolicy: return "set-reminder-policy"
        case .issueReminder: return "issue-reminder"
        case .setTaxRules: return "set-tax-rules"
        case .setNumbering: return "set-numbering"
        case .creditInvoice: return "credit-invoice"
        case .refundCredit: return "refund-credit"
        case .setNumberFormat: return "set-number-format"
        case .setMailRelay: return "set-mail-relay"
        }
    }
}

/// An action with its date and actor: one entry of the append-only event log.
public struct StoreEvent: Sendable, Hashable {
    /// The business date the action takes effect on.
    public var date: CalendarDate
    /// Who acted.
    public var actor: Actor
    /// What was done.
    public var action: StoreAction

    /// Creates an event.
    public init(date: CalendarDate, actor: Actor, action: StoreAction) {
        self.date = date
        self.actor = actor
        self.action = action
    }
}

/// How an event names an issued invoice: by its number, or by its key (subscription and period),
/// which is known before the invoice is issued, so a data file can refer to invoices it causes.
public enum InvoiceReference: Sendable, Hashable, CustomStringConvertible {
    /// "2026/0001".
    case number(DocumentNumber)
    /// "SUB-ROSSI-1@2026-03-12".
    case key(String)

    /// The number or the key.
    public var description: String {
        switch self {
        case .number(let number): return number.description
        case .key(let key): return key
        }
    }
}
