import Billing
import BillingCenter
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// What made the overview cheaper (one read with a balance added up by a query, the catalog decoded
/// only when it changed, the access log's time, the session token's hash) changes nothing a user sees.
@Suite(.serialized) struct OverviewFreshnessTests {
    @Test(arguments: StoreKind.allCases) func theOverviewShowsAPlanRenamedAndAPaymentRecordedByTheCLIAtTheNextRequest(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let subscription = try #require(try fixture.store.subscriptions(ofAccount: "ROSSI-IT").first)
        let before = try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            return String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT").body)
        }
        #expect(before.contains("€638.74"))
        // What `plans edit` and `payments record` (without --invoice) store, from another process.
        var catalog = try fixture.store.catalog()
        let index = try #require(catalog.products.firstIndex { $0.id == subscription.selection.productID })
        catalog.products[index].name = "Webinar Rooms"
        let rep = Actor.representative(name: "Tests")
        let day = try CalendarDate("2026-11-28")
        try fixture.store.apply(StoreEvent(date: day, actor: rep, action: .setCatalog(catalog)))
        try fixture.store.apply(
            StoreEvent(
                date: day,
                actor: rep,
                action: .recordPayment(
                    paymentID: "BANK-7781",
                    accountID: "ROSSI-IT",
                    invoice: nil,
                    amount: Money(minorUnits: 10_000, currency: .eur),
                    method: "Bank transfer"
                )
            )
        )
        let after = try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            return String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT").body)
        }
        #expect(after.contains("<td>Webinar Rooms — "))
        #expect(!before.contains("Webinar Rooms"))
        // In credit by 100.00 more, as the statement closes the day.
        let statement = try fixture.store.statement(
            ofAccount: "ROSSI-IT",
            for: DatePeriod(start: try CalendarDate("2026-11-29"), end: try CalendarDate("2026-11-30"))
        )
        #expect(statement.closingBalance == Money(minorUnits: -73_874, currency: .eur))
        #expect(after.contains("€738.74"))
    }

    @Test(arguments: StoreKind.allCases) func theAccessLogsTimeIsISO8601InUTCToTheSecond(_ kind: StoreKind) async throws
    {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            _ = try await browser.send(.get, "/accounts/ROSSI-IT")
        }
        let formatter = ISO8601DateFormatter()
        for line in fixture.log.all {
            let time = String(line.prefix { $0 != " " })
            let parsed = try #require(formatter.date(from: time), "\(line)")
            #expect(formatter.string(from: parsed) == time)
            #expect(abs(parsed.timeIntervalSinceNow) < 120)
        }
        #expect(fixture.log.all.count == 3)
    }

    @Test func aSessionTokenIsKeptAsTheHexOfItsSHA256() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.hash("").hasPrefix("e3b0c44298fc1c149afbf4c8996fb924"))
    }
}
