import Foundation
import Testing

/// The repository's root folder.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A new empty folder under the system's temporary folder.
public func temporaryFolder(_ prefix: String = "ledgerprint-tests") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`, `pdfimages`) on `pdf` and returns what it printed.
public func poppler(_ tool: String, _ arguments: [String] = [], on pdf: Data) throws -> String {
    let folder = try temporaryFolder("poppler")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("input.pdf")
    try pdf.write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
    process.arguments = arguments + [file.path] + (tool == "pdftotext" ? ["-"] : [])
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(tool) failed")
    return String(decoding: data, as: UTF8.self)
}

/// `pdfinfo`'s fields by name ("Title", "Pages", "Page    1 size"…), values trimmed.
public func pdfinfo(_ pdf: Data, pages: ClosedRange<Int>? = nil) throws -> [String: String] {
    let arguments = pages.map { ["-f", "\($0.lowerBound)", "-l", "\($0.upperBound)"] } ?? []
    var fields: [String: String] = [:]
    for line in try poppler("pdfinfo", arguments, on: pdf).split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return fields
}

/// Compares `text` with the golden file `Tests/<target>/__Snapshots__/<name>.txt`.
///
/// A missing golden is recorded and the test fails, so a new golden is always looked at;
/// `LEDGERPRINT_RECORD=1` re-records on purpose.
public func assertGolden(
    _ text: String,
    named name: String,
    in target: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = repositoryRoot.appendingPathComponent("Tests/\(target)/__Snapshots__/\(name).txt")
    let record = ProcessInfo.processInfo.environment["LEDGERPRINT_RECORD"] == "1"
    guard !record, let golden = try? String(contentsOf: url, encoding: .utf8) else {
        try text.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded the golden \(url.lastPathComponent); review it and run again",
            sourceLocation: sourceLocation
        )
        return
    }
    guard golden != text else { return }
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
