import Canvas
import Foundation
import LedgerprintTestSupport
import Testing

/// The project's own font configuration, as every document uses it.
func projectFonts() throws -> FontLibrary {
    try FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"))
}

/// A fixed creation date, so documents are reproducible.
let fixedDate = Date(timeIntervalSince1970: 1_795_737_600)  // 2026-11-27T00:00:00Z
