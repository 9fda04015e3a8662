import Billing
import BillingCenter
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// Partial payments, overpayments kept as account credit and refunds of that credit on the desk, as
/// `payments record`, `payments record --allow-overpayment` and `payments refund` do them.
@Suite(.serialized) struct DeskPaymentTests {
    static let globex = DeskTests.globex

    /// `text` (such as "69000.00") as US dollars.
    static func dollars(_ text: String) throws -> Money { try Money(decimal: text, currency: .usd) }

    @Test(arguments: StoreKind.allCases) func aPartialPaymentLeavesTheRestOpenAndTheInvoiceSaysPartlyPaid(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let format = Formatting(language: "en")
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let desk = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            let (number, balanceText) = try DeskTests.firstOpenInvoice(desk)
            let balance = try Self.dollars(balanceText)
            let part = Money(minorUnits: balance.minorUnits / 4, currency: .usd)
            let rest = Money(minorUnits: balance.minorUnits - part.minorUnits, currency: .usd)
            let csrf = try Browser.csrf(in: desk)
            let paid = try await marco.send(
                .post,
                Self.globex + "/payments",
                form: ["csrf": csrf, "invoice": number, "amount": part.decimalString, "reference": "ACH-PART-1"]
            )
            #expect(paid.headers[.location] == "/accounts/GLOBEX-US/desk?done=payment-recorded")
            let after = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            #expect(try DeskTests.firstOpenInvoice(after) == (number, rest.decimalString))
            let invoices = String(buffer: try await marco.send(.get, Self.globex + "/invoices").body)
            let row = try #require(invoices.range(of: "<td class=\"id\">\(number)</td>"))
            let cells = invoices[row.upperBound...].prefix(500)
            // The first open invoice of Globex is past its due date: it says both.
            #expect(cells.contains("class=\"status overdue\">Overdue, partly paid"))
            #expect(cells.contains(format.money(rest)))

            // More than the rest, without saying so, is the store's refusal, on the page; nothing is recorded.
            let more = Money(minorUnits: rest.minorUnits + 100, currency: .usd)
            let refused = try await marco.send(
                .post,
                Self.globex + "/payments",
                form: ["csrf": csrf, "invoice": number, "amount": more.decimalString, "reference": "ACH-PART-2"]
            )
            #expect(refused.status.code >= 400)
            #expect(String(buffer: refused.body).contains("would pay invoice \(number) twice"))
        }
        let payments = try fixture.store.ledgerInputs(ofAccount: "GLOBEX-US", before: try CalendarDate("2026-12-01"))
            .payments.map(\.id)
        #expect(payments.contains("ACH-PART-1") && !payments.contains("ACH-PART-2"))
    }

    @Test(arguments: StoreKind.allCases) func anOverpaymentBecomesCreditThatTheNextInvoiceUsesOrThatIsRefunded(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let format = Formatting(language: "en")
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let desk = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            #expect(
                desk.contains("Account credit: <span class=\"num\">\(format.money(try Self.dollars("0.00")))</span>")
            )
            #expect(!desk.contains("action=\"/accounts/GLOBEX-US/refunds\""))
            let (number, balanceText) = try DeskTests.firstOpenInvoice(desk)
            let over = Money(minorUnits: try Self.dollars(balanceText).minorUnits + 250_00, currency: .usd)
            let csrf = try Browser.csrf(in: desk)
            let paid = try await marco.send(
                .post,
                Self.globex + "/payments",
                form: [
                    "csrf": csrf, "invoice": number, "amount": over.decimalString, "reference": "ACH-OVER-1",
                    "overpay": "yes",
                ]
            )
            #expect(paid.headers[.location] == "/accounts/GLOBEX-US/desk?done=overpayment-recorded")
            let after = String(buffer: try await marco.send(.get, Self.globex + "/desk?done=overpayment-recorded").body)
            #expect(after.contains("what was more than the invoice&#39;s balance is kept as account credit"))
            #expect(after.contains("Account credit: <span class=\"num\">$250.00</span>"))
            #expect(after.contains("action=\"/accounts/GLOBEX-US/refunds\""))
            let invoices = String(buffer: try await marco.send(.get, Self.globex + "/invoices").body)
            let row = try #require(invoices.range(of: "<td class=\"id\">\(number)</td>"))
            #expect(invoices[row.upperBound...].prefix(500).contains("class=\"status paid\""))
            let overview = String(buffer: try await marco.send(.get, Self.globex).body)
            #expect(overview.contains("Credit in the account&#39;s favour"), "\(overview)")

            // Refunds: never more than the credit, with the store's message; a part leaves the rest.
            let tooMuch = try await marco.send(
                .post,
                Self.globex + "/refunds",
                form: ["csrf": csrf, "amount": "300.00", "reference": "RF-WEB-1"]
            )
            #expect(tooMuch.status == .unprocessableContent)
            #expect(
                String(buffer: tooMuch.body).contains(
                    "account GLOBEX-US has USD 250.00 of credit to refund, not USD 300.00"
                )
            )
            let refunded = try await marco.send(
                .post,
                Self.globex + "/refunds",
                form: ["csrf": csrf, "amount": "100.00", "reference": "RF-WEB-1"]
            )
            #expect(refunded.headers[.location] == "/accounts/GLOBEX-US/desk?done=credit-refunded")
            let left = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            #expect(left.contains("Account credit: <span class=\"num\">$150.00</span>"))

            // The next invoice uses what is left, as the CLI's change does: the preview shows it applied.
            let manage = String(buffer: try await marco.send(.get, Self.globex + "/manage").body)
            let seats = try #require(
                ChangeTests.amounts(in: manage, pattern: #"name="seats"[^>]* value="([0-9]+)""#).first.flatMap {
                    Int($0)
                }
            )
            let preview = try await marco.send(
                .post,
                Self.globex + "/subscriptions/SUB-GLOBEX-1/change",
                form: ["csrf": csrf, "seats": String(seats + 10)]
            )
            let text = String(buffer: preview.body)
            let applied = try #require(text.range(of: "Account credit applied"))
            #expect(text[applied.upperBound...].prefix(200).contains("150.00"), "\(text)")
        }
        let history = try fixture.store.history(ofAccount: "GLOBEX-US").map(\.event)
        let refund = try #require(history.last { $0.action.name == "refund-credit" })
        #expect(refund.actor == .representative(name: "Marco Neri"))
        #expect(history.contains { $0.action.name == "record-overpayment" && $0.actor == refund.actor })
    }

    @Test(arguments: StoreKind.allCases) func onlyRepresentativesRefundCredit(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            let csrf = try Browser.csrf(in: String(buffer: try await anna.send(.get, "/accounts").body))
            let form = ["csrf": csrf, "amount": "1.00", "reference": "RF-ANNA"]
            #expect(try await anna.send(.post, "/accounts/ROSSI-IT/refunds", form: form).status == .forbidden)
            #expect(try await anna.send(.post, Self.globex + "/refunds", form: form).status == .notFound)
        }
    }
}
