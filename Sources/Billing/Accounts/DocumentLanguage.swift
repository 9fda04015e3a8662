/// A language documents are printed in, with how it writes amounts and dates.
///
/// ``all`` is the one list of languages: accounts are checked against it, the templates load
/// `labels/<code>.json` for each, the CLI offers them. Adding a language is one entry here and a
/// labels file in the template folder.
///
/// ```swift
/// DocumentLanguage.named("de")?.decimalSeparator   // ","
/// DocumentLanguage.codes                           // ["it", "en", "de"]
/// ```
public struct DocumentLanguage: Sendable, Hashable {
    /// The ISO 639-1 code an account's `locale` holds, such as "it".
    public let code: String
    /// Between the whole part and the cents: "," or ".".
    public let decimalSeparator: String
    /// Between groups of three digits: ".", ",".
    public let groupSeparator: String
    /// Whether the currency symbol comes after the number (`1.234,56 €`) rather than before it.
    public let symbolAfter: Bool
    /// Whether a space separates the symbol from the number (`€ 1.234,56`); a code always gets one.
    public let spaceAroundSymbol: Bool
    /// How a short date is written: `{d}` and `{dd}` day, `{m}` `{mm}` month, `{mon}` short month
    /// name, `{yyyy}` year, such as "{dd}.{mm}.{yyyy}".
    public let shortDate: String
    /// How a long date is written, such as "{d} {month} {yyyy}".
    public let longDate: String
    /// The months' names, January first.
    public let months: [String]

    /// The languages documents can be printed in.
    public static let all: [DocumentLanguage] = [italian, english, german]

    /// The codes of ``all``, in order: `["it", "en", "de"]`.
    public static var codes: [String] { all.map(\.code) }

    /// The codes for a message: "it, en or de".
    public static var codeList: String {
        let codes = codes
        guard codes.count > 1 else { return codes.joined() }
        return codes.dropLast().joined(separator: ", ") + " or " + (codes.last ?? "")
    }

    /// The language with `code`, or `nil` if documents are not printed in it.
    public static func named(_ code: String) -> DocumentLanguage? {
        all.first { $0.code == code }
    }

    /// Italian: `€ 1.234,56`, `27/11/2026`, `27 novembre 2026`.
    public static let italian = DocumentLanguage(
        code: "it",
        decimalSeparator: ",",
        groupSeparator: ".",
        symbolAfter: false,
        spaceAroundSymbol: true,
        shortDate: "{dd}/{mm}/{yyyy}",
        longDate: "{d} {month} {yyyy}",
        months: [
            "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
            "ottobre", "novembre", "dicembre",
        ]
    )

    /// English: `$1,234.56`, `Nov 27, 2026`, `November 27, 2026`.
    public static let english = DocumentLanguage(
        code: "en",
        decimalSeparator: ".",
        groupSeparator: ",",
        symbolAfter: false,
        spaceAroundSymbol: false,
        shortDate: "{mon} {d}, {yyyy}",
        longDate: "{month} {d}, {yyyy}",
        months: [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
    )

    /// German: `1.234,56 €`, `27.11.2026`, `27. November 2026`.
    public static let german = DocumentLanguage(
        code: "de",
        decimalSeparator: ",",
        groupSeparator: ".",
        symbolAfter: true,
        spaceAroundSymbol: true,
        shortDate: "{dd}.{mm}.{yyyy}",
        longDate: "{d}. {month} {yyyy}",
        months: [
            "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
            "November", "Dezember",
        ]
    )
}
