import Canvas
import Foundation
import Testing

/// The repository's root folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The project's own font configuration, as every document uses it.
func projectFonts() throws -> FontLibrary {
    try FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"))
}

/// A fixed creation date, so documents are reproducible.
let fixedDate = Date(timeIntervalSince1970: 1_795_737_600)  // 2026-11-27T00:00:00Z

/// A new empty folder under the system's temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("canvas-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Runs a poppler tool on `pdf` and returns what it printed.
func poppler(_ tool: String, _ arguments: [String] = [], on pdf: Data) throws -> String {
    let folder = try temporaryFolder()
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
func pdfinfo(_ pdf: Data, pages: ClosedRange<Int>? = nil) throws -> [String: String] {
    let arguments = pages.map { ["-f", "\($0.lowerBound)", "-l", "\($0.upperBound)"] } ?? []
    var fields: [String: String] = [:]
    for line in try poppler("pdfinfo", arguments, on: pdf).split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        fields[String(line[..<colon])] = value
    }
    return fields
}
