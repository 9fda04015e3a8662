import BillingCenter
import Foundation
import HTTPTypes
import Hummingbird
import LedgerprintTestSupport
import Testing

/// Who may open what: every account page and download, for each kind of user.
@Suite(.serialized) struct PermissionTests {
    enum Who: String, CaseIterable, Sendable {
        case anonymous, anna, sam, marco
    }

    /// The pages, with `{rossi}` and `{bluefin}` standing for an invoice of that account.
    static let table: [(Who, String, Int)] = [
        (.anonymous, "/accounts", 303),
        (.anonymous, "/accounts/ROSSI-IT", 303),
        (.anonymous, "/accounts/ROSSI-IT/documents/{rossi}.pdf", 303),
        (.anna, "/accounts", 200),
        (.anna, "/accounts/ROSSI-IT", 200),
        (.anna, "/accounts/ROSSI-IT/invoices", 200),
        (.anna, "/accounts/ROSSI-IT/statements", 200),
        (.anna, "/accounts/ROSSI-IT/documents/{rossi}.pdf", 200),
        (.anna, "/accounts/ROSSI-IT/statements/renewal-1.html", 200),
        (.anna, "/accounts/BLUEFIN-US", 404),
        (.anna, "/accounts/BLUEFIN-US/invoices", 404),
        (.anna, "/accounts/BLUEFIN-US/statements", 404),
        (.anna, "/accounts/BLUEFIN-US/documents/{bluefin}.html", 404),
        (.anna, "/accounts/BLUEFIN-US/statements/renewal-1.pdf", 404),
        (.anna, "/accounts/NO-SUCH-ACCOUNT", 404),
        (.sam, "/accounts/BLUEFIN-US", 200),
        (.sam, "/accounts/BLUEFIN-US/documents/{bluefin}.html", 200),
        (.sam, "/accounts/ROSSI-IT", 404),
        (.sam, "/accounts/ROSSI-IT/documents/{rossi}.html", 404),
        (.marco, "/accounts/ROSSI-IT", 200),
        (.marco, "/accounts/BLUEFIN-US/invoices", 200),
        (.marco, "/accounts/KLEIN-DE/statements", 200),
        (.marco, "/accounts/ROSSI-IT/documents/{rossi}.html", 200),
        (.marco, "/accounts/NO-SUCH-ACCOUNT", 404),
        (.anonymous, "/accounts/ROSSI-IT/manage", 303),
        (.anna, "/accounts/ROSSI-IT/manage", 200),
        (.anna, "/accounts/BLUEFIN-US/manage", 404),
        (.sam, "/accounts/BLUEFIN-US/manage", 200),
        (.sam, "/accounts/ROSSI-IT/manage", 404),
        (.marco, "/accounts/GLOBEX-US/manage", 200),
        (.anna, "/accounts/ROSSI-IT/corporate", 200),
        (.anna, "/accounts/GLOBEX-US/corporate", 404),
        (.anonymous, "/accounts/GLOBEX-US/corporate", 303),
        (.marco, "/accounts/GLOBEX-US/corporate", 200),
    ]

    @Test(arguments: StoreKind.allCases) func everyUserGetsWhatTheirRoleAllowsAndNothingElse(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let rossi = try fixture.invoiceStem(of: "ROSSI-IT")
        let bluefin = try fixture.invoiceStem(of: "BLUEFIN-US")
        let passwords: [Who: (String, String)] = [
            .anna: (WebFixture.anna, "anna-password-1"), .sam: (WebFixture.sam, "sam-password-1"),
            .marco: (WebFixture.marco, "marco-password-1"),
        ]
        let failures = try await fixture.test { client in
            var failures: [String] = []
            for who in Who.allCases {
                var browser = Browser(client)
                if let (email, password) = passwords[who] { try await browser.signIn(email, password) }
                for (user, path, expected) in Self.table where user == who {
                    let uri = path.replacingOccurrences(of: "{rossi}", with: rossi)
                        .replacingOccurrences(of: "{bluefin}", with: bluefin)
                    let status = try await browser.send(.get, uri).status.code
                    if status != expected { failures.append("\(who) GET \(uri): \(status), expected \(expected)") }
                }
            }
            return failures
        }
        #expect(failures == [])
    }

    @Test(arguments: StoreKind.allCases) func anotherAccountsInvoiceUnderYourOwnAccountIsNotFoundEither(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let bluefin = try fixture.invoiceStem(of: "BLUEFIN-US")
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            // Anna may see ROSSI-IT, but the invoice belongs to BLUEFIN-US: the same 404 as for nothing.
            let idor = try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(bluefin).pdf")
            #expect(idor.status == .notFound)
            let body = String(buffer: idor.body)
            #expect(body.contains("There is nothing here, or nothing you may see."))
            #expect(!body.contains("BLUEFIN"))
            let missing = try await browser.send(.get, "/accounts/ROSSI-IT/documents/invoice-2026-9999.pdf")
            #expect(missing.status == .notFound)
        }
    }
}
