import Documents
import Foundation
import HistoryStore
import Hummingbird

/// Signing in with a password or a one-time link, and signing out.
///
/// The sign-in forms carry a CSRF token derived from a random pre-session cookie (`lp_pre`); the
/// sign-out form one derived from the session cookie. A wrong password answers 401 with one message
/// whether or not the e-mail is known; after ``LockoutPolicy/slowAfter`` failures each answer waits,
/// and after ``LockoutPolicy/lockAfter`` the user is locked (429) for ``LockoutPolicy/lockFor``.
extension BillingCenter {
    static let preSessionCookie = "lp_pre"

    func addSignInRoutes(to router: Router<BasicRequestContext>) {
        router.get("/sign-in") { request, _ in try self.signInPage(request) }
        router.post("/sign-in") { request, _ in try await self.signIn(request) }
        router.get("/sign-in/link/{token}") { request, context in
            try self.linkPage(request, token: context.parameters.require("token"))
        }
        router.post("/sign-in/link") { request, _ in try await self.signInWithLink(request) }
        router.post("/sign-out") { request, _ in try await self.signOut(request) }
    }

    /// The form's CSRF token and the pre-session cookie to set when the browser has none yet.
    private func preSession(_ request: Request) -> (csrf: String, cookie: Cookie?) {
        if let value = request.cookies[Self.preSessionCookie]?.value, value.count >= 32 {
            return (Secrets.csrfToken(for: value), nil)
        }
        let value = Secrets.token()
        return (Secrets.csrfToken(for: value), cookie(Self.preSessionCookie, value, maxAge: 3600))
    }

    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: name,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: settings.secureCookies,
            httpOnly: true,
            sameSite: .lax
        )
    }

    private func signInPage(
        _ request: Request,
        message: String? = nil,
        email: String = "",
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let context = try pageContext(request)
        if context.session != nil, message == nil { return Self.redirect(to: "/accounts") }
        let (csrf, cookie) = preSession(request)
        var values: [String: TemplateValue] = ["csrf": .text(csrf), "email": .text(email)]
        if let message { values["message"] = .text(message) }
        return try page("sign-in", values, context: context, status: status, cookies: cookie.map { [$0] } ?? [])
    }

    /// Reads a form, refusing one whose CSRF token does not match `expected` (403).
    func form(_ request: Request, csrfFor cookieValue: String?) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: settings.maximumBodySize)
        let fields = FormFields.parse(String(buffer: body))
        guard let cookieValue, let sent = fields["csrf"], Secrets.same(sent, Secrets.csrfToken(for: cookieValue)) else {
            throw HTTPError(.forbidden, message: "form-expired")
        }
        return fields
    }

    private func signIn(_ request: Request) async throws -> Response {
        let fields = try await form(request, csrfFor: request.cookies[Self.preSessionCookie]?.value)
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = fields["password"] ?? ""
        let now = settings.clock()
        let language = PageLanguage.choose(request, among: pages.languages).code
        guard let user = try store.user(email: email) else {
            _ = Secrets.verify(password, hash: decoyHash)
            try store.recordFailedSignIn(email: email, policy: settings.lockout, at: now)
            return try signInPage(
                request,
                message: label("wrongPassword", language),
                email: email,
                status: .unauthorized
            )
        }
        if let until = user.lockedUntil, until > now {
            return try signInPage(request, message: label("locked", language), email: email, status: .tooManyRequests)
        }
        // The hash is compared whatever the user's state, so a disabled user's answer takes as long.
        let matches = Secrets.verify(password, hash: user.passwordHash ?? decoyHash)
        guard matches, !user.isDisabled, user.passwordHash != nil else {
            let after = try store.recordFailedSignIn(email: email, policy: settings.lockout, at: now)
            if user.failedAttempts + 1 >= settings.lockout.slowAfter {
                try await Task.sleep(for: settings.lockout.delay)
            }
            if let until = after?.lockedUntil, until > now {
                return try signInPage(
                    request,
                    message: label("locked", language),
                    email: email,
                    status: .tooManyRequests
                )
            }
            return try signInPage(
                request,
                message: label("wrongPassword", language),
                email: email,
                status: .unauthorized
            )
        }
        return try openSession(for: user, method: "password", at: now)
    }

    private func openSession(for user: WebUser, method: String, at now: Date) throws -> Response {
        let token = Secrets.token()
        try store.openSession(
            tokenHash: Secrets.hash(token),
            userID: user.id,
            method: method,
            expiresAt: now.addingTimeInterval(settings.sessionLifetime),
            at: now
        )
        var response = Self.redirect(to: "/accounts")
        response.setCookie(cookie(Self.sessionCookie, token, maxAge: Int(settings.sessionLifetime)))
        return response
    }

    private func linkPage(_ request: Request, token: String) throws -> Response {
        let context = try pageContext(request)
        let (csrf, cookie) = preSession(request)
        return try page(
            "sign-in-link",
            ["csrf": .text(csrf), "token": .text(token)],
            context: context,
            cookies: cookie.map { [$0] } ?? []
        )
    }

    private func signInWithLink(_ request: Request) async throws -> Response {
        let fields = try await form(request, csrfFor: request.cookies[Self.preSessionCookie]?.value)
        let now = settings.clock()
        guard let token = fields["token"], let user = try store.useSignInLink(tokenHash: Secrets.hash(token), at: now)
        else {
            let language = PageLanguage.choose(request, among: pages.languages).code
            return try signInPage(request, message: label("linkInvalid", language), status: .gone)
        }
        return try openSession(for: user, method: "sign-in link", at: now)
    }

    private func signOut(_ request: Request) async throws -> Response {
        let token = request.cookies[Self.sessionCookie]?.value
        _ = try await form(request, csrfFor: token)
        if let token { try store.endSession(tokenHash: Secrets.hash(token), at: settings.clock()) }
        var response = Self.redirect(to: "/sign-in")
        response.setCookie(cookie(Self.sessionCookie, "", maxAge: 0))
        return response
    }
}

/// The fields of an `application/x-www-form-urlencoded` body.
enum FormFields {
    /// Each `name=value` pair, `+` as space and percent-escapes decoded; the first of a repeated name wins.
    static func parse(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
