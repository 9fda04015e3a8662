import Foundation

/// Changes to an account's details; fields left `nil` stay as they are.
public struct AccountUpdate: Sendable, Hashable, Codable {
    /// A new legal name.
    public var name: String?
    /// A new billing address.
    public var billingAddress: Address?
    /// A new document language, one of ``DocumentLanguage/codes``.
    public var locale: String?
    /// The tax identifiers, replacing the old ones.
    public var taxIdentifiers: [TaxIdentifier]?
    /// The other users, replacing the old ones.
    public var users: [Contact]?
    /// Where Italian e-invoices go (recipient code or PEC), replacing the old one.
    public var eInvoicing: EInvoiceAddress?
    /// How the account is taxed, replacing the old treatment: a representative's override, or
    /// what ``TaxRules`` decided.
    public var taxTreatment: TaxTreatment?
    /// The paper documents are printed on; ``PaperSize/byCountry`` gives the choice back to the country.
    public var paper: PaperSize?
    /// Whether its invoices and credit notes carry their Factur-X XML from now on.
    public var eInvoiceForm: EInvoiceChoice?

    /// Creates an update.
    public init(
        name: String? = nil,
        billingAddress: Address? = nil,
        locale: String? = nil,
        taxIdentifiers: [TaxIdentifier]? = nil,
        users: [Contact]? = nil,
        eInvoicing: EInvoiceAddress? = nil,
        taxTreatment: TaxTreatment? = nil,
        paper: PaperSize? = nil,
        eInvoiceForm: EInvoiceChoice? = nil
    ) {
        self.name = name
        self.billingAddress = billingAddress
        self.locale = locale
        self.taxIdentifiers = taxIdentifiers
        self.users = users
        self.eInvoicing = eInvoicing
        self.taxTreatment = taxTreatment
        self.paper = paper
        self.eInvoiceForm = eInvoiceForm
    }

    /// Whether it changes anything.
    public var isEmpty: Bool {
        name == nil && billingAddress == nil && locale == nil && taxIdentifiers == nil && users == nil
            && eInvoicing == nil && taxTreatment == nil && paper == nil && eInvoiceForm == nil
    }
}

extension Account {
    /// The account with `update` applied, by its billing contact or a representative.
    ///
    /// Issued documents keep the details they were issued with.
    ///
    /// - Throws: ``BillingError`` when the actor may not, the update is empty, or a value is invalid.
    public func updating(_ update: AccountUpdate, by actor: Actor) throws(BillingError) -> Account {
        try authorize(actor, to: .updateAccount)
        if update.taxTreatment != nil { try authorize(actor, to: .changeTaxTreatment) }
        guard !update.isEmpty else { throw .invalidState("the update of \(id) changes nothing") }
        var changed = self
        if let name = update.name {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidValue(field: "name", value: name, expected: "the account's legal name")
            }
            changed.name = name
        }
        if let locale = update.locale {
            guard DocumentLanguage.named(locale) != nil else {
                throw .invalidValue(field: "locale", value: locale, expected: DocumentLanguage.codeList)
            }
            changed.locale = locale
        }
        if let address = update.billingAddress { changed.billingAddress = address }
        if let identifiers = update.taxIdentifiers { changed.taxIdentifiers = identifiers }
        if let address = update.eInvoicing { changed.eInvoicing = address }
        if let treatment = update.taxTreatment { changed.taxTreatment = treatment }
        if let paper = update.paper { changed.paper = paper == .byCountry ? nil : paper }
        if let form = update.eInvoiceForm { changed.eInvoiceForm = form == .auto ? nil : form }
        if let users = update.users { changed.users = users.filter { $0.email != billingContact.email } }
        return changed
    }
}
