import Billing
import Documents
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird

/// The headers every answer carries: no script at all, no framing, no sniffing, no referrer
/// leaving the site.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// `default-src 'none'`: only the site's own stylesheet and images; forms post to the site only.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'"
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "same-origin"
        return response
    }
}

/// One line per request on the access log.
///
/// Time, method, path (a sign-in link's token replaced by `…`), status and milliseconds. Never a
/// query, a cookie or a form field.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: @Sendable (String) -> Void

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - start
            let milliseconds =
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            let time = Self.timestamp(Date())
            log("\(time) \(request.method) \(Self.loggedPath(request.uri.path)) \(status) \(milliseconds)ms")
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }

    /// `date` as ISO 8601 in UTC to the second, `2026-11-29T10:15:00Z`: what `ISO8601DateFormatter`
    /// writes, without making one (a formatter cost more than the rest of the line).
    static func timestamp(_ date: Date) -> String {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down))
        let (days, second) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, secondOfDay) = second < 0 ? (days - 1, second + 86_400) : (days, second)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return CalendarDate(dayNumber: day).description + "T" + two(secondOfDay / 3600) + ":"
            + two(secondOfDay / 60 % 60) + ":" + two(secondOfDay % 60) + "Z"
    }

    /// The path with a sign-in link's token left out.
    static func loggedPath(_ path: String) -> String {
        path.hasPrefix("/sign-in/link/") ? "/sign-in/link/…" : path
    }
}

/// Turns every error into a page in the user's language with its status: no stack trace, no
/// message from inside; an unexpected error is a 500 "something went wrong", its description on
/// standard error only.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let center: BillingCenter

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            return try errorPage(request, status: error.status, key: error.body == "form-expired" ? "formExpired" : nil)
        } catch let error as any HTTPResponseError {
            return try errorPage(request, status: error.status, key: nil)
        } catch let error as StoreError {
            guard case .unreachable = error else { throw error }
            // The database went away (a restart): this request fails, the next one connects again.
            FileHandle.standardError.write(
                Data("ledgerprint serve: \(request.method) \(request.uri.path): \(error)\n".utf8)
            )
            return try unavailablePage(request)
        } catch {
            FileHandle.standardError.write(
                Data("ledgerprint serve: \(request.method) \(request.uri.path): \(error)\n".utf8)
            )
            return try errorPage(request, status: .internalServerError, key: nil)
        }
    }

    /// 503 with a short page, made without the store (the session is not looked up: the store is
    /// what failed); the browser is asked to retry after a few seconds.
    private func unavailablePage(_ request: Request) throws -> Response {
        let (language, _) = PageLanguage.choose(
            request,
            cookies: request.cookies,
            among: center.pages.languages,
            account: nil
        )
        let pageContext = BillingCenter.PageContext(
            language: language,
            chosenNow: false,
            session: nil,
            sessionToken: nil,
            path: request.uri.path
        )
        var response = try center.page(
            "error",
            ["status": .number(503), "message": .text(center.label("error-503", language))],
            context: pageContext,
            status: .serviceUnavailable
        )
        response.headers[.retryAfter] = "5"
        return response
    }

    private func errorPage(_ request: Request, status: HTTPResponse.Status, key: String?) throws -> Response {
        let pageContext = try center.pageContext(request)
        let language = pageContext.language
        let messageKey = key ?? "error-\(status.code)"
        let message = center.pages.labels[language]?[messageKey] ?? center.label("error-other", language)
        return try center.page(
            "error",
            ["status": .number(Int64(status.code)), "message": .text(message)],
            context: pageContext,
            status: status
        )
    }
}

extension HTTPField.Name {
    /// `X-Frame-Options`, for browsers that do not read `frame-ancestors`.
    static let xFrameOptions = HTTPField.Name("X-Frame-Options") ?? .contentSecurityPolicy
    /// `Referrer-Policy`.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy") ?? .contentSecurityPolicy
}
