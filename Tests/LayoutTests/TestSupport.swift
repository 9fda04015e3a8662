import Canvas
import Foundation
import Layout
import Markup
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let fixtures = repositoryRoot.appendingPathComponent("Tests/LayoutTests/Fixtures")

func projectFonts() throws -> FontLibrary {
    try FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"))
}

/// Parses a fixture (or inline XHTML) with base.css and lays it out.
func layoutFixture(
    _ name: String? = nil,
    xhtml: String? = nil,
    css: String? = nil,
    engine: LayoutEngine? = nil
) throws -> DisplayList {
    let text = try xhtml ?? String(contentsOf: fixtures.appendingPathComponent(name ?? ""), encoding: .utf8)
    let base = try css ?? String(contentsOf: fixtures.appendingPathComponent("base.css"), encoding: .utf8)
    let document = try MarkupDocument(
        xhtml: text,
        file: name ?? "inline.html",
        stylesheets: [(base, "base.css")],
        resourceFolder: fixtures
    )
    return try (engine ?? LayoutEngine(fonts: projectFonts())).layout(document)
}

let fixedDate = Date(timeIntervalSince1970: 1_795_737_600)

/// Runs a poppler tool on `pdf` and returns what it printed.
func poppler(_ tool: String, _ arguments: [String] = [], on pdf: Data) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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
    return String(decoding: data, as: UTF8.self)
}
