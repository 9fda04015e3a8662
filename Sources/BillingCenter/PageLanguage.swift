import Hummingbird

/// The language a page is shown in: `?lang=` (remembered in a cookie), else the cookie, else the
/// language of the signed-in user's account (the one its documents are printed in), else the
/// browser's `Accept-Language`, else English.
struct PageLanguage {
    static let cookieName = "lp_lang"

    /// The chosen language and whether `?lang=` chose it now (so the cookie is set); `account` is the
    /// signed-in user's account's language, if they have one.
    ///
    /// `cookies` are the request's, when already parsed; `account` is worked out only when neither
    /// `?lang=` nor the cookie has chosen.
    static func choose(
        _ request: Request,
        cookies: Cookies? = nil,
        among languages: [String],
        account: @autoclosure () -> String? = nil
    ) -> (code: String, chosenNow: Bool) {
        if let asked = request.uri.queryParameters.get("lang"), languages.contains(asked) { return (asked, true) }
        if let remembered = (cookies ?? request.cookies)[cookieName]?.value, languages.contains(remembered) {
            return (remembered, false)
        }
        if let account = account().map(primary), languages.contains(account) { return (account, false) }
        for part in (request.headers[.acceptLanguage] ?? "").split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if languages.contains(primary(tag)) { return (primary(tag), false) }
        }
        return (languages.contains("en") ? "en" : languages.first ?? "en", false)
    }

    /// The primary language of a tag or locale: `it` of `it-IT`, `de` of `de_DE`.
    static func primary(_ tag: String) -> String {
        String(tag.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
