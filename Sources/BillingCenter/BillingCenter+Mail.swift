import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird
import IssuedDocuments
import Mailer

/// "E-mail me this": a signed-in user has an invoice or credit note of an account they may see sent to
/// their own address, through the relay set with `ledgerprint mail set`; the sending is recorded with
/// them as its actor. A document already e-mailed to that address is sent again only after a second
/// form, *Send again* (`again=yes`), as the CLI's `--again`.
extension BillingCenter {
    func addMailRoutes(to router: Router<BasicRequestContext>) {
        router.post("/accounts/{account}/documents/{file}/email") { request, context in
            try await self.emailDocument(
                request,
                accountID: context.parameters.require("account"),
                file: context.parameters.require("file")
            )
        }
    }

    /// Checks the form's CSRF token and the user's right to the document (404 otherwise), renders its PDF
    /// as the download gives it, sends it and answers with a page that says to whom it went.
    func emailDocument(_ request: Request, accountID: String, file: String) async throws -> Response {
        guard let context = try signedIn(request), let session = context.session else {
            return Self.redirect(to: "/sign-in")
        }
        let fields = try await form(request, csrfFor: context.sessionToken)
        let account = try visibleAccount(accountID, session)
        guard let (number, format) = Self.parseDocumentFile(file), format == "pdf" else { throw HTTPError(.notFound) }
        let issued = try desk.issued()
        let document: PrintableDocument
        let kind: String
        if number.series == .creditNote {
            guard let note = try? issued.creditNote(number), note.customer.accountID == account.id else {
                throw HTTPError(.notFound)
            }
            (document, kind) = (try issued.printable(note), "credit-note")
        } else {
            guard let invoice = try? store.invoice(number), invoice.customer.accountID == account.id else {
                throw HTTPError(.notFound)
            }
            (document, kind) = (try issued.printable(invoice, on: today), "invoice")
        }
        let back = "/accounts/" + Self.pathSegment(account.id) + "/invoices"
        if fields["again"] != "yes",
            let earlier = try store.sendings(kind: kind, reference: number.description).last(where: {
                $0.recipient.lowercased() == session.user.email.lowercased()
            })
        {
            let message = label("alreadyEmailed", context.language)
                .replacingOccurrences(of: "{document}", with: number.description)
                .replacingOccurrences(of: "{email}", with: earlier.recipient)
                .replacingOccurrences(of: "{when}", with: sentWhen(earlier, context.language))
            return try page(
                "email-again",
                ["message": .text(message), "action": .text(request.uri.path), "back": .text(back)],
                context: context
            )
        }
        let pdf = try desk.render(document, as: .pdf)
        let xml = try desk.fatturaPA(number)
        let store = self.store
        let templateFolder = pages.folder.deletingLastPathComponent()
        let user = session.user
        let name = "\(Self.fileStem(number))-\(account.id).pdf"
        do {
            let sending = try await Self.offMainLoop {
                let mailer = try DocumentMailer(
                    store: store,
                    templateFolder: templateFolder,
                    environment: ProcessInfo.processInfo.environment
                )
                let message = try mailer.message(
                    for: document,
                    pdf: MailAttachment(fileName: name, contentType: "application/pdf", data: pdf),
                    xml: xml.map {
                        MailAttachment(fileName: $0.fileName, contentType: "application/xml", data: $0.data)
                    },
                    to: try MailAddress(user.email, name: user.name)
                )
                let sending = try mailer.deliver(
                    message,
                    kind: kind,
                    reference: number.description,
                    accountID: account.id,
                    actor: user.actor,
                    again: true
                )
                return (sending, mailer.wording)
            }
            let message = sending.1.text(
                "sentToYou",
                context.language,
                ["document": number.description, "email": sending.0.recipient]
            )
            return try page(
                "emailed",
                ["message": .text(message), "back": .text(back)],
                context: context
            )
        } catch let error as MailError {
            settings.accessLog("e-mail of \(number) failed: \(error.description)")
            return try page(
                "error",
                ["status": .text("502"), "message": .text(error.description)],
                context: context,
                status: .badGateway
            )
        }
    }

    /// "on Nov 30, 2026 at 00:53 UTC" in `language`: when `sending` went out, dated as the documents date.
    func sentWhen(_ sending: MailSending, _ language: String) -> String {
        let text = sending.sentAt
        guard text.count >= 16, let date = try? CalendarDate(String(text.prefix(10))) else { return text }
        let time = String(text.dropFirst(11).prefix(5))
        return label("sentWhen", language)
            .replacingOccurrences(of: "{date}", with: Formatting(language: language).date(date))
            .replacingOccurrences(of: "{time}", with: time)
    }

    /// "Last e-mailed on …" for the invoices page, or `nil` when the document has not been e-mailed.
    func lastEmailed(kind: String, reference: String, _ language: String) throws -> TemplateValue {
        guard let last = try store.sendings(kind: kind, reference: reference).last else { return .null }
        return .text(label("lastEmailed", language).replacingOccurrences(of: "{when}", with: sentWhen(last, language)))
    }

    /// Runs the blocking SMTP dialogue on a thread of its own, not on the server's event loop.
    private static func offMainLoop<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
