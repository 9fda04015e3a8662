import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint statement --list")
struct RenewalListTests {
    @Test func theListNumbersTheBillingPeriodsThatRenewalPrints() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let listed = try cli.run(["statement", "GLOBEX-US", "--list"])
        #expect(listed.status == 0, "\(listed.error)")
        let lines = listed.output.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true)
        }
        #expect(lines.first == ["Renewal", "From", "To", "Invoices", "Closing", "balance"])
        // The annual corporate renewals, each with its invoice and what was owed at its end.
        #expect(
            lines.dropFirst(2).map { $0.prefix(4).joined(separator: " ") } == [
                "1 2025-01-01 2025-10-14 2025/0005", "2 2025-10-15 2026-10-14 2025/0030",
                "3 2026-10-15 2027-10-14 2026/0024",
            ]
        )
        #expect(lines.last?.suffix(2).joined(separator: " ") == "USD 69000.00")
        // --renewal 2 prints that period's statement.
        let printed = try cli.run(["statement", "GLOBEX-US", "--renewal", "2", "-o", cli.path("r2.pdf")])
        #expect(printed.status == 0, "\(printed.error)")
        let text = try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("r2.pdf"))))
        #expect(text.contains("2025/0030"))
        #expect(!text.contains("2026/0024"))
    }

    @Test func listGoesWithNoOtherChoice() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let both = try cli.run(["statement", "GLOBEX-US", "--list", "--all"])
        #expect(both.status == 64)
        #expect(both.error.contains("choose one of --period, --renewal, --from/--to, --all or --list"))
        let alone = try cli.run(["statement", "GLOBEX-US", "--renewal", "1", "--list-format", "csv"])
        #expect(alone.status == 64)
        #expect(alone.error.contains("--list-format goes with --list"))
    }

    /// The renewals export like every listing: CSV with a Currency column, JSON with numbers and amounts.
    @Test func theListExportsAsCSVAndJSON() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let csv = try cli.run(["statement", "GLOBEX-US", "--list", "--list-format", "csv"])
        #expect(csv.status == 0, "\(csv.error)")
        let rows = csv.output.split(separator: "\n").map(String.init)
        #expect(rows.first == "Renewal,From,To,Invoices,Currency,Closing balance")
        #expect(rows.last == "3,2026-10-15,2027-10-14,2026/0024,USD,69000.00")
        let json = try cli.run(["statement", "GLOBEX-US", "--list", "--list-format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let decoded = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        )
        #expect(decoded.count == 3)
        #expect(decoded.last?["renewal"] as? Int == 3)
        let balance = try #require(decoded.last?["closingBalance"] as? [String: String])
        #expect(balance == ["amount": "69000.00", "currency": "USD"])
    }
}
