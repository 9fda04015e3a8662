import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint vat-register and CSV for spreadsheets")
struct VATRegisterCLITests {
    @Test func jsonGivesNumbersAsNumbersAndAmountsWithTheirCurrency() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(["vat-register", "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json"])
        #expect(result.status == 0, "\(result.error)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let entries = try #require(object["entries"] as? [[String: Any]])
        let first = try #require(entries.first)
        #expect(first["number"] as? String == "2025/0001")
        let row = try #require((first["rows"] as? [[String: Any]])?.first)
        #expect(row["ratePercent"] as? Int == 22)
        #expect((first["total"] as? [String: String]) == ["amount": "488.00", "currency": "EUR"])
        let totals = try #require(object["totals"] as? [[String: Any]])
        #expect(totals.contains { ($0["natura"] as? String) == "N2.1" })
    }

    @Test func csvHasAmountAndCurrencyColumnsAndAddsUpToTheTotal() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(["vat-register", "--from", "2025-04-01", "--to", "2025-04-30", "--format", "csv"])
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "Number,Kind,Date,Account,Customer,VAT number,Currency,Rate %,Natura,Taxable,VAT,Total")
        #expect(
            lines.contains {
                $0.hasPrefix("NC-2025/0001,credit-note,2025-04-03,ROSSI-IT,") && $0.hasSuffix(",-350.00,-77.00,-427.00")
            }
        )
    }

    @Test func aWrongPeriodIsAUsageError() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(["vat-register", "--from", "2025-12-31", "--to", "2025-01-01"])
        #expect(result.status == 64)
        #expect(result.error.contains("--from 2025-12-31 is after --to 2025-01-01"))
    }

    @Test func aCustomerNameThatLooksLikeAFormulaIsNeutralisedInCSV() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let hostile = "=HYPERLINK(\"http://evil.example\",\"click\")"
        #expect(try cli.run(["accounts", "update", "ROSSI-IT", "--name", hostile, "--as", "rep:Marco"]).status == 0)
        let csv = try cli.run(["accounts", "list", "--format", "csv"]).output
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""))
        #expect(!csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"))
    }
}
