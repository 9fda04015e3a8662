import Foundation
import LedgerprintTestSupport
import Testing

/// Issue 25, archives and reruns: nothing edited or added is trusted without its proof.
@Suite("Hostile archives and reruns", .serialized)
struct HostileArchiveTests {
    /// D6: an edited amount in manifest.json, an edited manifest.csv and a stray file are all reported.
    @Test func d6VerifyChecksEveryManifestFieldTheCSVAndUnlistedFiles() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        #expect(try cli.run(["archive", "--year", "2025", "--out", cli.path("archive")]).status == 0)
        let json = URL(fileURLWithPath: cli.path("archive/manifest.json"))
        var entries = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [[String: Any]])
        let number = try #require(entries[0]["number"] as? String)
        let amount = try #require(entries[0]["amount"] as? String)
        entries[0]["amount"] = "EUR 1.00"
        var outside = entries[1]
        outside["file"] = "../outside.pdf"
        entries.append(outside)
        try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted, .sortedKeys]).write(to: json)
        let csv = URL(fileURLWithPath: cli.path("archive/manifest.csv"))
        var lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "2025-", with: "2024-")
        try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        try Data("%PDF-1.5 not ours".utf8).write(to: URL(fileURLWithPath: cli.path("archive/extra.pdf")))

        let result = try cli.run(["archive", "verify", cli.path("archive")])
        #expect(result.status == 3)
        #expect(
            result.output.contains("field: \(number) amount is EUR 1.00 in the manifest, \(amount) in the store"),
            "\(result.output)"
        )
        #expect(result.output.contains("manifest.csv: line 3 differs from manifest.json"), "\(result.output)")
        #expect(result.output.contains("unlisted: extra.pdf is in the archive but not in its manifest"))
        #expect(result.output.contains("unsafe: ../outside.pdf in the manifest is not a file of the archive"))
    }

    /// D12: a rerun checks each existing PDF against the SHA-256 recorded when it was printed.
    @Test func d12ARerunReprintsACorruptedPDFAndSaysSo() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let out = cli.path("out")
        let first = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out])
        #expect(first.status == 0, "\(first.error)")
        let victim = try #require(
            try FileManager.default.contentsOfDirectory(atPath: out).first { $0.hasSuffix(".pdf") }
        )
        let url = URL(fileURLWithPath: "\(out)/\(victim)")
        let good = try Data(contentsOf: url)
        try good.prefix(good.count / 2).write(to: url)

        let again = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("re-printed \(victim): it did not match its recorded SHA-256"), "\(again.output)")
        #expect(try Data(contentsOf: url) == good)
        let third = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out])
        #expect(!third.output.contains("re-printed"))
    }
}
