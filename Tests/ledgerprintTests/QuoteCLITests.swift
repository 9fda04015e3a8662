import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint quote list|show|print and quoted prices")
struct QuoteCLITests {
    @Test func listShowAndTheQuoteOnItsInvoice() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let listed = try cli.run(["quote", "list", "--format", "csv"])
        #expect(listed.status == 0, "\(listed.error)")
        #expect(
            listed.output.contains(
                "Q-2025-0031,GLOBEX-US,SUB-GLOBEX-1,150,annual,USD 460.00,2025-10-01,2025-10-31,,accepted 2025-10-15"
            )
        )
        let shown = try cli.run(["quote", "show", "Q-2025-0031"]).output
        #expect(shown.contains("WebinarSeats Pro — 150 seats, annual at USD 460.00 a seat"))
        #expect(shown.contains("invoice 2025/0030 of 2025-10-15: USD 56178.08"))
        #expect(try cli.run(["invoices", "show", "2025/0030"]).output.contains("at the price of quote Q-2025-0031"))
        let pdf = cli.path("invoice.pdf")
        #expect(try cli.run(["invoices", "print", "2025/0030", "-o", pdf]).status == 0)
        let text = try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: pdf)))
        #expect(text.contains("Quote"))
        #expect(text.contains("Q-2025-0031"))
        #expect(try cli.run(["quote", "show", "Q-NONE"]).status == 66)
    }

    /// The reproduction: a seat change after the quote charged the list price (USD 500.00).
    @Test func aLaterSeatChangeKeepsTheQuotedPrice() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let preview = try cli.run([
            "subscription", "change", "SUB-GLOBEX-1", "--seats", "160", "--preview", "--as", "rep:Marco Neri",
        ])
        #expect(preview.status == 0, "\(preview.error)")
        #expect(preview.output.contains("WebinarSeats Pro — 160 seats, annual: 160 × USD 460.00 = USD 73600.00"))
    }

    @Test func aQuotePrintsInTheAccountsLanguageWithItsTerm() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let created = try cli.run([
            "quote", "create", "SUB-GLOBEX-1", "--id", "Q-2026-0040", "--seats", "200", "--price", "440.00",
            "--valid-until", "2026-12-15", "--term-ends", "2027-10-15", "--as", "rep:Marco Neri",
        ])
        #expect(created.status == 0, "\(created.error)")
        let english = cli.path("q.pdf")
        #expect(try cli.run(["quote", "print", "Q-2026-0040", "-o", english]).status == 0)
        let text = try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: english)))
        for expected in [
            "QUOTE", "Q-2026-0040", "Dec 15, 2026", "WebinarSeats Pro — 200 seats, annual", "$88,000.00",
            "holds for seat changes and renewals until Oct 15, 2027", "Awaiting acceptance", "Marco Neri",
        ] {
            #expect(text.contains(expected), "\(expected) in \(text)")
        }
        let html = cli.path("q.html")
        #expect(
            try cli.run(["quote", "print", "Q-2026-0040", "--locale", "de", "--format", "html", "-o", html]).status == 0
        )
        let german = try String(contentsOfFile: html, encoding: .utf8)
        #expect(german.contains("ANGEBOT"))
        #expect(german.contains("Wartet auf Annahme"))
        let bad = try cli.run([
            "quote", "create", "SUB-GLOBEX-1", "--id", "Q-2026-0041", "--seats", "200", "--valid-until", "2026-12-15",
            "--term-ends", "2026-12-01", "--as", "rep:Marco Neri",
        ])
        #expect(bad.status == 65)
        #expect(bad.error.contains("invalid term end '2026-12-01'"))
    }
}
