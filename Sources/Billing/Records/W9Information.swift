import Foundation

/// Line 3a of Form W-9: the federal tax classification, exactly one.
public enum FederalTaxClassification: Sendable, Hashable, Codable {
    /// Individual or sole proprietor.
    case individual
    /// C corporation.
    case cCorporation
    /// S corporation.
    case sCorporation
    /// Partnership.
    case partnership
    /// Trust or estate.
    case trustEstate
    /// Limited liability company, taxed as `code`: C, S or P.
    case llc(code: LLCTaxCode)
    /// Other, as described.
    case other(String)

    /// How an LLC is taxed.
    public enum LLCTaxCode: String, Sendable, Hashable, Codable {
        /// As a C corporation.
        case c = "C"
        /// As an S corporation.
        case s = "S"
        /// As a partnership.
        case p = "P"
    }

    /// The box label as on the form.
    public var label: String {
        switch self {
        case .individual: return "Individual/sole proprietor"
        case .cCorporation: return "C corporation"
        case .sCorporation: return "S corporation"
        case .partnership: return "Partnership"
        case .trustEstate: return "Trust/estate"
        case .llc(let code): return "LLC (tax classification: \(code.rawValue))"
        case .other(let text): return "Other: \(text)"
        }
    }

    /// Whether line 3b (foreign partners, owners or beneficiaries) may be ticked.
    var allowsForeignPartners: Bool {
        switch self {
        case .partnership, .trustEstate, .llc(code: .p): return true
        default: return false
        }
    }
}

/// The facts the vendor certifies on Form W-9, revision of March 2024, line by line.
public struct W9Information: Sendable, Hashable, Codable {
    /// Line 1: name of entity or individual (required; must match the TIN).
    public var name: String
    /// Line 2: business or disregarded-entity name, if different.
    public var businessName: String?
    /// Line 3a.
    public var classification: FederalTaxClassification
    /// Line 3b: has foreign partners, owners or beneficiaries.
    public var hasForeignPartners: Bool
    /// Line 4a: exempt payee code, 1–13, if any.
    public var exemptPayeeCode: String?
    /// Line 4b: exemption from FATCA reporting code, A–M, if any.
    public var fatcaCode: String?
    /// Lines 5–6: address, city, state and ZIP code.
    public var address: Address
    /// Part I: the TIN, an EIN for a company.
    public var tin: TaxIdentifier
    /// Part II: who signs, and their title.
    public var signerName: String
    /// The signer's title, such as "Chief Financial Officer".
    public var signerTitle: String
    /// Part II: the date of the signature.
    public var signatureDate: CalendarDate

    /// Creates the W-9 facts, checking them as the form's instructions do.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` naming the line that is wrong.
    public init(
        name: String,
        businessName: String? = nil,
        classification: FederalTaxClassification,
        hasForeignPartners: Bool = false,
        exemptPayeeCode: String? = nil,
        fatcaCode: String? = nil,
        address: Address,
        tin: TaxIdentifier,
        signerName: String,
        signerTitle: String,
        signatureDate: CalendarDate
    ) throws(BillingError) {
        self.name = name
        self.businessName = businessName
        self.classification = classification
        self.hasForeignPartners = hasForeignPartners
        self.exemptPayeeCode = exemptPayeeCode
        self.fatcaCode = fatcaCode
        self.address = address
        self.tin = tin
        self.signerName = signerName
        self.signerTitle = signerTitle
        self.signatureDate = signatureDate
        try validate()
    }

    /// Checks every line; called by `init` and after decoding.
    public func validate() throws(BillingError) {
        guard !name.trimmingSpaces().isEmpty else {
            throw .invalidValue(field: "W-9 line 1 (name)", value: name, expected: "an entry is required")
        }
        if hasForeignPartners, !classification.allowsForeignPartners {
            throw .invalidValue(
                field: "W-9 line 3b",
                value: "ticked",
                expected:
                    "only a partnership, trust/estate or LLC taxed as a partnership may tick it, not a \(classification.label)"
            )
        }
        if let code = exemptPayeeCode, !code.isEmpty {
            guard let number = Int(code), (1...13).contains(number) else {
                throw .invalidValue(
                    field: "W-9 line 4a (exempt payee code)",
                    value: code,
                    expected: "a code from 1 to 13"
                )
            }
            if classification == .individual {
                throw .invalidValue(
                    field: "W-9 line 4a (exempt payee code)",
                    value: code,
                    expected: "individuals are never exempt payees"
                )
            }
        }
        if let code = fatcaCode, !code.isEmpty {
            guard code.count == 1, ("A"..."M").contains(code) else {
                throw .invalidValue(field: "W-9 line 4b (FATCA code)", value: code, expected: "a letter from A to M")
            }
        }
        guard address.country == "US" else {
            throw .invalidValue(
                field: "W-9 address",
                value: address.country,
                expected: "a W-9 is only for U.S. persons; a foreign entity gives a W-8BEN-E"
            )
        }
        let zip = address.postalCode
        let zipValid =
            (zip.count == 5 || (zip.count == 10 && zip.dropFirst(5).first == "-"))
            && zip.filter({ $0 != "-" }).allSatisfy(\.isASCIIDigit)
        guard zipValid else {
            throw .invalidValue(
                field: "W-9 line 6 (ZIP code)",
                value: zip,
                expected: "5 digits, or ZIP+4 as 12345-6789"
            )
        }
        guard let state = address.region, state.count == 2, state.allSatisfy(\.isASCIILetter) else {
            throw .invalidValue(
                field: "W-9 line 6 (state)",
                value: address.region ?? "",
                expected: "a two-letter USPS code"
            )
        }
        guard [.ein, .ssn, .itin].contains(tin.kind) else {
            throw .invalidValue(field: "W-9 Part I (TIN)", value: tin.value, expected: "an EIN, SSN or ITIN")
        }
        guard !signerName.isEmpty, !signerTitle.isEmpty else {
            throw .invalidValue(
                field: "W-9 Part II (signature)",
                value: signerName,
                expected: "the signer's name and title"
            )
        }
    }

    /// Decodes and checks the W-9 facts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        businessName = try container.decodeIfPresent(String.self, forKey: .businessName)
        classification = try container.decode(FederalTaxClassification.self, forKey: .classification)
        hasForeignPartners = try container.decodeIfPresent(Bool.self, forKey: .hasForeignPartners) ?? false
        exemptPayeeCode = try container.decodeIfPresent(String.self, forKey: .exemptPayeeCode)
        fatcaCode = try container.decodeIfPresent(String.self, forKey: .fatcaCode)
        address = try container.decode(Address.self, forKey: .address)
        tin = try container.decode(TaxIdentifier.self, forKey: .tin)
        signerName = try container.decode(String.self, forKey: .signerName)
        signerTitle = try container.decode(String.self, forKey: .signerTitle)
        signatureDate = try container.decode(CalendarDate.self, forKey: .signatureDate)
        do {
            try validate()
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
            )
        }
    }
}

/// What a customer asks corporate account services for.
public enum W9FormType: String, Sendable, Hashable, Codable, CaseIterable {
    /// The vendor's Form W-9.
    case w9
    /// The customer's own vendor or supplier onboarding form, filled in by the vendor.
    case vendorForm = "vendor-form"
    /// A country-specific form.
    case regionalForm = "regional-form"

    /// The name printed on documents.
    public var displayName: String {
        switch self {
        case .w9: return "Form W-9"
        case .vendorForm: return "Vendor form"
        case .regionalForm: return "Regional form"
        }
    }
}

/// A customer's request for a tax form, from submission to fulfilment.
public struct W9Request: Sendable, Hashable, Codable {
    /// Where the request stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Submitted, not yet answered.
        case requested
        /// The packet was issued.
        case fulfilled
    }

    /// Reference, such as "W9-2026-0001".
    public var id: String
    /// The account that asked.
    public var accountID: String
    /// Who asked.
    public var requester: Contact
    /// The form asked for.
    public var formType: W9FormType
    /// What the requester wrote in the details.
    public var details: String
    /// When it was submitted.
    public var submittedOn: CalendarDate
    /// Requested or fulfilled.
    public var status: Status
    /// When the packet was issued.
    public var fulfilledOn: CalendarDate?
    /// For a regional form: the region and the form's name.
    public var regionalForm: RegionalForm? = nil

    /// Creates a request in the `requested` state.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` when the details are empty.
    public init(
        id: String,
        accountID: String,
        requester: Contact,
        formType: W9FormType,
        details: String,
        submittedOn: CalendarDate
    ) throws(BillingError) {
        guard !details.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidValue(
                field: "details",
                value: details,
                expected: "what is needed, such as \"W-9 for our AP file\""
            )
        }
        self.id = id
        self.accountID = accountID
        self.requester = requester
        self.formType = formType
        self.details = details
        self.submittedOn = submittedOn
        self.status = .requested
        self.fulfilledOn = nil
    }

    /// The request marked fulfilled on `date`; a request is fulfilled once.
    ///
    /// - Throws: ``BillingError/invalidState(_:)`` if it already is, or `date` is before submission.
    public func fulfilled(on date: CalendarDate) throws(BillingError) -> W9Request {
        guard status == .requested else {
            throw .invalidState(
                "request \(id) was already fulfilled on \(fulfilledOn.map(String.init(describing:)) ?? "?")"
            )
        }
        guard date >= submittedOn else {
            throw .invalidState(
                "request \(id) cannot be fulfilled on \(date), before it was submitted (\(submittedOn))"
            )
        }
        var copy = self
        copy.status = .fulfilled
        copy.fulfilledOn = date
        return copy
    }
}
