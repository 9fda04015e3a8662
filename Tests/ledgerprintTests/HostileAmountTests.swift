import Foundation
import LedgerprintTestSupport
import Testing

/// Amounts and seat counts out of range are refused where they come in, naming the field and the
/// range, so that no sum built on them can overflow later (issue 25, D9).
@Suite("Hostile amounts")
struct HostileAmountTests {
    static let rep = ["--as", "rep:Marco Neri"]

    @Test(arguments: [
        (
            ["payments", "record", "ROSSI-IT", "--amount", "92233720368547758.07", "--reference", "BIG-1"],
            "invalid payment amount '92233720368547758.07': an amount above zero and at most 999999999999.99"
        ),
        (
            ["payments", "record", "ROSSI-IT", "--amount", "1000000000000.00", "--reference", "BIG-2"],
            "invalid payment amount '1000000000000.00': an amount above zero and at most 999999999999.99"
        ),
        (
            ["payments", "record", "ROSSI-IT", "--amount=-5.00", "--reference", "NEG-1"],
            "invalid payment amount '-5.00': an amount above zero and at most 999999999999.99"
        ),
        (
            [
                "po", "add", "GLOBEX-US", "--number", "GX-HUGE", "--amount", "5000000000000.00", "--from",
                "2026-01-01", "--to", "2026-12-31",
            ],
            "invalid PO amount '5000000000000.00': an amount above zero and at most 999999999999.99"
        ),
        (
            ["subscription", "change", "SUB-ROSSI-1", "--seats", "10001"],
            "invalid seats '10001': a whole number from 1 to 10000"
        ),
        (
            ["subscription", "change", "SUB-ROSSI-1", "--seats", "0"],
            "invalid seats '0': a whole number from 1 to 10000"
        ),
    ])
    func d9AnAmountOutOfRangeIsRefusedNamingTheField(arguments: [String], message: String) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["export"])
        let result = try cli.run(arguments + Self.rep)
        #expect(result.status == 65, "\(result.error)")
        #expect(result.error == "ledgerprint: \(message)\n")
        #expect(try cli.run(["export"]).output == before.output)
        let show = try cli.run(["accounts", "show", "ROSSI-IT"])
        #expect(show.status == 0, "the account still shows: \(show.error)")
    }

    @Test func d9AnImportedPaymentOrPriceOutOfRangeIsRefusedWithItsPath() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let sample = try String(
            contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"),
            encoding: .utf8
        )
        let payment = sample.replacingOccurrences(
            of: #""amount": "24400.00""#,
            with: #""amount": "92233720368547758.07""#
        )
        #expect(payment != sample)
        try Data(payment.utf8).write(to: URL(fileURLWithPath: cli.path("payment.json")))
        let paid = try cli.run(["import", cli.path("payment.json")])
        #expect(paid.status == 65)
        #expect(
            paid.error.contains(
                "payment.json: $.events[20] (2025-01-28 record-payment): invalid payment amount '92233720368547758.07':"
                    + " an amount above zero and at most 999999999999.99; nothing was imported"
            ),
            "\(paid.error)"
        )
        let price = try #require(sample.range(of: #""unitPrice": {"#))
        let amount = try #require(sample.range(of: #""amount": ""#, range: price.upperBound..<sample.endIndex))
        let closing = try #require(sample.range(of: "\"", range: amount.upperBound..<sample.endIndex))
        let priced = sample.replacingCharacters(in: amount.upperBound..<closing.lowerBound, with: "-1.00")
        try Data(priced.utf8).write(to: URL(fileURLWithPath: cli.path("price.json")))
        let refused = try cli.run(["import", cli.path("price.json")])
        #expect(refused.status == 65)
        #expect(
            refused.error.contains(
                "price.json: $.events[1].catalog.prices[0].unitPrice: invalid unit price '-1.00': an amount of zero or"
                    + " more and at most 99999999.99"
            ),
            "\(refused.error)"
        )
        #expect(!FileManager.default.fileExists(atPath: cli.path("store.sqlite")))
    }
}
