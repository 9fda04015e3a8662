/// Chooses how an invoice is taxed from who sells to whom, instead of by hand
/// (`docs/billing-rules.md`, "VAT treatment by rule").
///
/// The rows, tried in this order:
///
/// | buyer | treatment |
/// | --- | --- |
/// | in the United States | sales tax at the state's rate from ``usStateRates``; none when the state has none; none with "Tax exempt – certificate on file" when the buyer has a certificate |
/// | in the seller's VAT country | the seller's VAT: ``domesticRate``, or the product's reduced rate from ``reducedRates`` |
/// | in another EU country, a business with a VAT number of that country | reverse charge (art. 7-ter DPR 633/72 / art. 196 Directive 2006/112/EC) |
/// | in another EU country, a consumer | the OSS rate of the buyer's country from ``ossRates`` when the seller uses OSS, else the seller's rate |
/// | anywhere else | not subject to VAT (art. 7-ter DPR 633/72) |
///
/// The account keeps its ``TaxTreatment``: a treatment set by hand overrides the rule.
public struct TaxRules: Sendable, Hashable, Codable {
    /// The country the seller is registered for VAT in, such as "IT".
    public var sellerCountry: String
    /// The seller's standard VAT rate: 22 % in Italy.
    public var domesticRate: TaxRate
    /// Reduced domestic rates by catalogue product id, such as 10 % or 4 %.
    public var reducedRates: [String: TaxRate]
    /// Whether the seller declares sales to EU consumers through OSS (over the €10 000 threshold).
    public var usesOSS: Bool
    /// The standard rate of each EU country for consumers under OSS, by ISO country code.
    public var ossRates: [String: TaxRate]
    /// US sales tax on the vendor's subscriptions by state (USPS code, such as "CA"); a state
    /// not listed charges none.
    public var usStateRates: [String: TaxRate]

    /// Creates the rules of a seller.
    public init(
        sellerCountry: String,
        domesticRate: TaxRate,
        reducedRates: [String: TaxRate] = [:],
        usesOSS: Bool = false,
        ossRates: [String: TaxRate] = [:],
        usStateRates: [String: TaxRate] = [:]
    ) {
        self.sellerCountry = sellerCountry.uppercased()
        self.domesticRate = domesticRate
        self.reducedRates = reducedRates
        self.usesOSS = usesOSS
        self.ossRates = ossRates
        self.usStateRates = usStateRates
    }

    /// The member states of the EU by ISO 3166-1 code (Greece is "GR" in addresses, "EL" in VAT numbers).
    public static let euCountries: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
        "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]

    /// Whether `country` (ISO 3166-1 alpha-2) is in the EU.
    public static func isEU(_ country: String) -> Bool { euCountries.contains(country.uppercased()) }

    /// The treatment of a sale to `buyer` of `productID` (for its reduced rate), with its wording
    /// in `language` ("it" or "en").
    public func decide(for buyer: TaxBuyer, productID: String? = nil, language: String) -> TaxDecision {
        let country = buyer.country
        if country == "US" {
            // For an EU seller's VAT, services to the US are not subject (N2.1) whatever the sales tax.
            let nature: VATNature? = Self.isEU(sellerCountry) ? .notSubjectPlaceOfSupply : nil
            if let certificate = buyer.exemptionCertificate {
                return TaxDecision(
                    .usExemptCertificate,
                    .noTax(note: TaxWording.exemptCertificate(certificate)),
                    nature: nature
                )
            }
            guard let state = buyer.region?.uppercased(), let rate = usStateRates[state], rate > .zero else {
                return TaxDecision(.usNoSalesTax, .noTax(note: nil), nature: nature)
            }
            return TaxDecision(.usSalesTax, .salesTax(rate: rate, jurisdiction: state), nature: nature)
        }
        if country == sellerCountry {
            let rate = productID.flatMap { reducedRates[$0] } ?? domesticRate
            return TaxDecision(.domestic, .vat(rate: rate))
        }
        if Self.isEU(country), Self.isEU(sellerCountry) {
            if buyer.hasVATNumber(of: country) {
                return TaxDecision(
                    .euBusinessReverseCharge,
                    .reverseCharge(note: TaxWording.euReverseCharge(language: language)),
                    nature: .notSubjectPlaceOfSupply
                )
            }
            if usesOSS, let rate = ossRates[country] {
                return TaxDecision(.euConsumerOSS, .vat(rate: rate), nature: .vatPaidInOtherMemberState)
            }
            let rate = productID.flatMap { reducedRates[$0] } ?? domesticRate
            return TaxDecision(.euConsumerSellerRate, .vat(rate: rate))
        }
        return TaxDecision(
            .outsideEU,
            .noTax(note: TaxWording.outsideEU(language: language)),
            nature: .notSubjectPlaceOfSupply
        )
    }
}

/// What ``TaxRules`` needs to know of a buyer.
public struct TaxBuyer: Sendable, Hashable {
    /// ISO 3166-1 country of the billing address.
    public var country: String
    /// State or province code, such as "CA".
    public var region: String?
    /// The buyer's tax identifiers, already checked (see ``TaxIdentifier``).
    public var taxIdentifiers: [TaxIdentifier]
    /// A US sales-tax exemption or resale certificate on file, by its reference.
    public var exemptionCertificate: String?

    /// Creates a buyer.
    public init(
        country: String,
        region: String? = nil,
        taxIdentifiers: [TaxIdentifier] = [],
        exemptionCertificate: String? = nil
    ) {
        self.country = country.uppercased()
        self.region = region
        self.taxIdentifiers = taxIdentifiers
        self.exemptionCertificate = exemptionCertificate
    }

    /// The buyer as an account describes it.
    public init(_ account: Account, exemptionCertificate: String? = nil) {
        self.init(
            country: account.billingAddress.country,
            region: account.billingAddress.region,
            taxIdentifiers: account.taxIdentifiers,
            exemptionCertificate: exemptionCertificate
        )
    }

    /// Whether the buyer is a business with a valid VAT number of `country`: a Partita IVA for
    /// Italy, an EU VAT number with that country's prefix elsewhere ("EL" for Greece).
    public func hasVATNumber(of country: String) -> Bool {
        let prefix = country == "GR" ? "EL" : country
        return taxIdentifiers.contains { identifier in
            switch identifier.kind {
            case .partitaIVA: return country == "IT"
            case .euVAT: return identifier.value.hasPrefix(prefix)
            default: return false
            }
        }
    }
}

/// The outcome of ``TaxRules/decide(for:productID:language:)``: the row that applied, the treatment, and
/// the FatturaPA *Natura* when no Italian VAT is charged.
public struct TaxDecision: Sendable, Hashable {
    /// The rows of the decision table.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// Buyer in the seller's country: the seller's VAT.
        case domestic
        /// EU business with a VAT number: reverse charge.
        case euBusinessReverseCharge
        /// EU consumer, seller under OSS: the buyer's country's rate.
        case euConsumerOSS
        /// EU consumer, seller not under OSS: the seller's rate.
        case euConsumerSellerRate
        /// Outside the EU (and not the US): not subject.
        case outsideEU
        /// US buyer in a state with a rate: sales tax.
        case usSalesTax
        /// US buyer in a state without one: no tax.
        case usNoSalesTax
        /// US buyer with an exemption certificate: no tax, with the wording.
        case usExemptCertificate
    }

    /// The row.
    public var rule: Rule
    /// The treatment to apply.
    public var treatment: TaxTreatment
    /// The Natura code of an Italian e-invoice when no Italian VAT is charged.
    public var nature: VATNature?

    /// Creates a decision.
    public init(_ rule: Rule, _ treatment: TaxTreatment, nature: VATNature? = nil) {
        self.rule = rule
        self.treatment = treatment
        self.nature = nature
    }
}

extension TaxRules {
    /// Checks the tables before they are kept: a standard rate above 0, OSS rates only for other
    /// EU member states, US rates only for two-letter state codes, and no rate of 100 % or more.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` naming the table and key.
    public func check() throws(BillingError) {
        func checkRate(_ rate: TaxRate, _ field: String) throws(BillingError) {
            guard rate.basisPoints >= 0, rate.basisPoints < 10_000 else {
                throw .invalidValue(field: field, value: rate.description, expected: "a rate from 0 % to under 100 %")
            }
        }
        guard sellerCountry.count == 2, sellerCountry.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw .invalidValue(
                field: "sellerCountry",
                value: sellerCountry,
                expected: "an ISO country code such as IT"
            )
        }
        guard domesticRate.basisPoints > 0 else {
            throw .invalidValue(
                field: "domesticRate",
                value: domesticRate.description,
                expected: "the standard rate, such as 22"
            )
        }
        try checkRate(domesticRate, "domesticRate")
        for (product, rate) in reducedRates.sorted(by: { $0.key < $1.key }) {
            try checkRate(rate, "reducedRates.\(product)")
        }
        for (country, rate) in ossRates.sorted(by: { $0.key < $1.key }) {
            guard Self.isEU(country), country.uppercased() != sellerCountry else {
                throw .invalidValue(
                    field: "ossRates.\(country)",
                    value: country,
                    expected: "another EU member state's code, such as DE or FR"
                )
            }
            try checkRate(rate, "ossRates.\(country)")
        }
        for (state, rate) in usStateRates.sorted(by: { $0.key < $1.key }) {
            guard state.count == 2, state.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw .invalidValue(
                    field: "usStateRates.\(state)",
                    value: state,
                    expected: "a USPS state code such as WA"
                )
            }
            try checkRate(rate, "usStateRates.\(state)")
        }
    }
}
