import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// "E-mail me": the invoice goes to the signed-in user's own address, recorded with them as actor.
@Suite(
    .serialized,
    .enabled(if: SMTPTestServer.isAvailable, "needs .build/python with aiosmtpd: run `make setup`")
)
struct MailWebTests {
    /// Sets the store's mail relay to the test SMTP server, as `ledgerprint mail set` does.
    static func relay(_ fixture: WebFixture, to server: SMTPTestServer) throws {
        try fixture.store.apply(
            StoreEvent(
                date: try CalendarDate("2026-11-27"),
                actor: .representative(name: "Tests"),
                action: .setMailRelay(
                    MailRelay(
                        security: "plain",
                        host: "127.0.0.1",
                        port: server.port,
                        from: "billing@webinarseats.example"
                    )
                )
            )
        )
    }

    @Test(arguments: StoreKind.allCases) func theButtonSendsThePDFToTheSignedInUserAndRecordsThemAsActor(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let server = try SMTPTestServer()
        try Self.relay(fixture, to: server)
        let stem = try fixture.invoiceStem(of: "ROSSI-IT")
        let number = try #require(try fixture.store.invoices(accountID: "ROSSI-IT").last?.number?.description)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let page = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/invoices").body)
            #expect(page.contains("action=\"/accounts/ROSSI-IT/documents/\(stem).pdf/email\""))
            let csrf = try Browser.csrf(in: page)
            let forged = try await browser.send(
                .post,
                "/accounts/ROSSI-IT/documents/\(stem).pdf/email",
                form: ["csrf": "x"]
            )
            #expect(forged.status == .forbidden)
            let other = try await browser.send(
                .post,
                "/accounts/BLUEFIN-US/documents/\(stem).pdf/email",
                form: ["csrf": csrf]
            )
            #expect(other.status == .notFound)
            let sent = try await browser.send(
                .post,
                "/accounts/ROSSI-IT/documents/\(stem).pdf/email",
                form: ["csrf": csrf]
            )
            #expect(sent.status == .ok)
            #expect(String(buffer: sent.body).contains("has been sent to \(WebFixture.anna)"))
        }
        #expect(server.messages().count == 1)
        let message = try SMTPTestServer.decode(try #require(server.messages().first))
        #expect(message["toAddress"] as? String == WebFixture.anna)
        let attachments = try #require(message["attachments"] as? [[String: String]])
        let pdf = try #require(attachments.first.flatMap { $0["data"] }.flatMap { Data(base64Encoded: $0) })
        #expect(try poppler("pdftotext", on: pdf).contains(number))
        let sendings = try fixture.store.sendings(kind: "invoice", reference: number)
        #expect(sendings.map(\.actor) == [WebFixture.anna])
    }

    @Test(arguments: StoreKind.allCases) func aSecondPressAsksFirstAndSaysWhenItWasLastSent(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let server = try SMTPTestServer()
        try Self.relay(fixture, to: server)
        let stem = try fixture.invoiceStem(of: "ROSSI-IT")
        let number = try #require(try fixture.store.invoices(accountID: "ROSSI-IT").last?.number?.description)
        let address = "/accounts/ROSSI-IT/documents/\(stem).pdf/email"
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let before = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/invoices").body)
            #expect(!before.contains("Last e-mailed"))
            let csrf = try Browser.csrf(in: before)
            #expect(try await browser.send(.post, address, form: ["csrf": csrf]).status == .ok)
            let sentAt = try #require(try fixture.store.sendings(kind: "invoice", reference: number).last?.sentAt)
            let date = try CalendarDate(String(sentAt.prefix(10)))
            let when = "on \(Formatting(language: "en").date(date)) at \(sentAt.dropFirst(11).prefix(5)) UTC"
            let after = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/invoices").body)
            #expect(after.contains("Last e-mailed \(when)"), "\(after)")

            let asked = try await browser.send(.post, address, form: ["csrf": csrf])
            #expect(asked.status == .ok)
            let page = String(buffer: asked.body)
            #expect(page.contains("\(number) was already e-mailed to \(WebFixture.anna) \(when). Send it again?"))
            #expect(page.contains("name=\"again\" value=\"yes\""))
            #expect(page.contains("action=\"\(address)\""))
            #expect(server.messages().count == 1)

            let italian = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/invoices?lang=it").body)
            #expect(italian.contains("Ultimo invio per e-mail il \(Formatting(language: "it").date(date))"))
            let again = try await browser.send(.post, address, form: ["csrf": csrf, "again": "yes"])
            #expect(again.status == .ok)
            #expect(String(buffer: again.body).contains(WebFixture.anna))
        }
        #expect(server.messages().count == 2)
        #expect(
            try fixture.store.sendings(kind: "invoice", reference: number).map(\.actor) == [
                WebFixture.anna, WebFixture.anna,
            ]
        )
    }
}
