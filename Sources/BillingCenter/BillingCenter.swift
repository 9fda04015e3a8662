import Billing
import Canvas
import Documents
import Foundation
import HistoryStore
import Hummingbird
import Logging

/// The web Billing Center: customers sign in and see their accounts, invoices and statements.
///
/// Representatives see every account. Pages are rendered on the server from `Templates/web/`
/// and need no JavaScript.
///
/// ```swift
/// let center = try BillingCenter(store: store, templateFolder: templates, fonts: fonts)
/// let app = Application(router: center.router(), configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
/// ```
///
/// Every request that reads an account checks, on the server, that the signed-in user may see it;
/// an account, invoice or statement they may not see is answered 404, as if it did not exist.
public final class BillingCenter: Sendable {
    /// Where users, sessions and the billing history are.
    public let store: any BillingStore
    /// The settings it was started with.
    public let settings: BillingCenterSettings
    let pages: PageTemplates
    let desk: DocumentDesk
    /// A bcrypt hash compared when no user has the e-mail given, so that answer takes as long as a wrong password.
    let decoyHash: String

    /// Loads the document templates of `templateFolder` and the pages of its `web/` folder.
    ///
    /// - Throws: ``DocumentError`` naming a template, stylesheet or labels file that is missing or wrong.
    public init(
        store: any BillingStore,
        templateFolder: URL,
        fonts: FontLibrary,
        settings: BillingCenterSettings = BillingCenterSettings()
    ) throws(DocumentError) {
        self.store = store
        self.settings = settings
        pages = try PageTemplates(folder: templateFolder.appendingPathComponent("web"))
        desk = try DocumentDesk(
            store: store,
            templateFolder: templateFolder,
            fonts: fonts,
            renderers: settings.renderers
        )
        decoyHash = (try? Secrets.hashPassword("decoy-password-never-used", cost: settings.bcryptCost)) ?? ""
    }

    /// The routes, behind the access log, the security headers and the error pages.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.addMiddleware {
            AccessLogMiddleware(log: settings.accessLog)
            SecurityHeadersMiddleware()
            ErrorPageMiddleware(center: self)
        }
        router.get("/") { request, _ in try self.home(request) }
        router.get("/static/web.css") { _, _ in try self.stylesheet() }
        addSignInRoutes(to: router)
        addAccountRoutes(to: router)
        addMailRoutes(to: router)
        return router
    }

    /// The signed-in session of `request`, if its cookie names one that has not ended.
    func session(of request: Request) throws -> WebSession? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty else { return nil }
        return try store.session(tokenHash: Secrets.hash(token), at: settings.clock())
    }

    /// `/`: the accounts when signed in, else the sign-in page.
    private func home(_ request: Request) throws -> Response {
        Self.redirect(to: try session(of: request) == nil ? "/sign-in" : "/accounts")
    }

    private func stylesheet() throws -> Response {
        guard let css = pages.stylesheets["web.css"] else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "max-age=300"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: css)))
    }

    /// The session cookie's name.
    static let sessionCookie = "lp_session"

    /// A 303 to `path` (after a form, or to sign in).
    static func redirect(to path: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = path
        return Response(status: .seeOther, headers: headers)
    }
}

extension BillingCenter {
    /// Serves the Billing Center on `host`:`port` until SIGINT or SIGTERM, then finishes the requests under way.
    ///
    /// `onListening` is told once the port is open.
    public func serve(host: String, port: Int, onListening: @escaping @Sendable () -> Void = {}) async throws {
        var logger = Logger(label: "ledgerprint-serve")
        logger.logLevel = .warning
        let app = Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "Ledgerprint"),
            onServerRunning: { _ in onListening() },
            logger: logger
        )
        try await app.runService()
    }
}
