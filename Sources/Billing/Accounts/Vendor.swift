/// The company that sells the subscriptions and issues the documents.
public struct Vendor: Sendable, Hashable, Codable {
    /// Legal name, as on Form W-9 line 1 and the invoice header.
    public var legalName: String
    /// Registered office.
    public var address: Address
    /// Where payments go, if different from the registered office.
    public var remitTo: Address?
    /// VAT number, EIN and the like.
    public var taxIdentifiers: [TaxIdentifier]
    /// Contact e-mail printed on documents.
    public var email: String
    /// Website printed on documents.
    public var website: String?
    /// Bank details for transfers: an IBAN or US routing and account, as printed.
    public var bankDetails: String?
    /// The facts on the vendor's Form W-9.
    public var w9: W9Information?
    /// The letterhead logo as a `data:image/png;base64,…` URI; `nil`: the template folder's `logo.png`.
    public var logo: String? = nil

    /// Creates a vendor.
    public init(
        legalName: String,
        address: Address,
        remitTo: Address? = nil,
        taxIdentifiers: [TaxIdentifier],
        email: String,
        website: String? = nil,
        bankDetails: String? = nil,
        w9: W9Information? = nil
    ) {
        self.legalName = legalName
        self.address = address
        self.remitTo = remitTo
        self.taxIdentifiers = taxIdentifiers
        self.email = email
        self.website = website
        self.bankDetails = bankDetails
        self.w9 = w9
    }
}
