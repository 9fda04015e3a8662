import BillingCenter
import Foundation
import HTTPTypes
import Hummingbird
import LedgerprintTestSupport
import Testing

/// The Billing Center on PostgreSQL with a pool of connections (`serve --connections`): requests
/// answered side by side each get their own answer, and a server restart costs one request.
@Suite("The Billing Center on a pool of PostgreSQL connections")
struct PostgresPoolWebTests {
    /// What one request expects: who asks, the path, the status and a text its page holds.
    struct Expected: Sendable {
        var email: String
        var path: String
        var status: Int
        var text: String?
    }

    static let requests: [Expected] = [
        Expected(email: WebFixture.anna, path: "/accounts/ROSSI-IT", status: 200, text: "<h1>Studio Rossi S.r.l.</h1>"),
        Expected(email: WebFixture.sam, path: "/accounts/BLUEFIN-US", status: 200, text: "Bluefin"),
        Expected(email: WebFixture.anna, path: "/accounts/ROSSI-IT/invoices", status: 200, text: "invoice-"),
        Expected(email: WebFixture.anna, path: "/accounts/BLUEFIN-US", status: 404, text: nil),
        Expected(email: WebFixture.marco, path: "/accounts/KLEIN-DE/statements", status: 200, text: "renewal-1"),
        Expected(email: WebFixture.sam, path: "/accounts/ROSSI-IT/invoices", status: 404, text: nil),
    ]

    @Test func manyRequestsAtOnceEachGetTheirOwnUsersAnswer() async throws {
        let fixture = try WebFixture(.postgres, connections: 3)
        try await fixture.test { client in
            var browsers: [String: Browser] = [:]
            for (email, password) in [
                (WebFixture.anna, "anna-password-1"), (WebFixture.sam, "sam-password-1"),
                (WebFixture.marco, "marco-password-1"),
            ] {
                var browser = Browser(client)
                try await browser.signIn(email, password)
                browsers[email] = browser
            }
            let signedIn = browsers
            // 60 requests, 6 kinds by 3 users, all sent at once over 3 connections.
            let answers = try await withThrowingTaskGroup(of: (Int, Int, String).self) { group in
                for index in 0..<60 {
                    let expected = Self.requests[index % Self.requests.count]
                    var browser = try #require(signedIn[expected.email])
                    group.addTask {
                        let response = try await browser.send(.get, expected.path)
                        return (index, Int(response.status.code), String(buffer: response.body))
                    }
                }
                var all: [(Int, Int, String)] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(answers.count == 60)
            for (index, status, html) in answers {
                let expected = Self.requests[index % Self.requests.count]
                #expect(status == expected.status, "\(expected.email) \(expected.path)")
                if let text = expected.text { #expect(html.contains(text), "\(expected.email) \(expected.path)") }
            }
        }
    }

    @Test func aRestartedDatabaseServerCostsOneRequestA503AndTheNextIsAnswered() async throws {
        guard ThrowAwayPostgres.isAvailable else {
            try Test.cancel(Comment(rawValue: ThrowAwayPostgres.unavailableReason ?? "no PostgreSQL server"))
        }
        // A server of its own: restarting the shared one would cut every other test's connections.
        let server = try ThrowAwayPostgres.ownServer()
        let fixture = try WebFixture(.postgres, postgresAddress: try server.newDatabase(), connections: 3)
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            // Several requests at once, so the pool holds several connections when the server restarts.
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    let browser = marco
                    group.addTask {
                        var browser = browser
                        return Int(try await browser.send(.get, "/accounts/ROSSI-IT").status.code)
                    }
                }
                for try await status in group { #expect(status == 200) }
            }
            try server.restart()

            let failed = try await marco.send(.get, "/accounts/ROSSI-IT")
            #expect(failed.status == .serviceUnavailable)
            #expect(failed.headers[.retryAfter] == "5")
            let page = String(buffer: failed.body)
            #expect(page.contains("The billing records cannot be reached just now. Please try again in a moment."))
            #expect(!page.contains("postgres"))
            for _ in 0..<4 {
                let next = try await marco.send(.get, "/accounts/ROSSI-IT")
                #expect(next.status == .ok)
                #expect(String(buffer: next.body).contains("<h1>Studio Rossi S.r.l.</h1>"))
            }
        }
    }
}
