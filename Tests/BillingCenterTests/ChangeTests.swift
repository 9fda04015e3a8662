import Billing
import BillingCenter
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import Testing

/// Changing an account on the web: each change through the router, with the rules and the amounts
/// of the CLI, recorded with the signed-in user as actor.
@Suite(.serialized) struct ChangeTests {
    static let rossi = "/accounts/ROSSI-IT"

    /// Signs `browser` in and returns the CSRF token of the manage page's forms.
    static func manageToken(_ browser: inout Browser, _ email: String, _ password: String) async throws -> String {
        try await browser.signIn(email, password)
        let page = String(buffer: try await browser.send(.get, rossi + "/manage").body)
        return try Browser.csrf(in: page)
    }

    /// The last event of `accountID`'s history.
    static func lastEvent(_ fixture: WebFixture, _ accountID: String) throws -> StoreEvent {
        try #require(try fixture.store.history(ofAccount: accountID).last?.event)
    }

    @Test(arguments: StoreKind.allCases) func aSeatChangeIsPreviewedThenConfirmedAndRecordedWithTheWebUserAsActor(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let invoicesBefore = try fixture.store.invoices(accountID: "ROSSI-IT").count
        try await fixture.test { client in
            var browser = Browser(client)
            let csrf = try await Self.manageToken(&browser, WebFixture.anna, "anna-password-1")
            let manage = String(buffer: try await browser.send(.get, Self.rossi + "/manage").body)
            #expect(manage.contains("action=\"/accounts/ROSSI-IT/subscriptions/SUB-ROSSI-1/change\""))
            #expect(manage.contains("name=\"seats\" type=\"number\" min=\"1\" step=\"1\" required value=\"7\""))
            let change = Self.rossi + "/subscriptions/SUB-ROSSI-1/change"
            let preview = try await browser.send(.post, change, form: ["csrf": csrf, "seats": "10"])
            let previewHTML = String(buffer: preview.body)
            #expect(preview.status == .ok)
            #expect(previewHTML.contains("Nothing has changed yet"))
            #expect(previewHTML.contains("Unused time on WebinarSeats Standard — 7 seats, annual"))
            #expect(previewHTML.contains("<input type=\"hidden\" name=\"confirm\" value=\"yes\">"))
            // The preview kept nothing.
            #expect(try fixture.store.subscription("SUB-ROSSI-1").selection.seats == 7)
            #expect(try fixture.store.invoices(accountID: "ROSSI-IT").count == invoicesBefore)
            let confirmed = try await browser.send(
                .post,
                change,
                form: ["csrf": csrf, "seats": "10", "confirm": "yes"]
            )
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.headers[.location] == "/accounts/ROSSI-IT/manage?done=changed")
            let after = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/manage?done=changed").body)
            #expect(after.contains("The subscription has been changed"))
            let overview = String(buffer: try await browser.send(.get, Self.rossi).body)
            #expect(overview.contains("<td class=\"num\">10</td>"))
        }
        #expect(try fixture.store.subscription("SUB-ROSSI-1").selection.seats == 10)
        #expect(try fixture.store.invoices(accountID: "ROSSI-IT").count == invoicesBefore + 1)
        let event = try Self.lastEvent(fixture, "ROSSI-IT")
        #expect(event.actor == .user(email: WebFixture.anna))
        guard case .change(let id, let selection) = event.action else {
            Issue.record("the last event is \(event.action.name), not a change")
            return
        }
        #expect(id == "SUB-ROSSI-1" && selection.seats == 10)
    }

    @Test(arguments: StoreKind.allCases) func thePreviewShowsTheAmountsTheCLIsPreviewPrints(
        _ kind: StoreKind
    ) async throws {
        // The same business date for both: the proration counts the days left from it.
        let fixture = try WebFixture(kind, today: try CalendarDate(Self.cliDate))
        let cli = try Self.run(
            ["subscription", "change", "SUB-ROSSI-1", "--tier", "pro", "--seats", "12", "--preview"],
            as: WebFixture.anna,
            fixture: fixture
        )
        // "… = EUR -1411.51", "tax 22% on EUR 2588.49: EUR 569.47", "total EUR 3157.96; … due EUR 2519.22"
        let cliAmounts = Self.amounts(in: cli, pattern: #"EUR (-?[0-9]+\.[0-9]{2})"#)
        let cliTotal = try #require(Self.amounts(in: cli, pattern: #"total EUR (-?[0-9]+\.[0-9]{2})"#).first)
        let cliDue = try #require(Self.amounts(in: cli, pattern: #"due EUR (-?[0-9]+\.[0-9]{2})"#).first)
        #expect(cliAmounts.count >= 6)
        try await fixture.test { client in
            var browser = Browser(client)
            let csrf = try await Self.manageToken(&browser, WebFixture.anna, "anna-password-1")
            let page = try await browser.send(
                .post,
                Self.rossi + "/subscriptions/SUB-ROSSI-1/change",
                form: ["csrf": csrf, "tier": "pro", "seats": "12", "frequency": "annual"]
            )
            let html = String(buffer: page.body)
            let webAmounts = Set(Self.amounts(in: html, pattern: #"(-?€[0-9,]+\.[0-9]{2})"#).map(Self.plain))
            for amount in cliAmounts { #expect(webAmounts.contains(amount), "the CLI's \(amount) is not on the page") }
            let total = try #require(
                Self.amounts(in: html, pattern: #"Total</th><td class="num total">([^<]+)<"#).first
            )
            let due = try #require(Self.amounts(in: html, pattern: #"Due</th><td class="num total">([^<]+)<"#).first)
            #expect(Self.plain(total) == cliTotal)
            #expect(Self.plain(due) == cliDue)
        }
    }

    @Test(arguments: StoreKind.allCases) func aLowerPlanAndACorporateAccountsFrequencyAreRefusedWithTheCLIsMessage(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try fixture.addUser(
            "ap@globexlearning.example",
            name: "Dana Ortiz",
            role: .contact,
            accounts: ["GLOBEX-US"],
            password: "dana-password-1"
        )
        let downgrade = try Self.run(
            ["subscription", "change", "SUB-ROSSI-1", "--tier", "lite", "--preview"],
            as: WebFixture.anna,
            fixture: fixture
        )
        #expect(downgrade.contains("please contact customer service"))
        try await fixture.test { client in
            var anna = Browser(client)
            let csrf = try await Self.manageToken(&anna, WebFixture.anna, "anna-password-1")
            let refused = try await anna.send(
                .post,
                Self.rossi + "/subscriptions/SUB-ROSSI-1/change",
                form: ["csrf": csrf, "tier": "lite"]
            )
            #expect(refused.status == .forbidden)
            let message = downgrade.replacingOccurrences(of: "ledgerprint: ", with: "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(String(buffer: refused.body).contains(message))

            var dana = Browser(client)
            try await dana.signIn("ap@globexlearning.example", "dana-password-1")
            let page = String(buffer: try await dana.send(.get, "/accounts/GLOBEX-US/manage").body)
            let frequency = try await dana.send(
                .post,
                "/accounts/GLOBEX-US/subscriptions/SUB-GLOBEX-1/change",
                form: ["csrf": try Browser.csrf(in: page), "frequency": "monthly"]
            )
            #expect(frequency.status == .forbidden)
            #expect(
                String(buffer: frequency.body).contains(
                    "corporate accounts are billed annually; ask your account representative to change the frequency"
                )
            )
            // A representative may: the preview is shown.
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let repPage = String(buffer: try await marco.send(.get, "/accounts/GLOBEX-US/manage").body)
            let repPreview = try await marco.send(
                .post,
                "/accounts/GLOBEX-US/subscriptions/SUB-GLOBEX-1/change",
                form: ["csrf": try Browser.csrf(in: repPage), "frequency": "monthly"]
            )
            #expect(repPreview.status == .ok)
            #expect(String(buffer: repPreview.body).contains("Preview of the change to"))
        }
        #expect(try fixture.store.subscription("SUB-ROSSI-1").selection.tierID == "standard")
        #expect(try fixture.store.subscription("SUB-GLOBEX-1").selection.frequency == .annual)
    }

    @Test(arguments: StoreKind.allCases) func cancelWithdrawAndReactivateEachShowOnThePageAndNameTheirActor(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-12-02"))
        // Bluefin's monthly period ends on 2026-11-30: cancelled and renewed by the system, it expires.
        try fixture.store.apply(
            StoreEvent(
                date: try CalendarDate("2026-11-29"),
                actor: .user(email: WebFixture.sam),
                action: .cancel(subscriptionID: "SUB-BLUEFIN-1")
            )
        )
        try fixture.store.apply(
            StoreEvent(
                date: try CalendarDate("2026-12-01"),
                actor: .system,
                action: .renew(subscriptionID: "SUB-BLUEFIN-1")
            )
        )
        #expect(try fixture.store.subscription("SUB-BLUEFIN-1").status == .expired)
        let bluefinInvoices = try fixture.store.invoices(accountID: "BLUEFIN-US").count
        try await fixture.test { client in
            var anna = Browser(client)
            let csrf = try await Self.manageToken(&anna, WebFixture.anna, "anna-password-1")
            let cancel = try await anna.send(
                .post,
                Self.rossi + "/subscriptions/SUB-ROSSI-1/cancel",
                form: ["csrf": csrf]
            )
            #expect(cancel.status == .seeOther)
            var page = String(buffer: try await anna.send(.get, Self.rossi + "/manage?done=cancelled").body)
            #expect(page.contains("The subscription is cancelled at the end of its period."))
            #expect(page.contains("<strong>Cancelled at period end</strong>"))
            #expect(page.contains("SUB-ROSSI-1/withdraw-cancel"))
            #expect(try Self.lastEvent(fixture, "ROSSI-IT").actor == .user(email: WebFixture.anna))
            let withdraw = try await anna.send(
                .post,
                Self.rossi + "/subscriptions/SUB-ROSSI-1/withdraw-cancel",
                form: ["csrf": csrf]
            )
            #expect(withdraw.status == .seeOther)
            page = String(buffer: try await anna.send(.get, Self.rossi + "/manage").body)
            #expect(page.contains("<strong>Active</strong>"))
            #expect(try fixture.store.subscription("SUB-ROSSI-1").status == .active)

            // Sam is a user, not a contact, on the web: a representative reactivates Bluefin's plan.
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let bluefin = String(buffer: try await marco.send(.get, "/accounts/BLUEFIN-US/manage").body)
            #expect(bluefin.contains("<strong>Expired</strong>"))
            let token = try Browser.csrf(in: bluefin)
            let reactivate = "/accounts/BLUEFIN-US/subscriptions/SUB-BLUEFIN-1/reactivate"
            let preview = try await marco.send(.post, reactivate, form: ["csrf": token])
            #expect(preview.status == .ok)
            #expect(String(buffer: preview.body).contains("Invoice it issues"))
            #expect(try fixture.store.subscription("SUB-BLUEFIN-1").status == .expired)
            let confirmed = try await marco.send(.post, reactivate, form: ["csrf": token, "confirm": "yes"])
            #expect(confirmed.headers[.location] == "/accounts/BLUEFIN-US/manage?done=reactivated")
            let after = String(buffer: try await marco.send(.get, "/accounts/BLUEFIN-US").body)
            #expect(after.contains("<td>Active</td>"))
        }
        #expect(try fixture.store.invoices(accountID: "BLUEFIN-US").count == bluefinInvoices + 1)
        #expect(try Self.lastEvent(fixture, "BLUEFIN-US").actor == .representative(name: "Marco Neri"))
    }

    // MARK: - The CLI

    /// The business date the CLI acts on in these tests.
    static let cliDate = "2026-11-29"

    /// Runs the built `ledgerprint` on the fixture's store, on ``cliDate``, as `actor`.
    static func run(_ arguments: [String], as actor: String, fixture: WebFixture) throws -> String {
        let binary = try #require(ledgerprintBinary, "the ledgerprint executable was not built")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--as", actor]
        process.currentDirectoryURL = repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["LEDGERPRINT_STORE"] = fixture.storeAddress
        environment["LEDGERPRINT_TODAY"] = cliDate
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// `ledgerprint` next to the test bundle or in `.build/debug`.
    static let ledgerprintBinary: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent(),
            repositoryRoot.appendingPathComponent(".build/debug"),
        ]
        for var folder in candidates {
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("ledgerprint")
                if FileManager.default.isExecutableFile(atPath: candidate.path), !candidate.hasDirectoryPath {
                    return candidate
                }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }()

    /// The first capture group of each match of `pattern` in `text`.
    static func amounts(in text: String, pattern: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// "-€1,411.51" as the CLI writes it: "-1411.51".
    static func plain(_ amount: String) -> String {
        amount.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: ",", with: "")
    }
}
