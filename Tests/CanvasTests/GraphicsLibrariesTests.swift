import Foundation
import LedgerprintTestSupport
import Testing

@testable import Canvas

/// Cairo, Pango, GLib and fontconfig are loaded with `dlopen` and reached through one table
/// (`Sources/CPangoCairo/GraphicsFunctions.h`); the table and what Canvas calls must not drift apart.
@Suite("Graphics libraries loaded when first drawn")
struct GraphicsLibrariesTests {
    /// The names of Cairo, Pango, GLib and fontconfig written as calls (`cairo_create(`) in Canvas's
    /// sources and in the C header it imports, comments left out.
    static func calledNames() throws -> Set<String> {
        let folders = ["Sources/Canvas", "Sources/CPangoCairo/include"].map {
            repositoryRoot.appendingPathComponent($0)
        }
        var names = Set<String>()
        let call = /\b((?:cairo_|pango_|g_|Fc[A-Z])[A-Za-z0-9_]*)\s*\(/
        for folder in folders {
            let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            for file in files where ["swift", "h"].contains(file.pathExtension) {
                let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                for line in lines {
                    let code = line.firstRange(of: "//").map { line[..<$0.lowerBound] } ?? line
                    for match in code.matches(of: call) { names.insert(String(match.output.1)) }
                }
            }
        }
        return names
    }

    @Test("every Cairo, Pango, GLib and fontconfig function Canvas calls is in the loaded table")
    func everyFunctionCanvasCallsIsInTheTable() throws {
        try GraphicsLibraries.load()
        let table = Set(GraphicsLibraries.functionNames)
        #expect(table.count == GraphicsLibraries.functionNames.count, "a function is listed twice")
        // The calls that name a function of the loaded libraries (types such as `cairo_glyph_t(`
        // are not exported by them).
        let called = try Self.calledNames().filter { GraphicsLibraries.exports($0) }
        #expect(called.count > 90, "Canvas's sources were not read: \(called.count) library calls found")
        #expect(called.contains("cairo_create") && called.contains("pango_layout_new"))
        let missing = called.subtracting(table).sorted()
        #expect(missing.isEmpty, "add to Sources/CPangoCairo/GraphicsFunctions.h: \(missing)")
    }

    @Test("every function of the table is found in the installed libraries")
    func everyFunctionOfTheTableIsExported() throws {
        try GraphicsLibraries.load()
        let names = GraphicsLibraries.functionNames
        #expect(names.count > 100)
        #expect(names.filter { !GraphicsLibraries.exports($0) }.isEmpty)
    }
}
