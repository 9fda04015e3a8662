import Hummingbird

/// The language a page is shown in: `?lang=` (remembered in a cookie), else the cookie, else the
/// browser's `Accept-Language`, else English.
struct PageLanguage {
    static let cookieName = "lp_lang"

    /// The chosen language and whether `?lang=` chose it now (so the cookie is set).
    static func choose(_ request: Request, among languages: [String]) -> (code: String, chosenNow: Bool) {
        if let asked = request.uri.queryParameters.get("lang"), languages.contains(asked) { return (asked, true) }
        if let remembered = request.cookies[cookieName]?.value, languages.contains(remembered) {
            return (remembered, false)
        }
        for part in (request.headers[.acceptLanguage] ?? "").split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let primary = String(tag.prefix(2)).lowercased()
            if languages.contains(primary) { return (primary, false) }
        }
        return (languages.contains("en") ? "en" : languages.first ?? "en", false)
    }
}
