import BillingCenter
import Canvas
import Documents
import Foundation
import LedgerprintTestSupport
import Testing

/// The Billing Center parses the templates of what it lets users download before it serves
/// anyone: a mistake in one stops `serve` at once, naming the file and line, instead of turning
/// every statement download into an error page.
@Suite("The Billing Center checks its templates at start")
struct TemplateCheckTests {
    @Test func aBrokenStatementTemplateStopsTheCenterWithItsFileAndLine() throws {
        let fixture = try WebFixture()
        let folder = fixture.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let statement = folder.appendingPathComponent("statement.html")
        let original = try String(contentsOf: statement, encoding: .utf8)
        try (original + "{{#never}}\n").write(to: statement, atomically: true, encoding: .utf8)
        let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
        let fonts = try FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"))

        do {
            _ = try BillingCenter(store: fixture.store, templateFolder: folder, fonts: fonts)
            Issue.record("a Billing Center started with a broken statement template")
        } catch {
            let message = "statement.html:\(line):1: Mustache: 'never' is opened here and never closed"
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
