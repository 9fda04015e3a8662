import BillingCenter
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import Testing

@Suite(.serialized) struct SignInTests {
    @Test(arguments: StoreKind.allCases) func theSignInPageHasAFormWithACSRFTokenAndTheSecurityHeaders(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            let page = try await browser.send(.get, "/sign-in")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("<form method=\"post\" action=\"/sign-in\">"))
            #expect(try Browser.csrf(in: html).count >= 40)
            #expect(!html.contains("<script"))
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[try #require(HTTPField.Name("Referrer-Policy"))] == "same-origin")
            let preCookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("lp_pre=") })
            #expect(preCookie.contains("HttpOnly"))
            #expect(preCookie.contains("SameSite=Lax"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aPasswordOpensASessionWithAnHttpOnlyLaxCookieAndShowsOnlyTheUsersAccounts(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            let answer = try await browser.signIn(WebFixture.anna, "anna-password-1")
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/accounts")
            let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("lp_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"))
            let accounts = String(buffer: try await browser.send(.get, "/accounts").body)
            #expect(accounts.contains("Studio Rossi S.r.l."))
            #expect(!accounts.contains("Bluefin Coaching LLC"))
            #expect(accounts.contains("Anna Bianchi"))
        }
        let kinds = try fixture.store.userEvents(email: WebFixture.anna).map(\.kind)
        #expect(kinds.suffix(1) == ["signed-in"])
    }

    @Test(arguments: StoreKind.allCases) func behindTLSTheSessionCookieIsSecure(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind, secureCookies: true)
        try await fixture.test { client in
            var browser = Browser(client)
            let answer = try await browser.signIn(WebFixture.anna, "anna-password-1")
            let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("lp_session=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aFormWithoutItsCSRFTokenIsRefused(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            _ = try await browser.send(.get, "/sign-in")
            let forged = try await browser.send(
                .post,
                "/sign-in",
                form: ["email": WebFixture.anna, "password": "anna-password-1", "csrf": "forged"]
            )
            #expect(forged.status == .forbidden)
            #expect(String(buffer: forged.body).contains("The form had expired or did not come from this site"))
            #expect(browser.cookies["lp_session"] == nil)
            // Signed in, a sign-out without the session's token leaves the session open.
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let signOut = try await browser.send(.post, "/sign-out", form: ["csrf": "forged"])
            #expect(signOut.status == .forbidden)
            #expect(try await browser.send(.get, "/accounts").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases) func signingOutEndsTheSession(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let session = try #require(browser.cookies["lp_session"])
            let accounts = String(buffer: try await browser.send(.get, "/accounts").body)
            let out = try await browser.send(.post, "/sign-out", form: ["csrf": try Browser.csrf(in: accounts)])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/sign-in")
            browser.cookies["lp_session"] = session  // an old copy of the cookie opens nothing
            let again = try await browser.send(.get, "/accounts")
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == "/sign-in")
        }
        #expect(try fixture.store.userEvents(email: WebFixture.anna).last?.kind == "signed-out")
    }

    @Test(arguments: StoreKind.allCases) func repeatedFailuresLockTheUserForAWhileAndAreRecorded(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            var statuses: [HTTPResponse.Status] = []
            for _ in 1...5 { statuses.append(try await browser.signIn(WebFixture.anna, "wrong-password").status) }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
            // Locked: the right password is refused too.
            let locked = try await browser.signIn(WebFixture.anna, "anna-password-1")
            #expect(locked.status == .tooManyRequests)
            #expect(String(buffer: locked.body).contains("sign-in is locked for a while"))
            fixture.clock.advance(901)
            #expect(try await browser.signIn(WebFixture.anna, "anna-password-1").status == .seeOther)
        }
        let events = try fixture.store.userEvents(email: WebFixture.anna)
        #expect(events.filter { $0.kind == "sign-in-failed" }.count == 5)
        #expect(events.contains { $0.kind == "locked" && $0.detail.contains("15 minutes") })
    }

    @Test(arguments: StoreKind.allCases) func anUnknownEMailAndAWrongPasswordGetTheSameAnswer(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            let unknown = try await browser.signIn("nobody@example.com", "whatever-password")
            let wrong = try await browser.signIn(WebFixture.sam, "whatever-password")
            #expect(unknown.status == .unauthorized && wrong.status == .unauthorized)
            #expect(String(buffer: unknown.body).contains("The e-mail or the password is wrong."))
            #expect(String(buffer: wrong.body).contains("The e-mail or the password is wrong."))
        }
    }

    @Test(arguments: StoreKind.allCases) func aSessionEndsAfterItsLifetime(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            fixture.clock.advance(8 * 3600 - 60)
            #expect(try await browser.send(.get, "/accounts").status == .ok)
            fixture.clock.advance(120)
            let expired = try await browser.send(.get, "/accounts")
            #expect(expired.status == .seeOther)
            #expect(expired.headers[.location] == "/sign-in")
        }
    }

    @Test(arguments: StoreKind.allCases) func aSignInLinkWorksOnceAndNotAfterItExpires(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind)
        let token = Secrets.token()
        let stale = Secrets.token()
        let now = fixture.clock.date
        try fixture.store.addSignInLink(
            tokenHash: Secrets.hash(token),
            email: WebFixture.sam,
            expiresAt: now.addingTimeInterval(1800),
            by: .representative(name: "Tests"),
            at: now
        )
        try fixture.store.addSignInLink(
            tokenHash: Secrets.hash(stale),
            email: WebFixture.sam,
            expiresAt: now.addingTimeInterval(60),
            by: .representative(name: "Tests"),
            at: now
        )
        try await fixture.test { client in
            var browser = Browser(client)
            let page = try await browser.send(.get, "/sign-in/link/\(token)")
            let csrf = try Browser.csrf(in: String(buffer: page.body))
            let first = try await browser.send(.post, "/sign-in/link", form: ["csrf": csrf, "token": token])
            #expect(first.status == .seeOther)
            #expect(String(buffer: try await browser.send(.get, "/accounts").body).contains("Bluefin Coaching LLC"))
            let second = try await browser.send(.post, "/sign-in/link", form: ["csrf": csrf, "token": token])
            #expect(second.status == .gone)
            fixture.clock.advance(61)
            let expired = try await browser.send(.post, "/sign-in/link", form: ["csrf": csrf, "token": stale])
            #expect(expired.status == .gone)
            #expect(String(buffer: expired.body).contains("has been used or has expired"))
        }
        #expect(fixture.log.all.allSatisfy { !$0.contains(token) })
        #expect(fixture.log.all.contains { $0.contains("GET /sign-in/link/… 200") })
    }

    @Test(arguments: StoreKind.allCases) func aLockedUserCanStillSignInWithALinkWhichLiftsTheLock(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let token = Secrets.token()
        try await fixture.test { client in
            var browser = Browser(client)
            for _ in 1...5 { try await browser.signIn(WebFixture.sam, "wrong-password") }
            #expect(try fixture.store.user(email: WebFixture.sam)?.lockedUntil != nil)
            try fixture.store.addSignInLink(
                tokenHash: Secrets.hash(token),
                email: WebFixture.sam,
                expiresAt: fixture.clock.date.addingTimeInterval(600),
                by: .representative(name: "Tests"),
                at: fixture.clock.date
            )
            let page = try await browser.send(.get, "/sign-in/link/\(token)")
            let csrf = try Browser.csrf(in: String(buffer: page.body))
            #expect(
                try await browser.send(.post, "/sign-in/link", form: ["csrf": csrf, "token": token]).status == .seeOther
            )
            #expect(try fixture.store.user(email: WebFixture.sam)?.lockedUntil == nil)
            #expect(try await browser.send(.get, "/").headers[.location] == "/accounts")
        }
    }

    @Test(arguments: StoreKind.allCases) func aDisabledUserCannotSignInAndTheirSessionsEnd(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.sam, "sam-password-1")
            try fixture.store.disableUser(
                email: WebFixture.sam,
                by: .representative(name: "Tests"),
                at: fixture.clock.date
            )
            #expect(try await browser.send(.get, "/accounts").status == .seeOther)
            #expect(try await browser.signIn(WebFixture.sam, "sam-password-1").status == .unauthorized)
        }
    }
}
