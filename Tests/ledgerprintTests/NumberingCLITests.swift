import Foundation
import LedgerprintTestSupport
import Testing

/// `ledgerprint numbering`: numbers follow dates unless a representative lets a series take
/// back-dated documents.
@Suite("ledgerprint numbering")
struct NumberingCLITests {
    @Test func aRepresentativeLetsTheInvoiceSeriesTakeABackDatedPurchase() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let buy = [
            "subscription", "add", "ROSSI-IT", "--product", "training", "--tier", "pro", "--seats", "2",
            "--as", "rep:Marco", "--today", "2026-01-15",
        ]
        let refused = try cli.run(buy)
        #expect(refused.status == 65)
        #expect(refused.error.contains("numbers follow dates, so nothing was changed"), "\(refused.error)")

        let contact = try cli.run([
            "numbering", "set", "invoice", "--back-dating", "allowed", "--as", "anna.bianchi@studiorossi.example",
        ])
        #expect(contact.status == 77, "\(contact.error)")
        let set = try cli.run(["numbering", "set", "invoice", "--back-dating", "allowed", "--as", "rep:Marco"])
        #expect(set.status == 0, "\(set.error)")
        #expect(set.output.contains("the invoice series now takes documents dated before its latest one"))
        let shown = try cli.run(["numbering", "show"])
        let invoiceRow = shown.output.split(separator: "\n").first { $0.hasPrefix("invoice ") } ?? ""
        #expect(invoiceRow.contains("2026/0001") && invoiceRow.contains("2026-11-"), "\(shown.output)")
        #expect(shown.output.contains("allowed"), "\(shown.output)")
        #expect(shown.output.contains("refused"), "\(shown.output)")

        let bought = try cli.run(buy)
        #expect(bought.status == 0, "\(bought.error)")
        #expect(bought.output.contains("dated 2026-01-15"), "\(bought.output)")

        let wrong = try cli.run(["numbering", "set", "receipts", "--back-dating", "allowed", "--as", "rep:Marco"])
        #expect(wrong.status == 64)
        #expect(wrong.error.contains("receipts"), "\(wrong.error)")
    }
}
