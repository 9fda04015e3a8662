import Foundation
import LedgerprintTestSupport
import Testing

/// Every file `make demo` writes (`ledgerprint demo --pdfa`), checked as issue 17 asks: every PDF
/// passes `qpdf --check`, is tagged PDF/A with its artifacts marked, has an outline and real links;
/// every HTML file has its language, landmarks and links.
@Suite("ledgerprint demo checked file by file")
struct DemoCheckTests {
    @Test func everyDemoFileIsCheckedTaggedBookmarkedAndLinked() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let demo = try cli.run(["demo", "--pdfa", "--out", cli.path("out")])
        #expect(demo.status == 0, "\(demo.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("out")).sorted()
        let pdfs = files.filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count >= 40)
        for name in pdfs {
            let pdf = try Data(contentsOf: URL(fileURLWithPath: cli.path("out/\(name)")))
            #expect(try qpdfProblems(pdf) == "", "\(name): qpdf --check")
            let info = try pdfinfo(pdf)
            #expect(info["Tagged"] == "yes", "\(name)")
            #expect(info["Metadata Stream"] == "yes", "\(name): no XMP, not PDF/A")
            // The structure written after Cairo, not by the slower fallback of Cairo's own tags,
            // with every MCID of every page mapped to exactly one element and back.
            #expect(try structureWrittenAfterCairo(pdf), "\(name): drawn again with Cairo's tags")
            #expect(try parentTreeProblems(pdf) == [], "\(name)")
            for (index, page) in try MarkedContent.of(pdf).enumerated() {
                #expect(page.unmarked.isEmpty, "\(name) page \(index + 1) draws \(page.unmarked) unmarked")
                #expect(page.artifactText.contains { $0.contains("\(index + 1)") }, "\(name): page number")
            }
            let json = try QPDFJSON(pdf)
            let outline = json.outline
            #expect(outline.count == 1, "\(name): one bookmark for the document, its sections under it")
            // The vendor's e-mail and web site are links.
            #expect(json.linkTargets.contains { $0.hasPrefix("mailto:") }, "\(name): no mailto link")
            #expect(json.linkTargets.contains { $0.hasPrefix("https://") }, "\(name): no web link")
            let sections = outline.first?.kids.map(\.title) ?? []
            if name.hasPrefix("statement_"), name.hasSuffix("_en.pdf") {
                #expect(sections.first == "Account activity", "\(name): \(sections)")
            }
            if name.hasPrefix("w9-packet_"), name.hasSuffix("_en.pdf") {
                #expect(sections.count == 3 && sections.first == "Cover letter", "\(name): \(sections)")
                #expect(sections.last == "Request summary", "\(name): \(sections)")
            }
        }
        for name in files where name.hasSuffix(".html") {
            let html = try String(contentsOfFile: cli.path("out/\(name)"), encoding: .utf8)
            #expect(html.contains("<html lang=\""), "\(name)")
            #expect(html.contains("<header>") && html.contains("<main>"), "\(name): landmarks")
            #expect(html.contains("href=\"mailto:") && html.contains("href=\"https://"), "\(name): links")
        }
    }
}
