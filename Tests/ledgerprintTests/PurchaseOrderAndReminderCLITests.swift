import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint: purchase orders and payment reminders", .serialized)
struct PurchaseOrderAndReminderCLITests {
    private func addPO(_ cli: CLI, _ account: String, _ number: String, _ amount: String, from: String) throws {
        let added = try cli.run([
            "po", "add", account, "--number", number, "--amount", amount, "--from", from, "--to", "2027-12-31",
            "--as", "rep:Marco", "--today", "2026-11-28",
        ])
        #expect(added.status == 0, "\(added.error)")
    }

    private func runJanuary(_ cli: CLI) throws -> CLI.Result {
        try cli.run([
            "invoices", "run", "--period", "2027-01", "--kind", "corporate", "--today", "2027-01-01", "--out",
            cli.path("out"),
        ])
    }

    @Test func theRunTakesTheOldestPOWithEnoughLeftNotTheNewest() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        // The report: a 40,000 PO and a newer 20,000 one; the 24,000 renewal was put on the 20,000 one and failed.
        try addPO(cli, "NORDWERK-DE", "NW-40K", "40000.00", from: "2026-12-01")
        try addPO(cli, "NORDWERK-DE", "NW-20K", "20000.00", from: "2026-12-15")
        try addPO(cli, "ALPINA-IT", "PO-A-2027", "30000.00", from: "2027-01-01")
        let run = try runJanuary(cli)
        #expect(run.status == 0, "\(run.error)")
        let list = try cli.run(["invoices", "list", "--account", "NORDWERK-DE", "--period", "2027-01"])
        #expect(list.output.contains("EUR 24000.00") && list.output.contains("NW-40K"), "\(list.output)")
        let orders = try cli.run(["po", "list", "NORDWERK-DE", "--today", "2027-01-02"])
        let used = orders.output.split(separator: "\n").first { $0.hasPrefix("NW-40K") } ?? ""
        #expect(used.contains("EUR 40000.00  EUR 24000.00  EUR 16000.00"), "\(orders.output)")
        #expect(!orders.output.contains("NW-25-0042"), "an expired PO is listed without --all")
        #expect(try cli.run(["po", "list", "NORDWERK-DE", "--all"]).output.contains("NW-25-0042"))
    }

    @Test func whenNoPOCoversTheInvoiceTheAccountFailsWithItsPOsAndTheRunGoesOn() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        try addPO(cli, "NORDWERK-DE", "NW-20A", "20000.00", from: "2026-12-01")
        try addPO(cli, "NORDWERK-DE", "NW-20B", "20000.00", from: "2026-12-15")
        try addPO(cli, "ALPINA-IT", "PO-A-2027", "30000.00", from: "2027-01-01")
        let run = try runJanuary(cli)
        #expect(run.status == 3)
        #expect(run.output.contains("issued 1 invoices"), "\(run.output)")
        #expect(
            run.error.contains(
                "SUB-NORDWERK-1: an invoice of EUR 24000.00 for NORDWERK-DE exceeds what remains on every purchase "
                    + "order valid on 2027-01-01: NW-20A has EUR 20000.00 left of EUR 20000.00, "
                    + "NW-20B has EUR 20000.00 left of EUR 20000.00"
            ),
            "\(run.error)"
        )
        // Raised, the PO takes the invoice on the next run.
        let raised = try cli.run([
            "po", "update", "NORDWERK-DE", "NW-20B", "--amount", "25000.00", "--as", "rep:Marco", "--today",
            "2027-01-02",
        ])
        #expect(raised.status == 0, "\(raised.error)")
        let again = try runJanuary(cli)
        #expect(again.status == 0, "\(again.error)")
        #expect(try cli.run(["invoices", "list", "--period", "2027-01"]).output.contains("NW-20B"))
    }

    @Test func theContactPinsAPOAndARepresentativeClosesOne() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        try addPO(cli, "NORDWERK-DE", "NW-40K", "40000.00", from: "2026-12-01")
        try addPO(cli, "NORDWERK-DE", "NW-30K", "30000.00", from: "2026-12-15")
        try addPO(cli, "ALPINA-IT", "PO-A-2027", "30000.00", from: "2027-01-01")
        let contact = "kreditoren@nordwerk.example"
        let pin = try cli.run(["subscription", "change", "SUB-NORDWERK-1", "--po", "NW-30K", "--as", contact])
        #expect(pin.status == 0, "\(pin.error)")
        let stranger = try cli.run(["po", "default", "NORDWERK-DE", "NW-40K", "--as", "someone@else.example"])
        #expect(stranger.status == 77)
        #expect(try cli.run(["po", "list", "NORDWERK-DE", "--today", "2026-12-20"]).output.contains("SUB-NORDWERK-1"))
        #expect(try runJanuary(cli).status == 0)
        #expect(try cli.run(["invoices", "list", "--period", "2027-01"]).output.contains("NW-30K"))
        let closed = try cli.run(["po", "close", "NORDWERK-DE", "NW-30K", "--as", contact, "--today", "2027-01-02"])
        #expect(closed.status == 77)
        #expect(
            try cli.run(["po", "close", "NORDWERK-DE", "NW-30K", "--as", "rep:Marco", "--today", "2027-01-02"]).status
                == 0
        )
        let all = try cli.run(["po", "list", "NORDWERK-DE", "--all", "--today", "2027-01-02"])
        #expect(all.output.contains("closed"))
        #expect(try cli.run(["history", "NORDWERK-DE"]).output.contains("closed purchase order NW-30K"))
    }

    @Test func remindersGoOutByLevelNeverTwiceAndPrintInTheCustomersLanguage() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let overdue = try cli.run(["invoices", "overdue"])
        let rows = overdue.output.split(separator: "\n").dropFirst(2).map { String($0.prefix(9)) }
        #expect(rows == ["2026/0004", "2026/0024"], "the oldest past due first")
        #expect(overdue.output.contains("over 90"))
        let first = try cli.run(["reminders", "run", "--out", cli.path("reminders"), "--as", "rep:Marco"])
        #expect(first.status == 0, "\(first.error)")
        #expect(first.output.contains("REM-NORDWERK-DE-2026-11-27: level 1, EUR 24000.00 for 2026/0004"))
        #expect(first.output.contains("sent 2 reminder(s)"))
        let again = try cli.run(["reminders", "run", "--out", cli.path("reminders"), "--as", "rep:Marco"])
        #expect(again.output.contains("sent 0 reminder(s)"))
        let later = try cli.run([
            "reminders", "run", "--out", cli.path("reminders"), "--as", "rep:Marco", "--today", "2026-12-15",
        ])
        #expect(later.output.contains("REM-GLOBEX-US-2026-12-15: level 2"))
        let german = try poppler(
            "pdftotext",
            on: Data(contentsOf: URL(fileURLWithPath: cli.path("reminders/reminder_REM-NORDWERK-DE-2026-12-15.pdf")))
        )
        #expect(german.contains("ZWEITE MAHNUNG"))
        #expect(german.contains("2026/0004"))
        #expect(german.contains("24.000,00"))
        #expect(german.contains("Bankverbindung"))
        let english = try poppler(
            "pdftotext",
            on: Data(contentsOf: URL(fileURLWithPath: cli.path("reminders/reminder_REM-GLOBEX-US-2026-11-27.pdf")))
        )
        #expect(english.contains("PAYMENT REMINDER"))
        #expect(english.contains("$69,000.00"))
        let html = try cli.run([
            "reminders", "print", "REM-GLOBEX-US-2026-11-27", "--format", "html", "-o", cli.path("r.html"),
        ])
        #expect(html.status == 0, "\(html.error)")
        #expect(try String(contentsOfFile: cli.path("r.html"), encoding: .utf8).contains("Total outstanding"))
        let history = try cli.run(["history", "GLOBEX-US"])
        #expect(history.output.contains("payment reminder REM-GLOBEX-US-2026-11-27"))
        let list = try cli.run(["reminders", "list", "--format", "json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(parsed.count == 4)
        #expect(parsed.first?["level"] as? Int == 1)
    }

    @Test(arguments: [
        ["po", "default", "NORDWERK-DE", "../x", "--as", "rep:Marco"],
        ["po", "close", "NORDWERK-DE", "NW\u{1b}[2J", "--as", "rep:Marco"],
        ["subscription", "change", "SUB-NORDWERK-1", "--po", "a\nb", "--as", "rep:Marco"],
        ["reminders", "print", "../../etc/passwd"],
    ])
    func hostileIdsAreRefusedBeforeAnythingRuns(arguments: [String]) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(arguments)
        #expect(result.status == 65)
        #expect(result.error.contains("an id is 1 to 64 letters"), "\(result.error)")
        #expect(!result.error.contains("\u{1b}"))
    }

    @Test func theLevelsAreSetInTheStoreWithTheirWording() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let wrong = try cli.run(["reminders", "levels", "--days", "20", "--days", "10", "--as", "rep:Marco"])
        #expect(wrong.status == 65)
        #expect(wrong.error.contains("reminder level 2 days"))
        let set = try cli.run([
            "reminders", "levels", "--days", "30", "--wording", "1:en:Your account is overdue; please pay now.",
            "--as", "rep:Marco",
        ])
        #expect(set.status == 0, "\(set.error)")
        #expect(try cli.run(["reminders", "levels"]).output.contains("level 1: 30 days after the due date"))
        let run = try cli.run(["reminders", "run", "--out", cli.path("r"), "--as", "rep:Marco"])
        // Globex is 13 days past due, under the new 30: only Nordwerk is reminded.
        #expect(run.output.contains("sent 1 reminder(s)"), "\(run.output)")
        let later = try cli.run([
            "reminders", "run", "--out", cli.path("r"), "--as", "rep:Marco", "--today", "2026-12-20",
        ])
        #expect(later.output.contains("REM-GLOBEX-US-2026-12-20: level 1"))
        let text = try poppler(
            "pdftotext",
            on: Data(contentsOf: URL(fileURLWithPath: cli.path("r/reminder_REM-GLOBEX-US-2026-12-20.pdf")))
        )
        #expect(text.contains("Your account is overdue; please pay now."))
    }
}
