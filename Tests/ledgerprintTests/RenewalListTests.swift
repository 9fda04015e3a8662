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
    }
}
