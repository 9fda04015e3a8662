import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// The representatives' tax-form queue: every open request of every account, each printed and
/// marked fulfilled in one step, as `ledgerprint w9 print REQUEST` does — the packet is rendered
/// first and the request marked fulfilled only once it is, so a packet that cannot be printed
/// leaves the request open.
extension BillingCenter {
    func addTaxFormQueueRoutes(to router: Router<BasicRequestContext>) {
        router.get("/tax-forms") { request, _ in
            guard let page = try self.signedIn(request) else { return Self.redirect(to: "/sign-in") }
            return try self.taxFormQueuePage(page)
        }
        router.post("/tax-forms/print") { request, _ in try await self.printPacket(request) }
    }

    /// The open requests of every account, oldest first, then the fulfilled ones, newest first.
    ///
    /// Representatives only: anyone else gets 403.
    func taxFormQueuePage(
        _ page: PageContext,
        message: String? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        if let refusal = try representativesOnly(page) { return refusal }
        let all = try store.w9Requests(accountID: nil)
        let names = Dictionary(try store.accounts().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func row(_ request: W9Request) -> TemplateValue {
            let base = "/accounts/" + Self.pathSegment(request.accountID)
            guard
                case .object(var fields) = taxFormRow(
                    request,
                    language: page.language,
                    packet: base + "/tax-forms/" + Self.pathSegment(request.id) + ".pdf"
                )
            else { return .null }
            fields["accountName"] = .text(names[request.accountID] ?? request.accountID)
            fields["accountHref"] = .text(base + "/tax-forms")
            return .object(fields)
        }
        let open = all.filter { $0.status == .requested }.sorted { ($0.submittedOn, $0.id) < ($1.submittedOn, $1.id) }
        let fulfilled = all.filter { $0.status == .fulfilled }.sorted {
            ($0.fulfilledOn ?? $0.submittedOn, $0.id) > ($1.fulfilledOn ?? $1.submittedOn, $1.id)
        }
        var values: [String: TemplateValue] = [
            "open": .list(open.map(row)), "fulfilled": .list(fulfilled.map(row)),
            "csrf": .text(page.sessionToken.map(Secrets.csrfToken) ?? ""),
        ]
        if let message { values["message"] = .text(message) }
        return try self.page("taxformqueue", values, context: page, status: status)
    }

    /// `POST /tax-forms/print`: `request`, by a representative.
    ///
    /// Renders the packet as fulfilled
    /// today, then records `fulfil-w9` with the representative as actor, then answers the PDF (the
    /// CLI's order: nothing is recorded for a packet that cannot be printed). A request fulfilled
    /// before is printed again as of the day it was fulfilled, and nothing is recorded.
    private func printPacket(_ request: Request) async throws -> Response {
        guard let page = try signedIn(request), let session = page.session else { return Self.redirect(to: "/sign-in") }
        let fields = try await form(request, csrfFor: page.sessionToken)
        guard session.user.role == .representative else { return try taxFormQueuePage(page) }
        let id = fields["request"] ?? ""
        guard let value = try store.w9Requests(accountID: nil).first(where: { $0.id == id }) else {
            throw HTTPError(.notFound)
        }
        let account = try store.account(value.accountID)
        if let fulfilledOn = value.fulfilledOn {
            return try packet(value, account: account, issuedOn: fulfilledOn, format: "pdf")
        }
        let response: Response
        do {
            response = try packet(value.fulfilled(on: today), account: account, issuedOn: today, format: "pdf")
        } catch {
            let message = label("packetFailed", page.language) + " " + String(describing: error)
            return try taxFormQueuePage(page, message: message, status: .internalServerError)
        }
        do {
            try perform(.fulfilW9(requestID: id), by: session.user)
        } catch {
            return try taxFormQueuePage(page, message: error.description, status: .conflict)
        }
        return response
    }
}
