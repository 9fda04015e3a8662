import Billing
import BillingCenter
import Documents
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import Testing

/// Purchase orders and quotes on the web: a representative adds and closes POs, the billing contact
/// accepts a quote — the CLI's store actions, each with the signed-in user as actor.
@Suite(.serialized) struct CorporateTests {
    static let globex = "/accounts/GLOBEX-US"
    static let dana = "ap@globexlearning.example"

    static func fixture(_ kind: StoreKind) throws -> WebFixture {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        try fixture.addUser(
            Self.dana,
            name: "Dana Ortiz",
            role: .contact,
            accounts: ["GLOBEX-US"],
            password: "dana-password-1"
        )
        return fixture
    }

    static func lastEvent(_ fixture: WebFixture) throws -> StoreEvent {
        try #require(try fixture.store.history(ofAccount: "GLOBEX-US").last?.event)
    }

    @Test(arguments: StoreKind.allCases) func aRepresentativeAddsAndClosesAPurchaseOrder(_ kind: StoreKind) async throws
    {
        let fixture = try Self.fixture(kind)
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let page = String(buffer: try await marco.send(.get, Self.globex + "/corporate").body)
            #expect(page.contains("GX-2026-041"))
            #expect(page.contains("action=\"/accounts/GLOBEX-US/purchase-orders\""))
            let csrf = try Browser.csrf(in: page)
            let added = try await marco.send(
                .post,
                Self.globex + "/purchase-orders",
                form: [
                    "csrf": csrf, "number": "GX-2027-001", "amount": "150000.00", "from": "2027-01-01",
                    "to": "2027-12-31",
                ]
            )
            #expect(added.status == .seeOther)
            #expect(added.headers[.location] == "/accounts/GLOBEX-US/corporate?done=po-added")
            let after = String(buffer: try await marco.send(.get, Self.globex + "/corporate?done=po-added").body)
            #expect(after.contains("The purchase order has been added."))
            #expect(after.contains("<td class=\"id\">GX-2027-001</td><td class=\"num\">$150,000.00</td>"))
            #expect(after.contains("Not yet valid"))
            #expect(try Self.lastEvent(fixture).actor == .representative(name: "Marco Neri"))

            let closed = try await marco.send(
                .post,
                Self.globex + "/purchase-orders/close",
                form: ["csrf": csrf, "number": "GX-2026-041"]
            )
            #expect(closed.status == .seeOther)
            let list = String(buffer: try await marco.send(.get, Self.globex + "/corporate").body)
            #expect(list.contains("<td class=\"id\">GX-2026-041</td>"))
            #expect(list.contains("<td>Closed</td>"))
            let bad = try await marco.send(
                .post,
                Self.globex + "/purchase-orders",
                form: [
                    "csrf": csrf, "number": "GX-2027-002", "amount": "lots", "from": "2027-01-01", "to": "2027-12-31",
                ]
            )
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("class=\"message\""))
        }
        let orders = try fixture.store.account("GLOBEX-US").purchaseOrders
        #expect(orders.contains { $0.number == "GX-2027-001" })
        #expect(orders.first { $0.number == "GX-2026-041" }?.closedOn != nil)
        #expect(!orders.contains { $0.number == "GX-2027-002" })
    }

    @Test(arguments: StoreKind.allCases) func theBillingContactSeesThePurchaseOrdersButMayNotAddOne(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        let before = try fixture.store.account("GLOBEX-US").purchaseOrders.count
        try await fixture.test { client in
            var dana = Browser(client)
            try await dana.signIn(Self.dana, "dana-password-1")
            let page = String(buffer: try await dana.send(.get, Self.globex + "/corporate").body)
            #expect(page.contains("GX-2026-041"))
            #expect(!page.contains("action=\"/accounts/GLOBEX-US/purchase-orders\""))
            #expect(!page.contains("/purchase-orders/close"))
            let refused = try await dana.send(
                .post,
                Self.globex + "/purchase-orders",
                form: [
                    "csrf": try Browser.csrf(in: page), "number": "GX-2027-001", "amount": "1.00", "from": "2027-01-01",
                    "to": "2027-12-31",
                ]
            )
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("Only a vendor representative may do this."))
        }
        #expect(try fixture.store.account("GLOBEX-US").purchaseOrders.count == before)
    }

    /// Each PO shows what was invoiced against it and what is left, as issuing counts them: the
    /// invoices that name it, less those a credit note voided (added up here from the invoices).
    @Test(arguments: StoreKind.allCases) func eachPurchaseOrderShowsWhatWasInvoicedAgainstItAndWhatIsLeft(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        let account = try fixture.store.account("GLOBEX-US")
        let order = try #require(account.purchaseOrders.first { $0.number == "GX-2026-041" })
        let voided = Set(try fixture.store.creditNotes().map(\.invoiceNumber))
        let totals = try fixture.store.invoices(accountID: "GLOBEX-US")
            .filter { $0.purchaseOrderNumber == order.number && ($0.number.map { !voided.contains($0) } ?? false) }
            .map(\.grandTotal)
        #expect(!totals.isEmpty, "the sample invoices nothing against the PO: the test would prove nothing")
        let invoiced = try Money.sum(totals, in: account.currency)
        let format = Formatting(language: "en")
        try await fixture.test { client in
            var dana = Browser(client)
            try await dana.signIn(Self.dana, "dana-password-1")
            let page = String(buffer: try await dana.send(.get, Self.globex + "/corporate").body)
            #expect(page.contains("<th scope=\"col\" class=\"num\">Invoiced</th>"))
            #expect(page.contains("<th scope=\"col\" class=\"num\">Remaining</th>"))
            let row =
                "<td class=\"id\">GX-2026-041</td><td class=\"num\">\(format.money(order.cap))</td>"
                + "<td class=\"num\">\(format.money(invoiced))</td>"
                + "<td class=\"num\">\(format.money(try order.cap.minus(invoiced)))</td>"
            #expect(page.contains(row), "\(page)")
        }
    }

    @Test(arguments: StoreKind.allCases) func theBillingContactAcceptsAQuoteARepresentativePrepared(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        let current = try fixture.store.subscription("SUB-GLOBEX-1")
        var selection = current.selection
        selection.seats = 200
        try fixture.store.apply(
            StoreEvent(
                date: try CalendarDate("2026-11-20"),
                actor: .representative(name: "Marco Neri"),
                action: .prepareQuote(
                    quoteID: "Q-2026-0099",
                    subscriptionID: "SUB-GLOBEX-1",
                    selection: selection,
                    unitPrice: try Money(decimal: "450.00", currency: .usd),
                    validUntil: try CalendarDate("2026-12-31")
                )
            )
        )
        try await fixture.test { client in
            // A representative sees the quote but may not accept it for the customer: the CLI's rule.
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let repPage = String(buffer: try await marco.send(.get, Self.globex + "/corporate").body)
            #expect(repPage.contains("Q-2026-0099"))
            let repAccept = try await marco.send(
                .post,
                Self.globex + "/quotes/accept",
                form: ["csrf": try Browser.csrf(in: repPage), "quote": "Q-2026-0099"]
            )
            #expect(repAccept.status == .forbidden)
            #expect(String(buffer: repAccept.body).contains("only the billing contact (\(Self.dana)) may"))

            var dana = Browser(client)
            try await dana.signIn(Self.dana, "dana-password-1")
            let page = String(buffer: try await dana.send(.get, Self.globex + "/corporate").body)
            #expect(page.contains("<input type=\"hidden\" name=\"quote\" value=\"Q-2026-0099\">"))
            #expect(page.contains("$450.00"))
            let accepted = try await dana.send(
                .post,
                Self.globex + "/quotes/accept",
                form: ["csrf": try Browser.csrf(in: page), "quote": "Q-2026-0099"]
            )
            #expect(accepted.status == .seeOther)
            let after = String(buffer: try await dana.send(.get, Self.globex + "/corporate?done=quote-accepted").body)
            #expect(after.contains("The quote has been accepted"))
            #expect(after.contains("<td>Accepted</td>"))
            let unknown = try await dana.send(
                .post,
                Self.globex + "/quotes/accept",
                form: ["csrf": try Browser.csrf(in: page), "quote": "Q-NOT-HERS"]
            )
            #expect(unknown.status == .notFound)
        }
        #expect(try fixture.store.subscription("SUB-GLOBEX-1").selection.seats == 200)
        #expect(try fixture.store.quotes(ofAccount: "GLOBEX-US").first { $0.id == "Q-2026-0099" }?.status == .accepted)
        let accept = try #require(
            try fixture.store.history(ofAccount: "GLOBEX-US").last { entry in
                if case .acceptQuote = entry.event.action { return true }
                return false
            }
        )
        #expect(accept.event.actor == .user(email: Self.dana))
    }
}
