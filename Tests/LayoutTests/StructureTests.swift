import Canvas
import Foundation
import Layout
import LedgerprintTestSupport
import Testing

/// The structure tree of a tagged PDF where content runs across pages.
@Suite("Tagged PDF across pages")
struct StructureTests {
    @Test func aParagraphRunningOntoTheNextPageKeepsTheRunningHeaderAndPageNumbersOutOfIt() throws {
        let sentence = "Every word of this long paragraph is read once and in order."
        let words = (1...60).map { "\(sentence) (\($0))" }.joined(separator: " ")
        let list = try layoutFixture(
            xhtml: """
                <html><head><title>t</title><style>
                @page { size: 105mm 148mm; margin: 15mm; @bottom-right { content: "Page " counter(page); } }
                </style></head><body>
                <p data-running="header">Running header ACME-1</p>
                <h1>Terms</h1>
                <p>\(words)</p>
                </body></html>
                """
        )
        #expect(list.pageCount >= 3)
        let pdf = try PDFRenderer.render(list, metadata: PDFMetadata(title: "t", creationDate: fixedDate))
        let root = try #require(try StructureElement.of(pdf))
        #expect(root.all("H1").map(\.text) == ["Terms"])
        let paragraphs = root.all("P").map(\.text)
        // One paragraph element a page, holding the paragraph's lines and nothing else.
        #expect(paragraphs.count == list.pageCount)
        for text in paragraphs {
            #expect(!text.contains("Running header"), "the running header is read in '\(text.prefix(60))…'")
            #expect(!text.contains("Page "), "a page number is read in '\(text.prefix(60))…'")
        }
        // Each holds its page's lines. (pdfinfo stops reading a paragraph at the empty span Cairo
        // writes for the space a line breaks at, so only each part's start is compared.)
        #expect(paragraphs.allSatisfy { !$0.isEmpty })
        #expect(paragraphs.first?.hasPrefix("Every word of this long paragraph") == true)
        #expect(!root.text.contains("Running header"))
    }

    /// A bookmark's title is its text with white space collapsed inside and none at either end — spaces, tabs, line
    /// breaks and no-break spaces alike — whether it comes from the heading or from `data-bookmark`; a heading of
    /// white space alone makes no bookmark.
    @Test func aBookmarkTitleHasNoWhiteSpaceAtItsEnds() throws {
        let list = try layoutFixture(
            xhtml: """
                <html><head><title>t</title></head><body>
                <h1>\u{00A0}  Fattura\t 2026/0001 \n</h1>
                <div data-bookmark=" \u{2003}Riepilogo   IVA\u{00A0}\u{2028}"><p>Imponibile</p></div>
                <h2>\u{3000}</h2>
                </body></html>
                """
        )
        #expect(list.outline.map(\.title) == ["Fattura 2026/0001", "Riepilogo IVA"])
        #expect(list.outline.map(\.level) == [1, 2])
    }
}
