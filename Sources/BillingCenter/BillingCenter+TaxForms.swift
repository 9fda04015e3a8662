import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// *Tax forms*: a user of a corporate account files a request for the vendor's W-9, a vendor form
/// or a regional form and follows it, as `ledgerprint w9 request` and `w9 list`; a fulfilled
/// request's packet can be downloaded again. Representatives' queue is in
/// `BillingCenter+TaxFormQueue.swift`.
extension BillingCenter {
    func addTaxFormRoutes(to router: Router<BasicRequestContext>) {
        router.get("/accounts/{account}/tax-forms") { request, context in
            guard let tab = try self.accountTab(request, context, doneKeys: ["tax-form-requested"]) else {
                return Self.redirect(to: "/sign-in")
            }
            return try self.taxFormsPage(tab.page, account: tab.account, notice: tab.notice)
        }
        router.post("/accounts/{account}/tax-forms") { request, context in
            try await self.requestTaxForm(request, accountID: context.parameters.require("account"))
        }
        router.get("/accounts/{account}/tax-forms/{file}") { request, context in
            try self.packetDownload(
                request,
                accountID: context.parameters.require("account"),
                file: context.parameters.require("file")
            )
        }
        addTaxFormQueueRoutes(to: router)
    }

    /// Whether `user` may file a tax-form request for `account`: a representative for any account,
    /// a user linked to it for a corporate one (the rule `W9Request.authorizeFiling` applies).
    func mayRequestTaxForm(_ account: Account, _ user: WebUser) -> Bool {
        user.role == .representative || (account.kind == .corporate && user.maySee(account: account.id))
    }

    /// The account's tax-form requests with their status, and the form to file one.
    func taxFormsPage(
        _ page: PageContext,
        account: Account,
        message: String? = nil,
        notice: String? = nil,
        fields: [String: String] = [:],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard let user = page.session?.user else { return Self.redirect(to: "/sign-in") }
        let base = "/accounts/" + Self.pathSegment(account.id)
        let rows = try store.w9Requests(accountID: account.id).reversed().map {
            taxFormRow($0, language: page.language, packet: base + "/tax-forms/" + Self.pathSegment($0.id) + ".pdf")
        }
        let chosen = W9FormType(rawValue: fields["form"] ?? "") ?? .w9
        var values: [String: TemplateValue] = [
            "account": accountValue(account, context: page), "requests": .list(rows),
            "mayRequest": .flag(mayRequestTaxForm(account, user)),
            "selfService": .flag(account.kind != .corporate),
            "forms": .list(
                W9FormType.allCases.map {
                    .object([
                        "value": .text($0.rawValue), "name": .text(label("taxForm-" + $0.rawValue, page.language)),
                        "selected": .flag($0 == chosen),
                    ])
                }
            ),
            "details": .text(fields["details"] ?? ""), "region": .text(fields["region"] ?? ""),
            "formName": .text(fields["formName"] ?? ""),
            "base": .text(base), "csrf": .text(page.sessionToken.map(Secrets.csrfToken) ?? ""),
        ]
        if let message { values["message"] = .text(message) }
        if let notice { values["notice"] = .text(notice) }
        return try self.page("taxforms", values, context: page, status: status)
    }

    /// One request as a table row: reference, form, details, who asked, when, status, packet.
    func taxFormRow(_ request: W9Request, language: String, packet: String) -> TemplateValue {
        let format = Formatting(language: language)
        let form = label("taxForm-" + request.formType.rawValue, language)
        return .object([
            "id": .text(request.id), "accountID": .text(request.accountID),
            "form": .text(form + (request.regionalForm.map { " — \($0.region): \($0.name)" } ?? "")),
            "details": .text(request.details),
            "requester": .text(request.requester.name), "requesterEmail": .text(request.requester.email),
            "submitted": .text(format.date(request.submittedOn)),
            "status": .text(label("taxFormStatus-" + request.status.rawValue, language)),
            "statusClass": .text(request.status == .fulfilled ? "paid" : "open"),
            "fulfilled": request.fulfilledOn.map { .text(format.date($0)) } ?? .null,
            "packet": request.status == .fulfilled ? .text(packet) : .null,
        ])
    }

    /// `POST /accounts/ID/tax-forms`: `form` (w9, vendor-form, regional-form), `details`, and for a
    /// regional form `region` and `formName`, as `ledgerprint w9 request ACCOUNT --form … --details …`.
    private func requestTaxForm(_ request: Request, accountID: String) async throws -> Response {
        guard let page = try signedIn(request), let session = page.session else { return Self.redirect(to: "/sign-in") }
        let account = try visibleAccount(accountID, session)
        let fields = try await form(request, csrfFor: page.sessionToken)
        func answer(_ message: String, _ status: HTTPResponse.Status) throws -> Response {
            try taxFormsPage(page, account: account, message: message, fields: fields, status: status)
        }
        do {
            try W9Request.authorizeFiling(by: session.user.actor, for: account)
            guard mayRequestTaxForm(account, session.user) else {
                return try answer(label("error-403", page.language), .forbidden)
            }
            guard let type = W9FormType(rawValue: fields["form"] ?? "") else {
                return try answer(label("taxFormChoose", page.language), .unprocessableContent)
            }
            func field(_ name: String) -> String { (fields[name] ?? "").trimmingCharacters(in: .whitespaces) }
            var regional: RegionalForm?
            if type == .regionalForm { regional = try RegionalForm(region: field("region"), name: field("formName")) }
            // The reference the CLI's `w9 request` gives when none is named.
            let reference = "W9-\(today.year)-\(String(format: "%04d", try store.w9Requests(accountID: nil).count + 1))"
            try perform(
                .requestW9(
                    requestID: reference,
                    accountID: account.id,
                    formType: type,
                    details: field("details"),
                    regionalForm: regional
                ),
                by: session.user
            )
            return Self.redirect(to: "/accounts/" + Self.pathSegment(account.id) + "/tax-forms?done=tax-form-requested")
        } catch let error as BillingError {
            return try answer(error.description, Self.status(of: error))
        } catch let error as StoreError {
            switch error {
            case .rejected(let billing): return try answer(billing.description, Self.status(of: billing))
            case .duplicate, .outOfDateOrder: return try answer(error.description, .conflict)
            default: throw error
            }
        }
    }

    /// `REQUEST.pdf` (or `.html`): the packet of a fulfilled request of the account, dated the day
    /// it was fulfilled, as `ledgerprint w9 print` prints it again; 404 for another account's,
    /// an open one, or none.
    private func packetDownload(_ request: Request, accountID: String, file: String) throws -> Response {
        guard let page = try signedIn(request) else { return Self.redirect(to: "/sign-in") }
        let account = try visibleAccount(accountID, page.session)
        guard let dot = file.lastIndex(of: "."), ["pdf", "html"].contains(file[file.index(after: dot)...]) else {
            throw HTTPError(.notFound)
        }
        let id = String(file[..<dot])
        guard let value = try store.w9Requests(accountID: account.id).first(where: { $0.id == id }),
            let fulfilledOn = value.fulfilledOn
        else { throw HTTPError(.notFound) }
        return try packet(
            value,
            account: account,
            issuedOn: fulfilledOn,
            format: String(file[file.index(after: dot)...])
        )
    }

    /// The packet of `value` for `account` dated `issuedOn`, rendered as `format` for download under
    /// the name `w9 print` gives it (`w9-packet-W9-2026-0001-GLOBEX-US.pdf`).
    func packet(_ value: W9Request, account: Account, issuedOn: CalendarDate, format: String) throws -> Response {
        let document = PrintableDocument.w9Packet(
            value,
            vendor: try desk.currentVendor(),
            account: account,
            issuedOn: issuedOn
        )
        return try rendered(
            document,
            format: format,
            fileName: "\(document.kind)-\(value.id)-\(account.id).\(format)",
            reference: value.id,
            accountID: account.id
        )
    }
}
