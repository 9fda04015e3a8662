import Foundation
import LedgerprintTestSupport
import Testing

/// `ledgerprint numbering format`: a series' prefix and digits from a year on, and every place that
/// reads a number taking the new form.
@Suite("ledgerprint numbering format")
struct NumberFormatCLITests {
    static let rep = ["--as", "rep:Marco Neri"]

    @Test func aRunAfterTheChangeIssuesFT2027AndOldNumbersStillPrintAndParse() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let shownBefore = try cli.run(["numbering", "show"]).output

        // 2026 already has invoices: its format stays, the change can only start in 2027.
        let thisYear = try cli.run(
            ["numbering", "format", "invoice", "--prefix", "FT-", "--digits", "5", "--from", "2026"] + Self.rep
        )
        #expect(thisYear.status == 65)
        #expect(thisYear.error.contains("it has issued up to 2026/0027"), "\(thisYear.error)")
        #expect(thisYear.error.contains("can take effect from 2027"), "\(thisYear.error)")
        let bad = try cli.run(["numbering", "format", "invoice", "--prefix", "FT/", "--digits", "5"] + Self.rep)
        #expect(bad.status == 65)
        #expect(bad.error.contains("invalid prefix 'FT/'"), "\(bad.error)")
        let collision = try cli.run(["numbering", "format", "invoice", "--prefix", "NC-", "--digits", "5"] + Self.rep)
        #expect(collision.status == 65)
        #expect(collision.error.contains("credit-note numbers read NC-2026/0001"), "\(collision.error)")
        let customer = try cli.run(
            ["numbering", "format", "invoice", "--prefix", "FT-", "--as", "anna.bianchi@studiorossi.example"])
        #expect(customer.status == 77)
        #expect(try cli.run(["numbering", "show"]).output == shownBefore)

        let set = try cli.run(["numbering", "format", "invoice", "--prefix", "FT-", "--digits", "5"] + Self.rep)
        #expect(set.status == 0, "\(set.error)")
        #expect(set.output.contains("numbers from FT-2027/00001 on 1 January 2027"), "\(set.output)")
        let notes = try cli.run(["numbering", "format", "credit-note", "--prefix", "NC-", "--digits", "5"] + Self.rep)
        #expect(notes.status == 0, "\(notes.error)")
        #expect(try cli.run(["numbering", "show"]).output.contains("FT-2027/00001"))

        // December 2026 keeps the old format; January and February 2027 take the new one.
        for (period, today) in [("2026-12", "2026-12-01"), ("2027-01", "2027-01-02"), ("2027-02", "2027-02-02")] {
            let run = try cli.run(["invoices", "run", "--period", period, "--today", today, "--out", cli.path(period)])
            #expect(run.status == 0 || run.status == 3, "\(run.error)")
        }
        #expect(FileManager.default.fileExists(atPath: cli.path("2027-01/invoice_FT-2027-00001_BLUEFIN-US.pdf")))
        let listed = try cli.run([
            "invoices", "list", "--from", "2026-12-01", "--to", "2027-12-31", "--format", "csv", "--today",
            "2027-02-02",
        ])
        #expect(listed.status == 0, "\(listed.error)")
        let rows = listed.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let numbers = rows.map { $0[0] }
        #expect(numbers.contains("2026/0028"), "\(listed.output)")
        let new = rows.filter { $0[0].hasPrefix("FT-2027/") }
        // Gapless and in date order: FT-2027/00001, 00002, … dated one after the other.
        #expect(new.count >= 2, "\(listed.output)")
        #expect(new.map { $0[0] } == (1...new.count).map { "FT-2027/" + String(format: "%05d", $0) })
        #expect(new.map { $0[1] } == new.map { $0[1] }.sorted())

        // Old numbers print and parse as they were issued; new ones in any case and padding.
        let old = try cli.run(["invoices", "show", "2026/28"])
        #expect(old.output.hasPrefix("invoice 2026/0028 to "), "\(old.output)")
        let typed = try cli.run(["invoices", "show", "ft-2027/1"])
        #expect(typed.output.hasPrefix("invoice FT-2027/00001 to Bluefin Coaching LLC"), "\(typed.output)")
        let unknown = try cli.run(["invoices", "show", "FX-2027/00001"])
        #expect(unknown.status == 65)
        #expect(unknown.error.contains("a number of one of the series: 2026/0001, FT-2027/00001"), "\(unknown.error)")

        // The credit note of a new invoice, its statement line and its FatturaPA file.
        let credit = try cli.run(
            ["invoices", "credit", "FT-2027/00001", "--amount", "10.00", "--reason", "Test", "--today", "2027-02-03"]
                + Self.rep
        )
        #expect(credit.status == 0, "\(credit.error)")
        #expect(credit.output.contains("issued credit note NC-2027/00001 for FT-2027/00001"), "\(credit.output)")
        #expect(try cli.run(["credit-notes", "show", "nc-2027/1"]).output.contains("NC-2027/00001"))
        let notAnInvoice = try cli.run(["credit-notes", "show", "FT-2027/00001"])
        #expect(notAnInvoice.error.contains("a credit note's is like NC-2026/0001 or NC-2027/00001"))
        let xml = cli.path("ft.xml")
        let printed = try cli.run(["invoices", "print", "FT-2027/00001", "--format", "xml", "-o", xml])
        #expect(printed.status == 0, "\(printed.error)")
        #expect(try String(contentsOfFile: xml, encoding: .utf8).contains("<Numero>FT-2027/00001</Numero>"))
        let html = cli.path("statement.html")
        let statement = try cli.run([
            "statement", "BLUEFIN-US", "--period", "2027-02", "--format", "html", "-o", html, "--today", "2027-02-28",
        ])
        #expect(statement.status == 0, "\(statement.error)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.contains("NC-2027/00001") && text.contains("FT-2027/00001"))

        // The formats travel with the history: an import of the export numbers and reads the same.
        let exported = cli.path("history.json")
        #expect(try cli.run(["export", "-o", exported]).status == 0)
        #expect(try String(contentsOfFile: exported, encoding: .utf8).contains("set-number-format"))
        var copy = cli
        copy.environment["LEDGERPRINT_STORE"] = cli.path("copy.sqlite")
        #expect(try copy.run(["import", exported]).status == 0)
        #expect(
            try copy.run(["credit-notes", "list"]).output.contains(
                "NC-2027/00001  2027-02-03  BLUEFIN-US  FT-2027/00001"
            )
        )
    }
}
