import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint for billing contacts")
struct BillingContactTests {
    @Test func importThenSeeHistoryAndAccounts() throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(try cli.run(["init"]).output.contains("store ready"))
        try cli.importSamples()
        let accounts = try cli.run(["accounts", "list", "--kind", "corporate", "--format", "csv"])
        #expect(accounts.output.split(separator: "\n").count == 4)
        #expect(accounts.output.contains("GLOBEX-US,\"Globex Learning, Inc.\",corporate,ap@globexlearning.example,1"))
        let history = try cli.run(["history", "ROSSI-IT", "--from", "2025-02-01", "--to", "2025-03-31"])
        #expect(history.status == 0)
        #expect(
            history.output.contains(
                "2025-02-12  change   changed SUB-ROSSI-1 to WebinarSeats Standard — 7 seats, monthly"
            )
        )
        #expect(history.output.contains("anna.bianchi@studiorossi.example"))
        #expect(history.output.contains("Unused time on WebinarSeats Standard"))
    }

    @Test func aChangeIsPreviewedThenMade() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let actor = ["--as", "mia.wolf@klein-akademie.example", "--today", "2026-11-27"]
        let preview = try cli.run(["subscription", "change", "SUB-KLEIN-1", "--seats", "12", "--preview"] + actor)
        #expect(preview.status == 0, "\(preview.error)")
        #expect(preview.output.contains("preview — nothing was changed"))
        // 9 seats at 50.00 with 19 of 30 days left (16 Nov – 15 Dec): 285.00 unused; 12 seats for a month from today: 600.00.
        #expect(
            preview.output.contains(
                "Unused time on WebinarSeats Pro — 9 seats, monthly: 9 × EUR 50.00 × 19/30 of the period = EUR -285.00"
            )
        )
        #expect(preview.output.contains("total EUR 315.00"))
        #expect(try cli.run(["subscription", "show", "SUB-KLEIN-1"]).output.contains("9 seats"))
        let change = try cli.run(["subscription", "change", "SUB-KLEIN-1", "--seats", "12"] + actor)
        #expect(change.status == 0)
        #expect(try cli.run(["subscription", "show", "SUB-KLEIN-1"]).output.contains("12 seats"))
    }

    @Test func aStatementPrintsTheMonthsActivity() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(["statement", "ROSSI-IT", "--period", "2025-02", "-o", cli.path("feb.pdf")])
        #expect(result.status == 0, "\(result.error)")
        let text = try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("feb.pdf"))))
        #expect(text.contains("ESTRATTO CONTO"))
        #expect(text.contains("01/02/2025 – 28/02/2025"))
        #expect(text.contains("488,00"))
        #expect(text.contains("Saldo finale"))
        let renewals = try cli.run(["statement", "ROSSI-IT", "--all", "-o", cli.path("statements")])
        #expect(renewals.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.path("statements")).count > 5)
    }

    @Test(arguments: [
        (
            ["subscription", "change", "SUB-ROSSI-1", "--seats", "3", "--as", "luca.verdi@studiorossi.example"],
            Int32(77),
            "may not change the seats; only the billing contact (anna.bianchi@studiorossi.example) or a vendor representative may"
        ),
        (
            ["subscription", "change", "SUB-ROSSI-1", "--tier", "lite", "--as", "anna.bianchi@studiorossi.example"],
            Int32(77),
            "please contact customer service"
        ),
        (
            [
                "contact", "set", "ROSSI-IT", "--name", "X", "--email", "x@example.it", "--as",
                "luca.verdi@studiorossi.example",
            ], Int32(77),
            "may not change the billing contact"
        ),
        (["accounts", "show", "NOPE"], Int32(66), "no account 'NOPE' in the store"),
        (
            [
                "subscription", "cancel", "SUB-ROSSI-1", "--as", "anna.bianchi@studiorossi.example", "--today",
                "2026-02-30",
            ], Int32(65),
            "invalid date '2026-02-30'"
        ),
        (["statement", "ROSSI-IT", "--period", "2025-13"], Int32(65), "invalid --period '2025-13': use YYYY-MM"),
        (["invoices", "print", "2099/0001"], Int32(66), "no invoice '2099/0001'"),
        (["subscription", "cancel", "SUB-ROSSI-1"], Int32(64), "say who acts with --as"),
    ])
    func refusalsAndBadInputGetOneLineAndTheirExitCode(arguments: [String], status: Int32, message: String) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(arguments)
        #expect(result.status == status, "\(result.error)")
        #expect(result.error.contains(message), "\(result.error)")
        if status != 0 { #expect(result.error.split(separator: "\n").count == 1, "\(result.error)") }
    }

    @Test func anInvalidTaxIdentifierOrAWrongFieldIsRefusedWithItsPlace() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let account = """
            {"id": "NEW-IT", "name": "Nuova S.r.l.", "kind": "self-service",
             "billingContact": {"name": "Ada", "email": "ada@nuova.example"},
             "billingAddress": {"lines": ["Via Po 1"], "postalCode": "10100", "city": "Torino", "country": "IT"},
             "locale": "it", "currency": "EUR", "taxTreatment": {"vat": {"rate": {"basisPoints": 2200}}},
             "taxIdentifiers": [{"kind": "partitaIVA", "value": "00743110158"}]}
            """
        try account.write(toFile: cli.path("account.json"), atomically: true, encoding: .utf8)
        let created = try cli.run(["accounts", "create", "--file", cli.path("account.json"), "--as", "rep:Marco"])
        #expect(created.status == 65)
        #expect(
            created.error.contains(
                "$.taxIdentifiers[0].value: invalid Partita IVA '00743110158': the check digit does not match"
            )
        )
        try "{\"id\": \"NEW-IT\",\n \"name\": \"Nuova\" \"kind\": 1}".write(
            toFile: cli.path("broken.json"),
            atomically: true,
            encoding: .utf8
        )
        let broken = try cli.run(["accounts", "create", "--file", cli.path("broken.json"), "--as", "rep:Marco"])
        #expect(broken.status == 65)
        #expect(
            broken.error.contains("broken.json: line 2, column 18: not valid JSON: expected ',' or '}'"),
            "\(broken.error)"
        )
        let bad =
            #"{"format": "ledgerprint/1", "events": [{"date": "2026-01-01", "actor": "system", "action": "run-invoices"}, {"date": "2026-01-02", "actor": "rep:M", "action": "cancel", "subscriptionn": "SUB-ROSSI-1"}]}"#
        try bad.write(toFile: cli.path("bad.json"), atomically: true, encoding: .utf8)
        let before = try cli.run(["export"]).output
        let imported = try cli.run(["import", cli.path("bad.json")])
        #expect(imported.status == 65)
        #expect(
            imported.error.contains("bad.json: $.events[1].subscription: required field \"subscription\" is missing")
        )
        #expect(try cli.run(["export"]).output == before)
    }
}

@Suite("ledgerprint accounts update")
struct AccountUpdateTests {
    @Test func theBillingContactRenamesTheAccountAndOthersMayNot() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let refused = try cli.run([
            "accounts", "update", "ROSSI-IT", "--name", "X", "--as", "luca.verdi@studiorossi.example",
        ])
        #expect(refused.status == 77)
        #expect(refused.error.contains("may not update the account details"))
        let renamed = try cli.run([
            "accounts", "update", "ROSSI-IT", "--name", "Studio Rossi & Figli S.r.l.", "--as",
            "anna.bianchi@studiorossi.example",
        ])
        #expect(renamed.status == 0, "\(renamed.error)")
        #expect(
            try cli.run(["accounts", "show", "ROSSI-IT"]).output.hasPrefix("Studio Rossi & Figli S.r.l. (ROSSI-IT")
        )
        let badLocale = try cli.run([
            "accounts", "update", "ROSSI-IT", "--locale", "fr", "--as", "anna.bianchi@studiorossi.example",
        ])
        #expect(badLocale.status == 65)
        #expect(badLocale.error.contains("invalid locale 'fr': it, en or de"))
        // Issued invoices keep the name they were issued with.
        let invoices = try cli.run(["invoices", "show", "2025/0001"]).output
        #expect(invoices.contains("to Studio Rossi S.r.l. (ROSSI-IT)"))
    }
}
