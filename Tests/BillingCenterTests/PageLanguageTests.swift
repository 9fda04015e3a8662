import BillingCenter
import Foundation
import Testing

/// Which language a page speaks: the user's explicit choice (`?lang=`, then its cookie), else the
/// language of the signed-in user's account (the one its documents are printed in), else the
/// browser's `Accept-Language`, else English.
@Suite struct PageLanguageTests {
    @Test func anItalianAccountsContactGetsItalianPagesFromAnEnglishBrowserUntilSheChooses() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            var anna = Browser(client, language: nil)
            anna.acceptLanguage = "en-US,en;q=0.9"
            // Before signing in there is no account: the browser decides.
            let signIn = String(buffer: try await anna.send(.get, "/sign-in").body)
            #expect(signIn.contains("<html lang=\"en\">"))
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            for path in ["/accounts", "/accounts/ROSSI-IT", "/accounts/ROSSI-IT/invoices"] {
                let page = String(buffer: try await anna.send(.get, path).body)
                #expect(page.contains("<html lang=\"it\">"), "\(path)")
            }
            let invoices = String(buffer: try await anna.send(.get, "/accounts/ROSSI-IT/invoices").body)
            #expect(invoices.contains("Fatture e note di credito"))
            #expect(anna.cookies["lp_lang"] == nil)
            // Her choice wins, and is remembered.
            let english = String(buffer: try await anna.send(.get, "/accounts/ROSSI-IT?lang=en").body)
            #expect(english.contains("<html lang=\"en\">") && english.contains("Payment method"))
            #expect(anna.cookies["lp_lang"] == "en")
            let next = String(buffer: try await anna.send(.get, "/accounts/ROSSI-IT/invoices").body)
            #expect(next.contains("<html lang=\"en\">") && next.contains("Invoices and credit notes"))
        }
    }

    @Test func theAccountsLanguageComesBeforeTheBrowsersAndARepresentativeKeepsTheBrowsers() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            // Sam's account (BLUEFIN-US) prints in English: an Italian browser does not change that.
            var sam = Browser(client, language: nil)
            sam.acceptLanguage = "it-IT,it;q=0.9"
            try await sam.signIn(WebFixture.sam, "sam-password-1")
            let overview = String(buffer: try await sam.send(.get, "/accounts/BLUEFIN-US").body)
            #expect(overview.contains("<html lang=\"en\">"))
            // A representative has no account of their own: the browser decides, whichever account they open.
            var marco = Browser(client, language: nil)
            marco.acceptLanguage = "de-DE,de;q=0.9"
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            for path in ["/accounts", "/accounts/ROSSI-IT", "/accounts/BLUEFIN-US"] {
                let page = String(buffer: try await marco.send(.get, path).body)
                #expect(page.contains("<html lang=\"de\">"), "\(path)")
            }
            // Without Accept-Language, English.
            var plain = Browser(client, language: nil)
            try await plain.signIn(WebFixture.marco, "marco-password-1")
            #expect(String(buffer: try await plain.send(.get, "/accounts").body).contains("<html lang=\"en\">"))
        }
    }
}
