import Documents
import Foundation
import HistoryStore
import Hummingbird

/// Rendering a page: the template's values plus what every page shows (labels, language links,
/// who is signed in, the sign-out form's CSRF token).
extension BillingCenter {
    /// What a page needs to know about the request it answers.
    struct PageContext {
        var language: String
        var chosenNow: Bool
        var session: WebSession?
        var sessionToken: String?
        var path: String
    }

    func pageContext(_ request: Request) throws -> PageContext {
        // The cookies parsed once, for the session and the language.
        let cookies = request.cookies
        let token = cookies[Self.sessionCookie]?.value
        let session = try token.flatMap { token in
            token.isEmpty ? nil : try store.session(tokenHash: Secrets.hash(token), at: settings.clock())
        }
        let (language, chosenNow) = PageLanguage.choose(
            request,
            cookies: cookies,
            among: pages.languages,
            account: accountLanguage(session)
        )
        return PageContext(
            language: language,
            chosenNow: chosenNow,
            session: session,
            sessionToken: token,
            path: request.uri.path
        )
    }

    /// The language of the signed-in user's accounts (the `locale` their documents are printed in),
    /// when they all have the same; `nil` for a representative, who has none, or without a session.
    func accountLanguage(_ session: WebSession?) -> String? {
        guard let user = session?.user, user.role != .representative, !user.accountIDs.isEmpty else { return nil }
        let locales = (try? store.locales(ofAccounts: user.accountIDs)) ?? []
        let languages = Set(locales.map(PageLanguage.primary))
        return languages.count == 1 ? languages.first : nil
    }

    /// The labels of `language` as template values.
    func labels(_ language: String) -> TemplateValue {
        pages.labelValues[language] ?? .object([:])
    }

    /// A label in `language`.
    func label(_ key: String, _ language: String) -> String { pages.labels[language]?[key] ?? key }

    /// The HTML page `template` with `values`, answered with `status`.
    func page(
        _ template: String,
        _ values: [String: TemplateValue],
        context: PageContext,
        status: HTTPResponse.Status = .ok,
        cookies: [Cookie] = []
    ) throws -> Response {
        var all = values
        all["t"] = labels(context.language)
        all["lang"] = .text(context.language)
        all["title"] = .text(label("title-" + template, context.language))
        all["tab" + template.prefix(1).uppercased() + template.dropFirst()] = .flag(true)
        all["languages"] = .list(
            pages.languages.map { code in
                .object([
                    "code": .text(code), "href": .text(context.path + "?lang=" + code),
                    "current": .flag(code == context.language),
                ])
            }
        )
        if let session = context.session, let token = context.sessionToken {
            all["user"] = .object([
                "name": .text(session.user.name), "email": .text(session.user.email),
                "representative": .flag(session.user.role == .representative),
            ])
            all["signOutToken"] = .text(Secrets.csrfToken(for: token))
        }
        let html = try pages.render(template, .object(all))
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        var response = Response(
            status: status,
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: html))
        )
        if context.chosenNow {
            response.setCookie(
                Cookie(
                    name: PageLanguage.cookieName,
                    value: context.language,
                    maxAge: 365 * 86400,
                    path: "/",
                    secure: settings.secureCookies,
                    httpOnly: true,
                    sameSite: .lax
                )
            )
        }
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// A downloadable file: its type, a safe name in `Content-Disposition`, never cached.
    static func download(_ data: Data, fileName: String, contentType: String, inline: Bool = false) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentDisposition] = "\(inline ? "inline" : "attachment"); filename=\"\(safeFileName(fileName))\""
        headers[.cacheControl] = "private, no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `name` with only letters, digits, `.`, `-` and `_` (anything else becomes `_`), never starting with a dot.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            }
        )
        return cleaned.hasPrefix(".") ? "_" + cleaned.dropFirst() : cleaned
    }
}
