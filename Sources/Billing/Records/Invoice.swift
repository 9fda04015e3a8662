/// The customer as a document shows them, copied when it is issued so that later changes to the
/// account never change an issued document.
public struct CustomerDetails: Sendable, Hashable, Codable {
    /// The account's id.
    public var accountID: String
    /// Legal name.
    public var name: String
    /// Self-service or corporate.
    public var kind: AccountKind
    /// Billing address.
    public var address: Address
    /// The billing contact's name.
    public var contactName: String
    /// The billing contact's e-mail.
    public var contactEmail: String
    /// VAT numbers, fiscal codes, EINs.
    public var taxIdentifiers: [TaxIdentifier]
    /// The language the document is printed in.
    public var locale: String
    /// The paper the account chose for its documents; `nil` when its country decides.
    public var paper: PaperSize?
    /// Whether the account asked for Factur-X (or opted out) when the document was issued;
    /// `nil` for ``EInvoiceChoice/auto``.
    public var eInvoiceForm: EInvoiceChoice?

    /// The details of `account` as they are now.
    public init(_ account: Account) {
        accountID = account.id
        name = account.name
        kind = account.kind
        address = account.billingAddress
        contactName = account.billingContact.name
        contactEmail = account.billingContact.email
        taxIdentifiers = account.taxIdentifiers
        locale = account.locale
        paper = account.paper
        eInvoiceForm = account.eInvoiceForm
    }
}

/// Why an invoice was raised.
public enum InvoiceReason: String, Sendable, Hashable, Codable {
    /// The first period of a new subscription (rule 1).
    case purchase
    /// A change that costs more: the unused part credited, a new period charged (rule 5).
    case change
    /// The next period at renewal (rule 12).
    case renewal
    /// A new period for a reactivated subscription (rule 8).
    case reactivation
}

/// An invoice: a draft until the store issues it with a number; never changed after that.
///
/// Whether it is paid or voided is not stored on it: that follows from the payments and credit
/// notes that refer to it (see ``Statement``).
public struct Invoice: Sendable, Hashable, Codable {
    /// A key unique per (subscription, period) or per change, so a run can never issue the same invoice twice.
    public var key: String
    /// The number; `nil` while a draft.
    public var number: DocumentNumber?
    /// The customer, as on the issue date.
    public var customer: CustomerDetails
    /// The subscription the invoice bills, if any.
    public var subscriptionID: String?
    /// Why it was raised.
    public var reason: InvoiceReason
    /// The currency of every amount.
    public var currency: Currency
    /// The date of issue.
    public var issueDate: CalendarDate
    /// When payment is due.
    public var dueDate: CalendarDate
    /// The payment terms.
    public var terms: PaymentTerms
    /// The customer's purchase-order number (corporate accounts).
    public var purchaseOrderNumber: String?
    /// How the account pays, as printed.
    public var paymentMethod: PaymentMethod?
    /// The lines.
    public var lines: [InvoiceLine]
    /// Subtotal, tax per rate, total.
    public var totals: DocumentTotals
    /// Legal wording about tax, such as the reverse-charge note.
    public var taxNote: String?
    /// The Italian revenue stamp (imposta di bollo), when due: €2.00 on a VAT-free invoice over €77.47.
    public var stampDuty: Money?
    /// Account credit used to pay part of the total.
    public var balanceApplied: Money
    /// What the customer still has to pay: total + stamp duty − balance applied.
    public var amountDue: Money
    /// The quote whose price it charges, such as "Q-2025-0031", printed on it.
    public var quoteID: String? = nil

    /// Whether the invoice has been issued.
    public var isIssued: Bool { number != nil }

    /// The total including any stamp duty.
    public var grandTotal: Money {
        (try? totals.total.plus(stampDuty ?? .zero(currency))) ?? totals.total
    }
}

/// The Italian revenue stamp (imposta di bollo).
///
/// It is €2.00 on an invoice without VAT whose total exceeds €77.47 (w9-einvoice.md §2.3); it is not due on reverse-charge (intra-EU) invoices.
public enum StampDuty {
    /// The threshold: a total of exactly 77.47 is exempt.
    public static let threshold = Money(minorUnits: 7747, currency: .eur)
    /// The amount.
    public static let amount = Money(minorUnits: 200, currency: .eur)
    /// The wording printed on the invoice.
    public static let note = "Imposta di bollo assolta in modo virtuale ai sensi dell'art. 6 del D.M. 17 giugno 2014"

    /// The stamp duty due on an invoice of `total` taxed by `treatment`, if any.
    public static func due(total: Money, treatment: TaxTreatment) -> Money? {
        guard case .exempt = treatment, total.currency == .eur, total.minorUnits > threshold.minorUnits else {
            return nil
        }
        return amount
    }
}
