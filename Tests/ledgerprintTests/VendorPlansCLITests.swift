import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint vendor show|set and plans add|set-price|retire")
struct VendorPlansCLITests {
    static let rep = ["--as", "rep:Marco Neri"]

    @Test func theVendorIsSetWithoutJSONAndRecordedWithItsActor() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["vendor", "show"])
        #expect(before.status == 0, "\(before.error)")
        #expect(before.output.contains("vendor: Webinar Seats, Inc."))
        let bad = try cli.run(["vendor", "set", "--name", "New Name", "--email", "nope"] + Self.rep)
        #expect(bad.status == 65)
        #expect(bad.error.contains("invalid e-mail 'nope'"))
        #expect(try cli.run(["vendor", "show"]).output == before.output)
        let customer = try cli.run(["vendor", "set", "--name", "X", "--as", "ap@globexlearning.example"])
        #expect(customer.status == 77)
        let set = try cli.run(
            ["vendor", "set", "--name", "Webinar Seats LLC", "--bank", "IBAN IT60 X054 2811 1010 0000 0123 456"]
                + Self.rep
        )
        #expect(set.status == 0, "\(set.error)")
        let after = try cli.run(["vendor", "show"]).output
        #expect(after.contains("vendor: Webinar Seats LLC"))
        #expect(after.contains("bank: IBAN IT60 X054 2811 1010 0000 0123 456"))
        let notPNG = try cli.run(
            ["vendor", "set", "--logo", repositoryRoot.appendingPathComponent("README.md").path] + Self.rep
        )
        #expect(notPNG.status == 65)
        #expect(notPNG.error.contains("a PNG image file"))
        let logo = repositoryRoot.appendingPathComponent("Tests/CanvasTests/Fixtures/swatch.png").path
        #expect(try cli.run(["vendor", "set", "--logo", logo] + Self.rep).status == 0)
        #expect(try cli.run(["vendor", "show"]).output.contains("kept in the store"))
        // A document made now carries the new logo; an invoice issued before keeps the vendor it was
        // issued with (issue 25, D3).
        let swatch = try Data(contentsOf: URL(fileURLWithPath: logo)).base64EncodedString()
        let statement = cli.path("statement.html")
        let printed = try cli.run([
            "statement", "ROSSI-IT", "--period", "2026-11", "--format", "html", "-o", statement,
        ])
        #expect(printed.status == 0, "\(printed.error)")
        #expect(try String(contentsOfFile: statement, encoding: .utf8).contains(swatch))
        let html = cli.path("invoice.html")
        #expect(try cli.run(["invoices", "print", "2025/0001", "--format", "html", "-o", html]).status == 0)
        #expect(try !String(contentsOfFile: html, encoding: .utf8).contains(swatch))
        let exported = try cli.run(["export"]).output
        #expect(exported.contains("\"action\" : \"set-vendor\"") || exported.contains("\"action\": \"set-vendor\""))
        #expect(exported.contains("rep:Marco Neri"))
    }

    @Test func plansAreAddedPricedAndRetired() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let added = try cli.run(
            [
                "plans", "add", "webinar", "enterprise", "--name", "Enterprise", "--participants", "3000",
                "--frequency", "annual", "--price", "900.00", "--currency", "USD",
            ] + Self.rep
        )
        #expect(added.status == 0, "\(added.error)")
        #expect(
            try cli.run(["plans", "--format", "csv"]).output.contains(
                "webinar,enterprise,WebinarSeats Enterprise,annual,USD,900.00"
            )
        )
        let duplicate = try cli.run(
            [
                "plans", "add", "webinar", "enterprise", "--name", "E", "--frequency", "annual", "--price", "1",
                "--currency", "USD",
            ]
                + Self.rep
        )
        #expect(duplicate.status == 65)
        let badCurrency = try cli.run(
            [
                "plans", "set-price", "webinar", "pro", "--frequency", "monthly", "--price", "55.00", "--currency",
                "EURO",
            ]
                + Self.rep
        )
        #expect(badCurrency.status == 65)
        #expect(badCurrency.error.contains("unknown currency 'EURO'"))
        let priced = try cli.run(
            ["plans", "set-price", "webinar", "pro", "--frequency", "monthly", "--price", "55.00", "--currency", "EUR"]
                + Self.rep
        )
        #expect(priced.status == 0, "\(priced.error)")
        #expect(
            try cli.run(["plans", "--format", "csv"]).output.contains("webinar,pro,WebinarSeats Pro,monthly,EUR,55.00")
        )
        let retired = try cli.run(["plans", "retire", "webinar", "lite"] + Self.rep)
        #expect(retired.status == 0, "\(retired.error)")
        #expect(try cli.run(["plans"]).output.contains("WebinarSeats Lite (retired)"))
        let buy = try cli.run([
            "subscription", "add", "ROSSI-IT", "--product", "webinar", "--tier", "lite", "--seats", "2", "--as",
            "anna.bianchi@studiorossi.example",
        ])
        #expect(buy.status == 65)
        #expect(buy.error.contains("is retired: it is no longer sold"))
        let contact = try cli.run([
            "plans", "retire", "webinar", "standard", "--as", "anna.bianchi@studiorossi.example",
        ])
        #expect(contact.status == 77)
    }
}
