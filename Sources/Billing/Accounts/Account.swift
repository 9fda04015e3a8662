/// Whether an account buys on its own or through the vendor's corporate account services.
public enum AccountKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The billing contact buys and changes plans online; monthly or annual; card or debit.
    case selfService = "self-service"
    /// Billed annually against purchase orders, with a vendor representative.
    case corporate
}

/// A customer of the vendor: who pays, where, in which currency, and how they are taxed.
public struct Account: Sendable, Hashable, Codable {
    /// Stable identifier, such as "ACME-IT".
    public var id: String
    /// Legal name, printed on documents.
    public var name: String
    /// Self-service or corporate.
    public var kind: AccountKind
    /// The one person who may change plans, seats, frequency, payment method and billing contact.
    public var billingContact: Contact
    /// Other users of the account; they may view but not change billing.
    public var users: [Contact]
    /// Where invoices are addressed.
    public var billingAddress: Address
    /// The language documents are printed in, one of ``DocumentLanguage/codes``, such as "it".
    public var locale: String
    /// The currency of every amount on the account.
    public var currency: Currency
    /// VAT numbers, fiscal codes, EINs.
    public var taxIdentifiers: [TaxIdentifier]
    /// How invoices are taxed.
    public var taxTreatment: TaxTreatment
    /// How the account pays; `nil` until one is set.
    public var paymentMethod: PaymentMethod?
    /// When invoices fall due.
    public var paymentTerms: PaymentTerms
    /// Purchase orders (corporate accounts).
    public var purchaseOrders: [PurchaseOrder]
    /// Where Italian e-invoices (FatturaPA) go: recipient code or PEC; `nil` when none was given.
    public var eInvoicing: EInvoiceAddress?
    /// The paper its documents are printed on; `nil` when the country decides.
    public var paper: PaperSize?
    /// Whether its invoices and credit notes carry their Factur-X XML; `nil` for ``EInvoiceChoice/auto``.
    public var eInvoiceForm: EInvoiceChoice?

    /// Creates an account; corporate accounts default to Net 30, self-service to due on receipt.
    public init(
        id: String,
        name: String,
        kind: AccountKind,
        billingContact: Contact,
        users: [Contact] = [],
        billingAddress: Address,
        locale: String,
        currency: Currency,
        taxIdentifiers: [TaxIdentifier] = [],
        taxTreatment: TaxTreatment,
        paymentMethod: PaymentMethod? = nil,
        paymentTerms: PaymentTerms? = nil,
        purchaseOrders: [PurchaseOrder] = [],
        eInvoicing: EInvoiceAddress? = nil,
        paper: PaperSize? = nil,
        eInvoiceForm: EInvoiceChoice? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.billingContact = billingContact
        self.users = users
        self.billingAddress = billingAddress
        self.locale = locale
        self.currency = currency
        self.taxIdentifiers = taxIdentifiers
        self.taxTreatment = taxTreatment
        self.paymentMethod = paymentMethod
        self.paymentTerms = paymentTerms ?? (kind == .corporate ? .net(days: 30) : .dueOnReceipt)
        self.purchaseOrders = purchaseOrders
        self.eInvoicing = eInvoicing
        self.paper = paper == .byCountry ? nil : paper
        self.eInvoiceForm = eInvoiceForm == .auto ? nil : eInvoiceForm
    }

    /// The paper this account's documents are printed on: its own choice, else its country's.
    public var resolvedPaper: PaperSize {
        (paper ?? .byCountry).resolved(country: billingAddress.country)
    }

    /// The purchase order in force on `date`: the valid one that started last.
    public func activePurchaseOrder(on date: CalendarDate) -> PurchaseOrder? {
        purchaseOrders.filter { $0.validity.contains(date) }.max { $0.validity.start < $1.validity.start }
    }
}

extension Account {
    private enum CodingKeys: String, CodingKey {
        case id, name, kind, billingContact, users, billingAddress, locale, currency, taxIdentifiers, taxTreatment
        case paymentMethod, paymentTerms, purchaseOrders, eInvoicing, paper
        case eInvoiceForm
    }

    /// Decodes an account; `users`, `taxIdentifiers`, `purchaseOrders`, `paymentMethod`,
    /// `paymentTerms`, `eInvoicing`, `paper` and `eInvoiceForm` may be left out (none, none, none, none,
    /// the kind's default terms, none, the country's paper, and Factur-X by ``EInvoiceChoice/auto``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let locale = try container.decode(String.self, forKey: .locale)
        guard DocumentLanguage.named(locale) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .locale,
                in: container,
                debugDescription: "unsupported locale '\(locale)': use \(DocumentLanguage.codeList)"
            )
        }
        let id = try container.decode(String.self, forKey: .id)
        do {
            try RecordID.check(id, kind: "account id")
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: error.description)
        }
        self.init(
            id: id,
            name: try container.decode(String.self, forKey: .name),
            kind: try container.decode(AccountKind.self, forKey: .kind),
            billingContact: try container.decode(Contact.self, forKey: .billingContact),
            users: try container.decodeIfPresent([Contact].self, forKey: .users) ?? [],
            billingAddress: try container.decode(Address.self, forKey: .billingAddress),
            locale: locale,
            currency: try container.decode(Currency.self, forKey: .currency),
            taxIdentifiers: try container.decodeIfPresent([TaxIdentifier].self, forKey: .taxIdentifiers) ?? [],
            taxTreatment: try container.decode(TaxTreatment.self, forKey: .taxTreatment),
            paymentMethod: try container.decodeIfPresent(PaymentMethod.self, forKey: .paymentMethod),
            paymentTerms: try container.decodeIfPresent(PaymentTerms.self, forKey: .paymentTerms),
            purchaseOrders: try container.decodeIfPresent([PurchaseOrder].self, forKey: .purchaseOrders) ?? [],
            eInvoicing: try container.decodeIfPresent(EInvoiceAddress.self, forKey: .eInvoicing),
            paper: try container.decodeIfPresent(PaperSize.self, forKey: .paper),
            eInvoiceForm: try container.decodeIfPresent(EInvoiceChoice.self, forKey: .eInvoiceForm)
        )
    }
}
