import Canvas
import Foundation
import Layout
import LedgerprintTestSupport
import Markup
import Testing

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
