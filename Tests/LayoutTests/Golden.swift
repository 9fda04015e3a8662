import Foundation
import Testing

/// Compares `text` with the golden file `__Snapshots__/<name>.txt`.
///
/// A missing golden is recorded
/// and the test fails, so a new golden is always looked at; `LEDGERPRINT_RECORD=1` re-records on purpose.
func assertGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = repositoryRoot.appendingPathComponent("Tests/LayoutTests/__Snapshots__/\(name).txt")
    let record = ProcessInfo.processInfo.environment["LEDGERPRINT_RECORD"] == "1"
    guard !record, let golden = try? String(contentsOf: url, encoding: .utf8) else {
        try text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded the golden \(url.lastPathComponent); review it and run again",
            sourceLocation: sourceLocation
        )
        return
    }
    if golden != text {
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first =
            zip(expected, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expected.count, actual.count)
        let shown = { (lines: [Substring]) in first < lines.count ? String(lines[first]) : "<end>" }
        Issue.record(
            "\(name) differs from its golden at line \(first + 1):\n  golden: \(shown(expected))\n  now:    \(shown(actual))",
            sourceLocation: sourceLocation
        )
    }
}
