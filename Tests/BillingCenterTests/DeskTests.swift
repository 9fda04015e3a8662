import Billing
import BillingCenter
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import Testing

/// The representatives' desk: payments and voids on the web, as `payments record` and `invoices void`.
@Suite(.serialized) struct DeskTests {
    static let globex = "/accounts/GLOBEX-US"

    /// The invoice number and the amount left to pay of the first payment form on a desk page.
    static func firstOpenInvoice(_ html: String) throws -> (number: String, balance: String) {
        let form = try #require(html.range(of: "action=\"/accounts/GLOBEX-US/payments\""))
        let rest = String(html[form.upperBound...])
        let number = try #require(ChangeTests.amounts(in: rest, pattern: #"name="invoice" value="([^"]+)""#).first)
        let balance = try #require(ChangeTests.amounts(in: rest, pattern: #"name="amount"[^>]* value="([^"]+)""#).first)
        return (number, balance)
    }

    @Test(arguments: StoreKind.allCases) func aRepresentativeRecordsAPaymentOnceAndTheInvoiceIsPaid(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let desk = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            let (number, balance) = try Self.firstOpenInvoice(desk)
            let form = [
                "csrf": try Browser.csrf(in: desk), "invoice": number, "amount": balance, "reference": "ACH-WEB-1",
            ]
            let paid = try await marco.send(.post, Self.globex + "/payments", form: form)
            #expect(paid.status == .seeOther)
            #expect(paid.headers[.location] == "/accounts/GLOBEX-US/desk?done=payment-recorded")
            let invoices = String(buffer: try await marco.send(.get, Self.globex + "/invoices").body)
            let row = try #require(invoices.range(of: "<td class=\"id\">\(number)</td>"))
            #expect(invoices[row.upperBound...].prefix(400).contains("class=\"status paid\""))
            let again = try await marco.send(.post, Self.globex + "/payments", form: form)
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("ACH-WEB-1"))
        }
        let event = try #require(try fixture.store.history(ofAccount: "GLOBEX-US").last?.event)
        #expect(event.actor == .representative(name: "Marco Neri"))
        guard case .recordPayment(let id, _, _, _, let method) = event.action else {
            Issue.record("the last event is \(event.action.name)")
            return
        }
        #expect(id == "ACH-WEB-1" && method == "Bank transfer")
    }

    @Test(arguments: StoreKind.allCases) func aRepresentativeVoidsAnInvoiceWithACreditNote(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let notesBefore = try fixture.store.creditNotes().count
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let desk = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            let (number, _) = try Self.firstOpenInvoice(desk)
            let csrf = try Browser.csrf(in: desk)
            let noReason = try await marco.send(
                .post,
                Self.globex + "/invoices/void",
                form: ["csrf": csrf, "invoice": number, "reason": " "]
            )
            #expect(noReason.status == .unprocessableContent)
            let voided = try await marco.send(
                .post,
                Self.globex + "/invoices/void",
                form: ["csrf": csrf, "invoice": number, "reason": "Seats billed twice"]
            )
            #expect(voided.status == .seeOther)
            let invoices = String(buffer: try await marco.send(.get, Self.globex + "/invoices").body)
            #expect(invoices.contains("<td class=\"id\">\(number)</td><td>Seats billed twice</td>"))
            let other = try await marco.send(
                .post,
                Self.globex + "/invoices/void",
                form: ["csrf": csrf, "invoice": "1999/0001", "reason": "none of theirs"]
            )
            #expect(other.status == .notFound)
        }
        #expect(try fixture.store.creditNotes().count == notesBefore + 1)
        #expect(
            try fixture.store.history(ofAccount: "GLOBEX-US").last?.event.actor == .representative(name: "Marco Neri")
        )
    }

    @Test(arguments: StoreKind.allCases) func onlyRepresentativesHaveTheDesk(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind)
        let events = try fixture.store.history(ofAccount: "ROSSI-IT").count
        let number = try #require(try fixture.store.invoices(accountID: "ROSSI-IT").last?.number?.description)
        try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            let overview = String(buffer: try await anna.send(.get, "/accounts/ROSSI-IT").body)
            #expect(!overview.contains("/accounts/ROSSI-IT/desk"))
            let desk = try await anna.send(.get, "/accounts/ROSSI-IT/desk")
            #expect(desk.status == .forbidden)
            let csrf = try Browser.csrf(in: overview)
            let pay = try await anna.send(
                .post,
                "/accounts/ROSSI-IT/payments",
                form: ["csrf": csrf, "invoice": number, "amount": "1.00", "reference": "SELF-1"]
            )
            #expect(pay.status == .forbidden)
            let void = try await anna.send(
                .post,
                "/accounts/ROSSI-IT/invoices/void",
                form: ["csrf": csrf, "invoice": number, "reason": "I would rather not pay"]
            )
            #expect(void.status == .forbidden)
            var sam = Browser(client)
            try await sam.signIn(WebFixture.sam, "sam-password-1")
            #expect(try await sam.send(.get, "/accounts/ROSSI-IT/desk").status == .notFound)
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let repOverview = String(buffer: try await marco.send(.get, "/accounts/ROSSI-IT").body)
            #expect(repOverview.contains("href=\"/accounts/ROSSI-IT/desk\""))
        }
        #expect(try fixture.store.history(ofAccount: "ROSSI-IT").count == events)
    }
}
