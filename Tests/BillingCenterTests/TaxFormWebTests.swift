import Billing
import BillingCenter
import Canvas
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import Testing

/// Tax forms on the web: a user of a corporate account files a request and follows it; a
/// representative prints the packet from the queue, which marks it fulfilled — the CLI's
/// `w9 request` and `w9 print`, each recorded with the signed-in user as actor.
@Suite(.serialized) struct TaxFormWebTests {
    static let globex = "/accounts/GLOBEX-US"
    static let priya = "priya.shah@globexlearning.example"

    /// The samples plus Priya, a user (not the billing contact) of the corporate account GLOBEX-US.
    static func fixture(_ kind: StoreKind) throws -> WebFixture {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        try fixture.addUser(
            Self.priya,
            name: "Priya Shah",
            role: .user,
            accounts: ["GLOBEX-US"],
            password: "priya-password-1"
        )
        return fixture
    }

    static func lastEvent(_ fixture: WebFixture) throws -> StoreEvent {
        try #require(try fixture.store.history(ofAccount: "GLOBEX-US").last?.event)
    }

    /// Priya files a vendor-form request the way the form sends it.
    static func fileRequest(_ browser: inout Browser, form: [String: String]) async throws -> WebResponse {
        let page = String(buffer: try await browser.send(.get, Self.globex + "/tax-forms").body)
        var fields = form
        fields["csrf"] = try Browser.csrf(in: page)
        return try await browser.send(.post, Self.globex + "/tax-forms", form: fields)
    }

    @Test(arguments: StoreKind.allCases) func aUserOfACorporateAccountRequestsATaxFormAndSeesItsStatus(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        try await fixture.test { client in
            var priya = Browser(client)
            try await priya.signIn(Self.priya, "priya-password-1")
            let before = String(buffer: try await priya.send(.get, Self.globex + "/tax-forms").body)
            #expect(before.contains("<td class=\"id\">W9-2025-0007</td><td>Form W-9</td>"))
            #expect(
                before.contains(
                    "<span class=\"status paid\">Fulfilled</span> <span class=\"small date\">Nov 4, 2025</span>"
                )
            )
            #expect(before.contains("action=\"/accounts/GLOBEX-US/tax-forms\""))
            let filed = try await Self.fileRequest(
                &priya,
                form: ["form": "vendor-form", "details": "Supplier onboarding for FY2027"]
            )
            #expect(filed.status == .seeOther)
            #expect(filed.headers[.location] == "/accounts/GLOBEX-US/tax-forms?done=tax-form-requested")
            let after = String(
                buffer: try await priya.send(.get, Self.globex + "/tax-forms?done=tax-form-requested").body
            )
            #expect(after.contains("Your request has been filed."))
            #expect(
                after.contains(
                    "<td class=\"id\">W9-2026-0002</td><td>Vendor form</td><td>Supplier onboarding for FY2027</td><td>Priya Shah<br><span class=\"small\">priya.shah@globexlearning.example</span></td>"
                )
            )
            #expect(after.contains("<span class=\"status open\">Requested</span>"))

            // A regional form must name its region and form: the store's message, nothing filed.
            let incomplete = try await Self.fileRequest(
                &priya,
                form: ["form": "regional-form", "details": "CA withholding", "region": "California"]
            )
            #expect(incomplete.status == .unprocessableContent)
            let message = String(buffer: incomplete.body)
            #expect(message.contains("a country code such as IT, or a state within it such as US-CA"))
            #expect(message.contains("value=\"CA withholding\""))
            let regional = try await Self.fileRequest(
                &priya,
                form: ["form": "regional-form", "details": "CA withholding", "region": "US-CA", "formName": "Form 590"]
            )
            #expect(regional.status == .seeOther)
        }
        let requests = try fixture.store.w9Requests(accountID: "GLOBEX-US")
        #expect(requests.map(\.id) == ["W9-2025-0007", "W9-2026-0002", "W9-2026-0003"])
        let vendorForm = try fixture.store.w9Request("W9-2026-0002")
        #expect(vendorForm.formType == .vendorForm && vendorForm.status == .requested)
        #expect(vendorForm.requester.email == Self.priya)
        #expect(try fixture.store.w9Request("W9-2026-0003").regionalForm?.name == "Form 590")
        #expect(try Self.lastEvent(fixture).actor == .user(email: Self.priya))
        if case .requestW9(let id, _, let type, _, _) = try Self.lastEvent(fixture).action {
            #expect(id == "W9-2026-0003" && type == .regionalForm)
        } else {
            Issue.record("the last event is not a tax-form request")
        }
    }

    @Test(arguments: StoreKind.allCases) func aSelfServiceAccountsUserIsRefusedWithTheCLIsMessage(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        let before = try fixture.store.w9Requests(accountID: nil).count
        try await fixture.test { client in
            var sam = Browser(client)
            try await sam.signIn(WebFixture.sam, "sam-password-1")
            let page = String(buffer: try await sam.send(.get, "/accounts/BLUEFIN-US/tax-forms").body)
            #expect(page.contains("provided by Corporate Account Services to corporate accounts"))
            #expect(!page.contains("action=\"/accounts/BLUEFIN-US/tax-forms\""))
            let refused = try await sam.send(
                .post,
                "/accounts/BLUEFIN-US/tax-forms",
                form: ["csrf": try Browser.csrf(in: page), "form": "w9", "details": "for our files"]
            )
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("contact customer service"))
        }
        #expect(try fixture.store.w9Requests(accountID: nil).count == before)
    }

    @Test(arguments: StoreKind.allCases) func theQueuePrintsThePacketAsTheCLIDoesAndMarksItFulfilled(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        let packet = try await fixture.test { client in
            var priya = Browser(client)
            try await priya.signIn(Self.priya, "priya-password-1")
            _ = try await Self.fileRequest(&priya, form: ["form": "w9", "details": "W-9 for the 2027 vendor file"])

            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let queue = String(buffer: try await marco.send(.get, "/tax-forms").body)
            let open = try #require(queue.range(of: "Open requests")).upperBound
            let fulfilledSection = try #require(queue.range(of: "Fulfilled requests")).lowerBound
            #expect(queue[open..<fulfilledSection].contains("<td class=\"id\">W9-2026-0002</td>"))
            #expect(queue[open..<fulfilledSection].contains("W-9 for the 2027 vendor file"))
            #expect(queue[fulfilledSection...].contains("<td class=\"id\">W9-2025-0007</td>"))
            let printed = try await marco.send(
                .post,
                "/tax-forms/print",
                form: ["csrf": try Browser.csrf(in: queue), "request": "W9-2026-0002"]
            )
            #expect(printed.status == .ok)
            #expect(printed.headers[.contentType] == "application/pdf")
            #expect(
                printed.headers[.contentDisposition] == "attachment; filename=\"w9-packet-W9-2026-0002-GLOBEX-US.pdf\""
            )
            let after = String(buffer: try await marco.send(.get, "/tax-forms").body)
            let openAfter = try #require(after.range(of: "Open requests")).upperBound
            let fulfilledAfter = try #require(after.range(of: "Fulfilled requests")).lowerBound
            #expect(!after[openAfter..<fulfilledAfter].contains("W9-2026-0002"))
            #expect(after.contains("No open requests."))
            // Priya now sees it fulfilled, with the packet to download.
            let hers = String(buffer: try await priya.send(.get, Self.globex + "/tax-forms").body)
            #expect(hers.contains("href=\"/accounts/GLOBEX-US/tax-forms/W9-2026-0002.pdf\""))
            let again = try await priya.send(.get, Self.globex + "/tax-forms/W9-2026-0002.pdf")
            #expect(again.status == .ok)
            #expect(Data(buffer: again.body) == Data(buffer: printed.body))
            return Data(buffer: printed.body)
        }
        let request = try fixture.store.w9Request("W9-2026-0002")
        #expect(request.status == .fulfilled)
        #expect(request.fulfilledOn == (try CalendarDate("2026-11-29")))
        let event = try Self.lastEvent(fixture)
        #expect(event.actor == .representative(name: "Marco Neri"))
        if case .fulfilW9(let id) = event.action { #expect(id == "W9-2026-0002") } else { Issue.record("no fulfil-w9") }

        // `ledgerprint w9 print` of the same (now fulfilled) request writes the same packet.
        let file = fixture.folder.appendingPathComponent("cli-packet.pdf")
        let output = try CLIRun.run(
            ["w9", "print", "W9-2026-0002", "-o", file.path, "--as", "rep:Marco Neri"],
            fixture: fixture
        )
        #expect(output.status == 0, "\(output.text)")
        let cli = try Data(contentsOf: file)
        #expect(cli == packet)
        #expect(try pdfText(packet).contains("W9-2026-0002"))
    }

    @Test(arguments: StoreKind.allCases) func aPacketThatCannotBePrintedLeavesTheRequestOpen(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        try fixture.store.apply(
            StoreEvent(
                date: try CalendarDate("2026-11-28"),
                actor: .user(email: Self.priya),
                action: .requestW9(
                    requestID: "W9-2026-0101",
                    accountID: "GLOBEX-US",
                    formType: .w9,
                    details: "for the file",
                    regionalForm: nil
                )
            )
        )
        // The same store served with a W-9 packet template that has a mistake (the server starts:
        // it checks only the templates every user downloads).
        let folder = fixture.folder.appendingPathComponent("broken-templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let packetTemplate = folder.appendingPathComponent("w9-packet.html")
        try (try String(contentsOf: packetTemplate, encoding: .utf8) + "{{#never}}\n").write(
            to: packetTemplate,
            atomically: true,
            encoding: .utf8
        )
        var settings = BillingCenterSettings()
        settings.today = try CalendarDate("2026-11-29")
        settings.bcryptCost = 4
        let clock = fixture.clock
        settings.clock = { clock.date }
        let center = try BillingCenter(
            store: fixture.store,
            templateFolder: folder,
            fonts: FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf")),
            settings: settings
        )
        let before = try fixture.store.history(ofAccount: "GLOBEX-US").count
        let client = WebClient(router: center.router())
        var marco = Browser(client)
        try await marco.signIn(WebFixture.marco, "marco-password-1")
        let queue = String(buffer: try await marco.send(.get, "/tax-forms").body)
        let failed = try await marco.send(
            .post,
            "/tax-forms/print",
            form: ["csrf": try Browser.csrf(in: queue), "request": "W9-2026-0101"]
        )
        #expect(failed.status == .internalServerError)
        let page = String(buffer: failed.body)
        #expect(page.contains("The packet could not be printed, so the request stays open:"))
        #expect(page.contains("w9-packet.html"))
        #expect(try fixture.store.w9Request("W9-2026-0101").status == .requested)
        #expect(try fixture.store.history(ofAccount: "GLOBEX-US").count == before)
    }

    @Test(arguments: StoreKind.allCases) func everyNewPageAndFormAnswersAsTheUsersRoleAllows(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        let table: [(String?, HTTPRequest.Method, String, Int)] = [
            (nil, .get, "/accounts/GLOBEX-US/tax-forms", 303),
            (nil, .get, "/tax-forms", 303),
            (nil, .get, "/runs", 303),
            (WebFixture.anna, .get, "/accounts/GLOBEX-US/tax-forms", 404),
            (WebFixture.anna, .get, "/accounts/GLOBEX-US/tax-forms/W9-2025-0007.pdf", 404),
            (WebFixture.anna, .get, "/accounts/ROSSI-IT/tax-forms/W9-2025-0007.pdf", 404),
            (WebFixture.anna, .get, "/accounts/ROSSI-IT/tax-forms", 200),
            (WebFixture.anna, .get, "/tax-forms", 403),
            (WebFixture.anna, .get, "/runs", 403),
            (WebFixture.anna, .post, "/tax-forms/print", 403),
            (WebFixture.anna, .post, "/accounts/GLOBEX-US/tax-forms", 404),
            (Self.priya, .get, "/accounts/GLOBEX-US/tax-forms", 200),
            (Self.priya, .get, "/accounts/GLOBEX-US/tax-forms/W9-2025-0007.pdf", 200),
            (Self.priya, .get, "/accounts/GLOBEX-US/tax-forms/W9-2025-0007.html", 200),
            (Self.priya, .get, "/accounts/GLOBEX-US/tax-forms/W9-2025-9999.pdf", 404),
            (Self.priya, .get, "/tax-forms", 403),
            (Self.priya, .post, "/tax-forms/print", 403),
            (WebFixture.marco, .get, "/accounts/GLOBEX-US/tax-forms", 200),
            (WebFixture.marco, .get, "/accounts/GLOBEX-US/tax-forms/W9-2025-0007.pdf", 200),
            (WebFixture.marco, .get, "/tax-forms", 200),
            (WebFixture.marco, .get, "/runs", 200),
            (WebFixture.marco, .post, "/tax-forms/print", 404),
            // Filing a request: a user of the corporate account and a representative may.
            (Self.priya, .post, "/accounts/GLOBEX-US/tax-forms", 303),
            (WebFixture.marco, .post, "/accounts/GLOBEX-US/tax-forms", 303),
            (WebFixture.sam, .post, "/accounts/BLUEFIN-US/tax-forms", 403),
            // Statements for any dates and the Factur-X XML.
            (nil, .get, "/accounts/ROSSI-IT/statement?from=2026-01-01&to=2026-03-31", 303),
            (WebFixture.anna, .get, "/accounts/ROSSI-IT/statement?from=2026-01-01&to=2026-03-31", 200),
            (Self.priya, .get, "/accounts/ROSSI-IT/statement?from=2026-01-01&to=2026-03-31", 404),
            (WebFixture.marco, .get, "/accounts/ROSSI-IT/statement?from=2026-01-01&to=2026-03-31&format=html", 200),
            (nil, .get, "/accounts/NORDWERK-DE/factur-x/{nordwerk}.xml", 303),
            (WebFixture.anna, .get, "/accounts/NORDWERK-DE/factur-x/{nordwerk}.xml", 404),
            (WebFixture.anna, .get, "/accounts/ROSSI-IT/factur-x/{nordwerk}.xml", 404),
            (WebFixture.marco, .get, "/accounts/NORDWERK-DE/factur-x/{nordwerk}.xml", 200),
        ]
        let nordwerk = try fixture.invoiceStem(of: "NORDWERK-DE")
        let passwords = [
            WebFixture.anna: "anna-password-1", Self.priya: "priya-password-1", WebFixture.marco: "marco-password-1",
            WebFixture.sam: "sam-password-1",
        ]
        let failures = try await fixture.test { client in
            var failures: [String] = []
            for (who, method, path, expected) in table {
                var browser = Browser(client)
                var csrf = ""
                if let who, let password = passwords[who] {
                    try await browser.signIn(who, password)
                    csrf = try Browser.csrf(in: String(buffer: try await browser.send(.get, "/accounts").body))
                }
                let form = method == .post ? ["csrf": csrf, "request": "W9-NONE", "form": "w9", "details": "x"] : nil
                let uri = path.replacingOccurrences(of: "{nordwerk}", with: nordwerk)
                let status = try await browser.send(method, uri, form: form).status.code
                if status != expected {
                    failures.append("\(who ?? "anonymous") \(method) \(path): \(status), expected \(expected)")
                }
            }
            return failures
        }
        #expect(failures == [])
        // Priya's and Marco's requests, nothing else.
        let requesters = try fixture.store.w9Requests(accountID: nil).dropFirst().map(\.requester.email)
        #expect(requesters == [Self.priya, "ap@globexlearning.example"])
    }

    @Test(arguments: StoreKind.allCases) func aFormWithoutTheSessionsCSRFTokenFilesNothingAndPrintsNothing(
        _ kind: StoreKind
    ) async throws {
        let fixture = try Self.fixture(kind)
        try await fixture.test { client in
            var priya = Browser(client)
            try await priya.signIn(Self.priya, "priya-password-1")
            let request = try await priya.send(
                .post,
                Self.globex + "/tax-forms",
                form: ["form": "w9", "details": "no token"]
            )
            #expect(request.status == .forbidden)
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let print = try await marco.send(.post, "/tax-forms/print", form: ["request": "W9-2025-0007", "csrf": "x"])
            #expect(print.status == .forbidden)
        }
        #expect(try fixture.store.w9Requests(accountID: nil).count == 1)
    }
}
