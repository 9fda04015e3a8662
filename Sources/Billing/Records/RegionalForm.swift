import Foundation

/// The named form of a state or country that a regional-form request asks for, such as
/// "Modulo anagrafica fornitori" for IT or "Form 590" for US-CA.
public struct RegionalForm: Sendable, Hashable, Codable {
    /// The country (ISO 3166-1, "IT") or the state or province within it (ISO 3166-2, "US-CA").
    public var region: String
    /// The form's name, as the customer calls it.
    public var name: String

    /// Checks and creates a regional form.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for a region that is not a
    ///   country code (with an optional subdivision) or an empty or overlong name.
    public init(region: String, name: String) throws(BillingError) {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        let country = parts.first.map(String.init) ?? ""
        let validCountry = country.count == 2 && country.allSatisfy { $0.isASCII && $0.isUppercase }
        let validSubdivision =
            parts.count == 1
            || (parts.count == 2 && (1...3).contains(parts[1].count)
                && parts[1].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
        guard validCountry, validSubdivision else {
            throw .invalidValue(
                field: "region",
                value: region,
                expected: "a country code such as IT, or a state within it such as US-CA"
            )
        }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else {
            throw .invalidValue(
                field: "form name",
                value: name,
                expected: "the form's name, 1 to 120 characters, such as \"Form 590\""
            )
        }
        self.region = region
        self.name = name
    }

    /// The country of the region: "US" for "US-CA".
    public var country: String { String(region.prefix(2)) }
}

extension TaxIdentifier {
    /// The country that issued the identifier: IT for Italian numbers, US for US ones, an EU VAT
    /// number's own prefix (EL read as GR).
    public var country: String {
        switch kind {
        case .partitaIVA, .codiceFiscale: return "IT"
        case .ein, .ssn, .itin: return "US"
        case .euVAT:
            let prefix = String(value.prefix(2))
            return prefix == "EL" ? "GR" : prefix
        }
    }
}

extension W9Request {
    /// Whether `actor` may file a tax-form request for `account`: a user of a corporate account,
    /// or a vendor representative for any account.
    ///
    /// - Throws: ``BillingError/notAllowed(action:actor:allowed:)`` with the seed's answer: tax
    ///   forms are handled by Corporate Account Services, for corporate accounts.
    public static func authorizeFiling(by actor: Actor, for account: Account) throws(BillingError) {
        guard !actor.isRepresentative, account.kind != .corporate else { return }
        throw .notAllowed(
            action: "request a tax form for \(account.id), a self-service account",
            actor: actor,
            allowed:
                "tax forms (W-9, vendor and regional forms) are provided by Corporate Account Services to corporate accounts; contact customer service"
        )
    }

    /// The request for `form` when it is a regional form; a regional form must name its form,
    /// the other kinds must not.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` when they do not match.
    public func naming(_ form: RegionalForm?) throws(BillingError) -> W9Request {
        switch (formType, form) {
        case (.regionalForm, nil):
            throw .invalidValue(
                field: "regional form",
                value: "",
                expected: "the region and the form's name, such as --region US-CA --form-name \"Form 590\""
            )
        case (.w9, _?), (.vendorForm, _?):
            throw .invalidValue(
                field: "regional form",
                value: form?.name ?? "",
                expected: "a region and form name only with the regional-form type"
            )
        default:
            var copy = self
            copy.regionalForm = form
            return copy
        }
    }
}
