import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint --pdfa")
struct PDFAOptionTests {
    @Test func pdfaPrintsAnArchivalFileAndWithoutItAPlainOne() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let list = try cli.run(["invoices", "list", "--account", "GLOBEX-US", "--format", "csv"]).output
        let number = try #require(list.split(separator: "\n").last?.split(separator: ",").first.map(String.init))
        let archival = try cli.run(["invoices", "print", number, "--pdfa", "-o", cli.path("pdfa.pdf")])
        #expect(archival.status == 0, "\(archival.error)")
        let data = try Data(contentsOf: URL(fileURLWithPath: cli.path("pdfa.pdf")))
        #expect(try PDFAChecklist.problems(data) == [])
        #expect(try pdfinfo(data)["Metadata Stream"] == "yes")
        #expect(try cli.run(["invoices", "print", number, "-o", cli.path("plain.pdf")]).status == 0)
        let plain = try Data(contentsOf: URL(fileURLWithPath: cli.path("plain.pdf")))
        #expect(try pdfinfo(plain)["Metadata Stream"] == "no")
        #expect(try pagePicture(plain) == (try pagePicture(data)))
        #expect(try cli.run(["invoices", "print", "--help"]).output.contains("--pdfa"))
    }
}
