import Foundation
import LedgerprintTestSupport
import Testing

/// `ledgerprint` does not link Cairo, Pango, GLib or fontconfig: commands that draw nothing start
/// without them, and a missing library is one clear error when a document is drawn.
@Suite("Drawing libraries loaded only to draw")
struct GraphicsLoadingTests {
    /// The drawing libraries and those they need, each replaced by an empty file: a program that
    /// linked any of them would not start, and loading one fails with "file too short".
    static let libraries = [
        "libglib-2.0.so.0", "libgobject-2.0.so.0", "libfontconfig.so.1", "libcairo.so.2", "libpango-1.0.so.0",
        "libpangoft2-1.0.so.0", "libpangocairo-1.0.so.0", "libharfbuzz.so.0", "libfreetype.so.6",
    ]

    @Test("without the drawing libraries, commands that draw nothing work and printing says what is missing")
    func withoutTheDrawingLibraries() throws {
        var cli = try CLI()
        defer { cli.remove() }
        let broken = cli.folder.appendingPathComponent("broken-libraries")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        for library in Self.libraries {
            try Data().write(to: broken.appendingPathComponent(library))
        }
        let inherited = ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"].map { ":" + $0 } ?? ""
        cli.environment["LD_LIBRARY_PATH"] = broken.path + inherited

        #expect(try cli.run(["--version"]).status == 0)
        try cli.importSamples()
        let accounts = try cli.run(["accounts", "list"])
        #expect(accounts.status == 0, "\(accounts.error)")
        #expect(accounts.output.contains("ROSSI-IT"))

        let output = cli.path("2025-0001.pdf")
        let printed = try cli.run(["invoices", "print", "2025/0001", "-o", output])
        #expect(printed.status == 69)
        let lines = printed.error.split(separator: "\n")
        #expect(lines.count == 1, "\(printed.error)")
        let expected =
            "ledgerprint: cannot load libglib-2.0.so.0, which Ledgerprint draws documents with "
            + "(install Debian's libglib2.0-0):"
        #expect(printed.error.hasPrefix(expected), "\(printed.error)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
