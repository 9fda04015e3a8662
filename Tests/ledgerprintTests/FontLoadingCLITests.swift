import Foundation
import LedgerprintTestSupport
import Testing

/// A printing command loads its fonts when the first PDF needs them (`FontLoading`): fonts that cannot be loaded
/// are still one clear error with nothing written, and HTML, which a browser sets in its own fonts, no longer
/// needs them at all.
@Suite("Fonts loaded when a PDF needs them")
struct FontLoadingCLITests {
    @Test("fonts that cannot be found stop a PDF with one line naming them, and write nothing")
    func missingFontsStopAPDF() throws {
        var cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let nowhere = cli.path("no-fonts-here")
        cli.environment["LEDGERPRINT_FONTS"] = nowhere

        let output = cli.path("2025-0001.pdf")
        let printed = try cli.run(["invoices", "print", "2025/0001", "-o", output])
        #expect(printed.status == 65, "\(printed.error)")
        let expected = "ledgerprint: cannot load the font configuration \(nowhere)/fonts.conf: no such file\n"
        #expect(printed.error == expected)
        #expect(!FileManager.default.fileExists(atPath: output))

        let statement = cli.path("statement.pdf")
        let refused = try cli.run(["statement", "ROSSI-IT", "--period", "2025-02", "-o", statement])
        #expect(refused.status == 65, "\(refused.error)")
        #expect(refused.error.contains("\(nowhere)/fonts.conf"), "\(refused.error)")
        #expect(!FileManager.default.fileExists(atPath: statement))
    }

    @Test("HTML prints without fonts, as it is set in the browser's")
    func htmlNeedsNoFonts() throws {
        var cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        cli.environment["LEDGERPRINT_FONTS"] = cli.path("no-fonts-here")

        let output = cli.path("2025-0001.html")
        let printed = try cli.run(["invoices", "print", "2025/0001", "--format", "html", "-o", output])
        #expect(printed.status == 0, "\(printed.error)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("2025/0001"))
    }
}
