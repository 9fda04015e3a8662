/// The paper an account's documents are printed on.
///
/// By default the customer's country decides (US Letter in the United States and Canada, A4
/// elsewhere, as ``AddressFormat/usesLetterPaper`` says); an account may choose one instead.
public enum PaperSize: String, Sendable, Hashable, Codable, CaseIterable {
    /// The customer's country decides.
    case byCountry = "by-country"
    /// ISO A4, 210 × 297 mm.
    case a4 = "A4"
    /// US Letter, 8.5 × 11 in.
    case letter

    /// The paper for a customer in `country` (ISO 3166 code): this one, or the country's when
    /// ``byCountry``.
    public func resolved(country: String) -> PaperSize {
        guard self == .byCountry else { return self }
        return AddressFormat.of(country).usesLetterPaper ? .letter : .a4
    }
}
