import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint: invoice status, payments and exports", .serialized)
struct InvoiceStatusCLITests {
    @Test func invoicesListShowsTheBalanceAndStatusOnTheDayAndFilters() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        // On 27 November 2026 (the CLI's LEDGERPRINT_TODAY) two invoices of the samples are overdue.
        let overdue = try cli.run(["invoices", "list", "--status", "overdue"])
        #expect(overdue.status == 0, "\(overdue.error)")
        let rows = overdue.output.split(separator: "\n").dropFirst(2)
        #expect(rows.map { String($0.prefix(9)) } == ["2026/0004", "2026/0024"])
        #expect(overdue.output.contains("USD 69000.00  2026-11-14  overdue  GX-2026-041"))
        // A day before its due date the Globex invoice was still open.
        let before = try cli.run(["invoices", "list", "--account", "GLOBEX-US", "--today", "2026-11-14"])
        #expect(before.output.contains("2026-11-14  open"))
        // Paid part of it: the balance, not the amount due at issue, is listed.
        #expect(
            try cli.run([
                "payments", "record", "GLOBEX-US", "--amount", "30000.00", "--invoice", "2026/0024", "--reference",
                "ACH-1", "--as", "rep:Marco", "--today", "2026-11-10",
            ]).status == 0
        )
        let partly = try cli.run([
            "invoices", "list", "--search", "globex", "--from", "2026-10-01", "--today", "2026-11-14",
        ])
        #expect(partly.output.contains("USD 69000.00  USD 39000.00  2026-11-14  partly-paid"))
        #expect(!partly.output.contains("2025/"))
        // The voided sample invoice is void, and its credit note is listed beside it.
        let rossi = try cli.run(["invoices", "list", "--account", "ROSSI-IT", "--period", "2025-04"])
        #expect(rossi.output.contains("void"))
        #expect(rossi.output.contains("NC-2025/0001"))
        #expect(rossi.output.contains("credit note for 2025/"))
        let void = try cli.run(["invoices", "list", "--status", "void", "--format", "csv"])
        #expect(void.output.split(separator: "\n").count == 2)
        let wrong = try cli.run(["invoices", "list", "--status", "late"])
        #expect(wrong.status == 64)
    }

    @Test func aPaymentThatWouldPayAnInvoiceTwiceIsRefusedUnlessAllowed() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let pay = ["payments", "record", "NORDWERK-DE", "--amount", "24000.00", "--invoice", "2026/0004"]
        #expect(try cli.run(pay + ["--reference", "BT-1", "--as", "rep:Marco"]).status == 0)
        let twice = try cli.run(pay + ["--reference", "BT-2", "--as", "rep:Marco"])
        #expect(twice.status == 65)
        #expect(twice.error.contains("payment BT-2 of EUR 24000.00 would pay invoice 2026/0004 twice"))
        #expect(twice.error.contains("payment BT-1 of EUR 24000.00 on 2026-11-27"))
        #expect(twice.error.contains("--allow-overpayment"))
        let show = try cli.run(["invoices", "show", "2026/0004"])
        #expect(show.output.contains("paid EUR 24000.00 on 2026-11-27 (payment BT-1)"))
        #expect(show.output.contains("status on 2026-11-27: paid; balance EUR 0.00"))
        // Allowed, the excess becomes account credit that the next invoice uses.
        let allowed = try cli.run(
            [
                "payments", "record", "NORDWERK-DE", "--amount", "1000.00", "--invoice", "2026/0004", "--reference",
                "BT-3", "--allow-overpayment", "--as", "rep:Marco",
            ]
        )
        #expect(allowed.status == 0, "\(allowed.error)")
        #expect(allowed.output.contains("EUR 1000.00 more than the invoice's balance kept as account credit"))
        #expect(try cli.run(["history", "NORDWERK-DE"]).output.contains("Overpayment BT-3 for invoice 2026/0004"))
        #expect(
            try cli.run([
                "po", "add", "NORDWERK-DE", "--number", "NW-27", "--amount", "40000.00", "--from", "2027-01-01",
                "--to", "2027-12-31", "--as", "rep:Marco",
            ]).status == 0
        )
        let run = try cli.run([
            "invoices", "run", "--period", "2027-01", "--kind", "corporate", "--today", "2027-01-01", "--out",
            cli.path("out"),
        ])
        #expect(run.output.contains("issued"), "\(run.error)")
        let next = try cli.run([
            "invoices", "list", "--account", "NORDWERK-DE", "--period", "2027-01", "--today", "2027-01-01",
        ])
        #expect(next.output.contains("EUR 24000.00  EUR 23000.00"), "\(next.output)")
    }

    @Test func jsonAndCSVListingsCarryNumbersAndAmountsAsTheyAre() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let accounts = try cli.run(["accounts", "list", "--format", "json"])
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(accounts.output.utf8)) as? [[String: Any]]
        )
        #expect(parsed.first?["activeSubscriptions"] is NSNumber)
        let invoices = try cli.run(["invoices", "list", "--account", "GLOBEX-US", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(invoices.output.utf8)) as? [[String: Any]])
        let total = try #require(rows.last?["total"] as? [String: String])
        #expect(total == ["amount": "69000.00", "currency": "USD"])
        let csv = try cli.run(["invoices", "list", "--account", "ALPINA-IT", "--format", "csv"])
        let lines = csv.output.split(separator: "\n")
        #expect(lines.first == "Number,Date,Account,Customer,Currency,Net,Tax,Total,Balance,Due date,Status,PO")
        #expect(lines.dropFirst().first?.contains(",EUR,20000.00,4400.00,24400.00,0.00,") == true)
        let history = try cli.run(["history", "ROSSI-IT", "--format", "csv"])
        #expect(history.output.contains(",credit,credit note NC-2025/0001 for 2025/"))
        #expect(history.output.split(separator: "\n").first == "Date,Kind,What,By,Currency,Amount")
    }

    @Test func aHostileCustomerNameIsNeutralisedInCSVAndEscapedInJSON() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let name = "=HYPERLINK(\"http://evil.example\",\"click\")"
        let update = try cli.run(["accounts", "update", "KLEIN-DE", "--name", name, "--as", "rep:Marco"])
        #expect(update.status == 0, "\(update.error)")
        let accounts = try cli.run(["accounts", "list", "--format", "csv"])
        #expect(accounts.output.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""))
        #expect(!accounts.output.contains(",=HYPERLINK"))
        let json = try cli.run(["accounts", "list", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(rows.contains { $0["name"] as? String == name })
    }
}
