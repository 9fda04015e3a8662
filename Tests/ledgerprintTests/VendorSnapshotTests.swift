import Foundation
import LedgerprintTestSupport
import Testing

/// An issued document prints with the vendor it was issued with, whatever the vendor changes later
/// (issue 25, D3).
@Suite("Vendor snapshots")
struct VendorSnapshotTests {
    /// A file with one set-vendor event: the samples' vendor at a new address, from `date`.
    static func movedVendor(_ cli: CLI, date: String) throws -> String {
        let sample = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        let file = try #require(try JSONSerialization.jsonObject(with: sample) as? [String: Any])
        let events = try #require(file["events"] as? [[String: Any]])
        var event = try #require(events.first { $0["action"] as? String == "set-vendor" })
        var vendor = try #require(event["vendor"] as? [String: Any])
        var address = try #require(vendor["address"] as? [String: Any])
        address["lines"] = ["200 Moved Street, Floor 9"]
        vendor["address"] = address
        vendor["bankDetails"] = "Other Bank N.A. (synthetic)"
        event["vendor"] = vendor
        event["date"] = date
        let moved = ["format": "ledgerprint/1", "events": [event]] as [String: Any]
        let path = cli.path("moved-vendor.json")
        try JSONSerialization.data(withJSONObject: moved).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func d3AReprintAndTheArchiveKeepTheVendorAsIssued() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["invoices", "print", "2025/0001", "--copy", "-o", cli.path("before.pdf")])
        #expect(before.status == 0, "\(before.error)")
        #expect(try cli.run(["archive", "--year", "2025", "--out", cli.path("archive")]).status == 0)

        let moved = try cli.run(["import", try Self.movedVendor(cli, date: "2026-11-27")])
        #expect(moved.status == 0, "\(moved.error)")

        let after = try cli.run(["invoices", "print", "2025/0001", "--copy", "-o", cli.path("after.pdf")])
        #expect(after.status == 0, "\(after.error)")
        let original = try Data(contentsOf: URL(fileURLWithPath: cli.path("before.pdf")))
        let reprint = try Data(contentsOf: URL(fileURLWithPath: cli.path("after.pdf")))
        let text = try poppler("pdftotext", on: reprint)
        #expect(text.contains("100 Example Way"), "the reprint names the vendor's address of the time")
        #expect(!text.contains("200 Moved Street"))
        #expect(reprint == original, "the reprint is the same PDF, byte for byte")

        let verified = try cli.run(["archive", "verify", cli.path("archive")])
        #expect(verified.status == 0, "\(verified.output)\(verified.error)")

        let run = try cli.run([
            "invoices", "run", "--period", "2026-12", "--today", "2026-12-04", "--out", cli.path("out"),
        ])
        #expect(run.output.contains("issued 1 invoices"), "\(run.error)")
        let printed = try FileManager.default.contentsOfDirectory(atPath: cli.path("out")).filter {
            $0.hasPrefix("invoice") && $0.hasSuffix(".pdf")
        }
        let newest = try #require(printed.first)
        let newText = try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("out/\(newest)"))))
        #expect(newText.contains("200 Moved Street"), "an invoice issued after the change names the new address")
    }
}
