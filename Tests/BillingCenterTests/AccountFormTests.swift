import Billing
import BillingCenter
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import Testing

/// The payment method and the billing contact on the web, and who may post which form.
@Suite(.serialized) struct AccountFormTests {
    static let rossi = "/accounts/ROSSI-IT"
    static let luca = "luca.verdi@studiorossi.example"

    @Test(arguments: StoreKind.allCases) func aCardOrAnIBANIsSavedMaskedAndAFullCardNumberIsRefusedAsByTheCLI(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            let csrf = try await ChangeTests.manageToken(&browser, WebFixture.anna, "anna-password-1")
            let card = try await Self.post(
                &browser,
                "/payment-method",
                ["csrf": csrf, "kind": "card", "brand": "Visa", "lastFour": "1881", "expiry": "10/2029"]
            )
            #expect(card.status == .seeOther)
            var page = String(buffer: try await browser.send(.get, Self.rossi + "/manage?done=payment").body)
            #expect(page.contains("The payment method has been saved."))
            #expect(page.contains("Visa •••• 1881 (10/2029)"))
            #expect(try Self.lastEvent(fixture).actor == .user(email: WebFixture.anna))

            let full = try await browser.send(
                .post,
                Self.rossi + "/payment-method",
                form: [
                    "csrf": csrf, "kind": "card", "brand": "Visa", "lastFour": "4111111111111111", "expiry": "10/2029",
                ]
            )
            page = String(buffer: full.body)
            #expect(full.status == .unprocessableContent)
            #expect(page.contains("only the last four digits; full card numbers are never accepted or stored"))
            #expect(!page.contains("4111111111111111"))

            let iban = try await Self.post(
                &browser,
                "/payment-method",
                ["csrf": csrf, "kind": "iban", "iban": "IT60 X054 2811 1010 0000 0123 456"]
            )
            #expect(iban.status == .seeOther)
            page = String(buffer: try await browser.send(.get, Self.rossi).body)
            #expect(page.contains("SEPA direct debit IT …3456"))
            #expect(!page.contains("X0542811101000000123456"))

            let wrongIBAN = try await Self.post(
                &browser,
                "/payment-method",
                ["csrf": csrf, "kind": "iban", "iban": "IT61X0542811101000000123456"]
            )
            #expect(wrongIBAN.status == .unprocessableContent)
            #expect(String(buffer: wrongIBAN.body).contains("the check digits do not match"))
        }
        let method = try fixture.store.account("ROSSI-IT").paymentMethod
        #expect(method == .sepaDebit(country: "IT", lastFour: "3456"))
    }

    @Test(arguments: StoreKind.allCases) func appointingABillingContactHandsTheFormsToThem(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try Self.addLuca(to: fixture, as: .contact)
        try await fixture.test { client in
            var anna = Browser(client)
            let csrf = try await ChangeTests.manageToken(&anna, WebFixture.anna, "anna-password-1")
            let appoint = try await Self.post(
                &anna,
                "/billing-contact",
                ["csrf": csrf, "name": "Luca Verdi", "email": Self.luca]
            )
            #expect(appoint.status == .seeOther)
            let page = String(buffer: try await anna.send(.get, Self.rossi + "/manage?done=contact").body)
            #expect(page.contains("The billing contact has been appointed."))
            #expect(page.contains("Luca Verdi &lt;\(Self.luca)&gt;"))
            // Anna is no longer the billing contact: no forms, and her next change is refused.
            #expect(!page.contains("/payment-method\""))
            #expect(page.contains("Only the account&#39;s billing contact or a vendor representative can change"))
            let refused = try await Self.post(&anna, "/subscriptions/SUB-ROSSI-1/cancel", ["csrf": csrf])
            #expect(refused.status == .forbidden)
            var luca = Browser(client)
            try await luca.signIn(Self.luca, "luca-password-1")
            let lucaPage = String(buffer: try await luca.send(.get, Self.rossi + "/manage").body)
            #expect(lucaPage.contains("action=\"/accounts/ROSSI-IT/payment-method\""))
        }
        #expect(try fixture.store.account("ROSSI-IT").billingContact.email == Self.luca)
        #expect(try Self.lastEvent(fixture).actor == .user(email: WebFixture.anna))
        #expect(try fixture.store.subscription("SUB-ROSSI-1").status == .active)
    }

    @Test(arguments: StoreKind.allCases) func aUserWhoIsNotTheContactSeesNoFormsAndTheirPostsAreRefused(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try Self.addLuca(to: fixture, as: .user)
        let eventsBefore = try fixture.store.history(ofAccount: "ROSSI-IT").count
        try await fixture.test { client in
            var luca = Browser(client)
            try await luca.signIn(Self.luca, "luca-password-1")
            let page = try await luca.send(.get, Self.rossi + "/manage")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("WebinarSeats — Standard"))
            #expect(!html.contains("/subscriptions/SUB-ROSSI-1/change"))
            #expect(!html.contains("/payment-method\""))
            #expect(!html.contains("/billing-contact\""))
            // The sign-out form's token is the session's: a valid token, and still refused.
            let csrf = try Browser.csrf(in: html)
            for (path, form) in [
                ("/subscriptions/SUB-ROSSI-1/change", ["seats": "9", "confirm": "yes"]),
                ("/subscriptions/SUB-ROSSI-1/cancel", [:]),
                ("/payment-method", ["kind": "invoice"]),
                ("/billing-contact", ["name": "Luca Verdi", "email": Self.luca]),
            ] {
                let answer = try await luca.send(.post, Self.rossi + path, form: form.merging(["csrf": csrf]) { $1 })
                #expect(answer.status == .forbidden, "\(path)")
            }
        }
        #expect(try fixture.store.history(ofAccount: "ROSSI-IT").count == eventsBefore)
    }

    @Test(arguments: StoreKind.allCases) func aFormWithoutTheSessionsCSRFTokenChangesNothing(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            let forged = try await Self.post(
                &anna,
                "/subscriptions/SUB-ROSSI-1/change",
                ["csrf": "forged", "seats": "20", "confirm": "yes"]
            )
            #expect(forged.status == .forbidden)
            #expect(String(buffer: forged.body).contains("The form had expired or did not come from this site"))
            let missing = try await anna.send(.post, Self.rossi + "/payment-method", form: ["kind": "invoice"])
            #expect(missing.status == .forbidden)
        }
        #expect(try fixture.store.subscription("SUB-ROSSI-1").selection.seats == 7)
        #expect(try fixture.store.account("ROSSI-IT").paymentMethod != .invoice)
    }

    enum Who: String, CaseIterable, Sendable { case anonymous, sam, luca, marco, anna }

    /// A purchase order's fields.
    static let po = ["number": "PO-1", "amount": "1000.00", "from": "2027-01-01", "to": "2027-12-31"]

    /// Who posts which form, in this order (each row acts on the store the rows before left), and the answer.
    static let table: [(Who, String, [String: String], Int)] = [
        (.anonymous, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/cancel", [:], 303),
        (.anonymous, "/accounts/ROSSI-IT/payment-method", ["kind": "invoice"], 303),
        (.sam, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/cancel", [:], 404),
        (.sam, "/accounts/ROSSI-IT/billing-contact", ["name": "Sam", "email": WebFixture.sam], 404),
        (.sam, "/accounts/BLUEFIN-US/subscriptions/SUB-BLUEFIN-1/cancel", [:], 403),
        (.luca, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/change", ["seats": "8"], 403),
        (.luca, "/accounts/ROSSI-IT/payment-method", ["kind": "invoice"], 403),
        (.anna, "/accounts/BLUEFIN-US/subscriptions/SUB-BLUEFIN-1/cancel", [:], 404),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-BLUEFIN-1/cancel", [:], 404),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/explode", [:], 404),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/change", ["seats": "8"], 200),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/change", ["seats": "many"], 422),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/change", ["tier": "lite"], 403),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/withdraw-cancel", [:], 422),
        (.anna, "/accounts/ROSSI-IT/payment-method", ["kind": "card", "brand": "Visa", "expiry": "13/2030"], 422),
        (.anna, "/accounts/ROSSI-IT/payment-method", ["kind": "invoice"], 303),
        (.anna, "/accounts/GLOBEX-US/purchase-orders", po, 404),
        (.anna, "/accounts/ROSSI-IT/purchase-orders", po, 403),
        (.luca, "/accounts/ROSSI-IT/purchase-orders", po, 403),
        (.anna, "/accounts/ROSSI-IT/quotes/accept", ["quote": "Q-NONE"], 404),
        (.marco, "/accounts/GLOBEX-US/purchase-orders/close", ["number": "GX-NONE"], 404),
        (.marco, "/accounts/ROSSI-IT/purchase-orders", po, 303),
        (.marco, "/accounts/KLEIN-DE/subscriptions/SUB-KLEIN-1/change", ["tier": "lite"], 200),
        (.marco, "/accounts/GLOBEX-US/subscriptions/SUB-GLOBEX-1/cancel", [:], 303),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/cancel", [:], 303),
        (.anna, "/accounts/ROSSI-IT/billing-contact", ["name": "Luca Verdi", "email": luca], 303),
        (.anna, "/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/withdraw-cancel", [:], 403),
    ]

    @Test(arguments: StoreKind.allCases) func everyFormAnswersAsTheUsersRoleAllows(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind)
        try Self.addLuca(to: fixture, as: .user)
        let passwords: [Who: (String, String)] = [
            .anna: (WebFixture.anna, "anna-password-1"), .sam: (WebFixture.sam, "sam-password-1"),
            .marco: (WebFixture.marco, "marco-password-1"), .luca: (Self.luca, "luca-password-1"),
        ]
        let failures = try await fixture.test { client in
            var browsers: [Who: Browser] = [:]
            var tokens: [Who: String] = [:]
            for who in Who.allCases {
                var browser = Browser(client)
                if let (email, password) = passwords[who] {
                    try await browser.signIn(email, password)
                    tokens[who] = try Browser.csrf(in: String(buffer: try await browser.send(.get, "/accounts").body))
                }
                browsers[who] = browser
            }
            var failures: [String] = []
            for (who, path, form, expected) in Self.table {
                guard var browser = browsers[who] else { continue }
                let fields = form.merging(["csrf": tokens[who] ?? "none"]) { $1 }
                let status = try await browser.send(.post, path, form: fields).status.code
                if status != expected {
                    failures.append("\(who) POST \(path) \(form): \(status), expected \(expected)")
                }
                browsers[who] = browser
            }
            return failures
        }
        #expect(failures == [])
        #expect(try fixture.store.account("ROSSI-IT").billingContact.email == Self.luca)
        #expect(try fixture.store.subscription("SUB-GLOBEX-1").status == .pendingCancellation)
        #expect(try fixture.store.subscription("SUB-KLEIN-1").selection.tierID == "pro")
        #expect(try fixture.store.account("ROSSI-IT").purchaseOrders.map(\.number) == ["PO-1"])
    }

    /// Luca Verdi, a user of Studio Rossi with `role`, password "luca-password-1".
    static func addLuca(to fixture: WebFixture, as role: WebRole) throws {
        try fixture.addUser(
            Self.luca,
            name: "Luca Verdi",
            role: role,
            accounts: ["ROSSI-IT"],
            password: "luca-password-1"
        )
    }

    /// `browser` posts `form` to Studio Rossi's `path` (`/payment-method`).
    static func post(_ browser: inout Browser, _ path: String, _ form: [String: String]) async throws -> WebResponse {
        try await browser.send(.post, Self.rossi + path, form: form)
    }

    static func lastEvent(_ fixture: WebFixture) throws -> StoreEvent {
        try #require(try fixture.store.history(ofAccount: "ROSSI-IT").last?.event)
    }
}
