import Canvas
import Foundation
import Layout
import LedgerprintTestSupport
import Markup
import Testing

@Suite("Rendering")
struct RenderingTests {
    private func invoicePDF() throws -> (DisplayList, Data) {
        let list = try layoutFixture("invoice.html")
        return (
            list,
            try PDFRenderer.render(list, metadata: PDFMetadata(title: "Fattura 2026/0001", creationDate: fixedDate))
        )
    }

    @Test func theInvoicePageMatchesItsGolden() throws {
        let (list, _) = try invoicePDF()
        #expect(list.pageCount == 1)
        try assertGolden(list.dump(), named: "invoice", in: "LayoutTests")
    }

    @Test func aColspanCellSpansItsColumns() throws {
        let (list, _) = try invoicePDF()
        // Each header cell's bottom border spans the cell: the first four horizontal #bbbbbb lines.
        let rules = list.pages[0].compactMap { item -> (x: Double, y: Double, width: Double)? in
            if case .line(let from, let to, _, let color, _) = item, color == Color(rgb: 0xBBBBBB), from.y == to.y {
                return (from.x, from.y, to.x - from.x)
            }
            return nil
        }
        let headerY = try #require(rules.map(\.y).min())
        let header = rules.filter { abs($0.y - headerY) < 0.01 }.sorted { $0.x < $1.x }
        #expect(header.count == 4)
        // Header cells: description, then three fixed columns of 22, 29 and 29 mm (+ 8pt padding each).
        let widths = header.map(\.width)
        // The grey header cells are filled as one rectangle across the table.
        let fills = list.pages[0].compactMap { item -> Rect? in
            if case .fill(let rect, let color) = item, color == Color(rgb: 0xE6E6E6) { return rect }
            return nil
        }
        #expect(fills.count == 1)
        #expect(abs((fills.first?.width ?? 0) - widths.reduce(0, +)) < 0.01)
        #expect(abs(widths[1] - (22 * 72 / 25.4 + 8)) < 0.01)
        #expect(abs(widths[2] - (29 * 72 / 25.4 + 8)) < 0.01)
        // "Imponibile" spans three columns: it is right-aligned at the end of the third column.
        let spanned = list.pages[0].compactMap { item -> (TextLayout, Point)? in
            if case .text(let layout, _, let origin) = item, layout.lines.first?.text == "Imponibile" {
                return (layout, origin)
            }
            return nil
        }
        let (layout, origin) = try #require(spanned.first)
        let end = origin.x + (layout.lines.first.map { $0.x + $0.width } ?? 0)
        let thirdColumnEnd = (header.first?.x ?? 0) + widths.prefix(3).reduce(0, +) - 4
        #expect(abs(end - thirdColumnEnd) < 0.5)
    }

    @Test func aBorderedBlockInsideATableCellKeepsItsBackgroundAndBorder() throws {
        // Like the PAID stamp of an invoice: a paragraph with a border and a background in a cell.
        let list = try layoutFixture(
            xhtml: """
                <html><head><title>t</title><style>
                  p.stamp { border: 1.5pt solid #b22222; background-color: #eeeeee; padding: 2pt 6pt; }
                </style></head><body><table><tr><td><p class="stamp">PAGATA</p></td></tr></table></body></html>
                """
        )
        let items = list.pages[0]
        let fill = items.firstIndex { item in
            if case .fill(_, let color) = item { return color == Color(rgb: 0xEEEEEE) }
            return false
        }
        let borders = items.filter { item in
            if case .line(_, _, let width, let color, _) = item { return color == Color(rgb: 0xB22222) && width == 1.5 }
            return false
        }
        let text = items.firstIndex { item in
            if case .text(let layout, _, _) = item { return layout.lines.first?.text == "PAGATA" }
            return false
        }
        #expect(borders.count == 4, "the four sides of the stamp's border")
        #expect(fill != nil)
        #expect((fill ?? .max) < (text ?? .min), "the background is drawn under the text")
    }

    @Test func mixedStylesShareOneParagraphAndTheImageIsScaled() throws {
        let (list, _) = try invoicePDF()
        let text = list.text(onPage: 1)
        #expect(text.contains("Numero: 2026/0001"))
        let joined = text.joined(separator: "")
        #expect(joined.contains("Webinar Pro — canone mensile, novembre 2026, con registrazioni illimitate e archivio"))
        let images = list.pages[0].compactMap { item -> Rect? in
            if case .image(_, let rect) = item { return rect }
            return nil
        }
        let logo = try #require(images.first)
        #expect(abs(logo.width - 40 * 72 / 25.4) < 0.01)
        #expect(abs(logo.height - logo.width * 48 / 160) < 0.01)
    }

    @Test func thePDFHasTheTextLinksAndOutline() throws {
        let (_, pdf) = try invoicePDF()
        let text = try poppler("pdftotext", ["-layout"], on: pdf)
        #expect(text.contains("FATTURA"))
        #expect(text.contains("€ 1.645,78"))
        #expect(text.contains("perché la città è più bella"))
        let bytes = String(decoding: pdf, as: UTF8.self)
        #expect(bytes.contains("/URI (https://example.com)"))
        #expect(bytes.contains("/Title (FATTURA)"))
        let statement = try PDFRenderer.render(
            layoutFixture("statement.html"),
            metadata: PDFMetadata(title: "S", creationDate: fixedDate)
        )
        let pages = try poppler("pdftotext", on: statement)
        for page in 1...3 { #expect(pages.contains("Pagina \(page) di 3")) }
        #expect(pages.contains("Riporto"))
    }

    @Test func renderingTwiceGivesIdenticalBytes() throws {
        let first = try invoicePDF().1
        let second = try invoicePDF().1
        #expect(first == second)
    }

    @Test func anImageThatIsNotAPNGIsAnErrorAtTheImg() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("img-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("GIF89a not a png".utf8).write(to: folder.appendingPathComponent("logo.gif"))
        let document = try MarkupDocument(
            xhtml: "<html><body>\n  <img src=\"logo.gif\"/></body></html>",
            file: "t.html",
            resourceFolder: folder
        )
        do {
            _ = try LayoutEngine(fonts: projectFonts()).layout(document)
            Issue.record("a GIF was laid out")
        } catch let error as LayoutError {
            #expect(error.description.hasPrefix("t.html:2:3: image 'logo.gif': the image is not a readable PNG"))
        }
    }

    @Test func anUnknownFontFamilyFallsBackToTheNextInstalledOne() throws {
        let list = try layoutFixture(
            xhtml: "<html><body><p>x</p></body></html>",
            css: "p { font-family: \"Nonexistent Sans\", \"DejaVu Sans\" }"
        )
        #expect(list.dump().contains("[DejaVu Sans 10.00]"))
    }
}

@Suite("Table attributes out of range")
struct TableAttributeTests {
    @Test func aWrongDecimalCountIsAnErrorAtTheTable() throws {
        let xhtml =
            "<html><body>\n<table data-carry=\"2:sum\" data-fraction=\"-3\"><tr><td>a</td><td data-value=\"1\">1</td></tr></table></body></html>"
        do {
            _ = try layoutFixture(xhtml: xhtml, css: "")
            Issue.record("a negative decimal count was accepted")
        } catch let error as LayoutError {
            #expect(
                error.description.hasPrefix(
                    "inline.html:2:1: data-fraction '-3' must be a number of decimals from 0 to 6"
                )
            )
        }
    }

    @Test func anAbsurdColspanDoesNotExhaustMemory() throws {
        let list = try layoutFixture(
            xhtml: "<html><body><table><tr><td colspan=\"999999999\">wide</td></tr></table></body></html>",
            css: ""
        )
        #expect(list.text(onPage: 1) == ["wide"])
    }
}

@Suite("Page set-up out of range")
struct PageSetupTests {
    @Test func marginsThatLeaveNoRoomAreAnError() throws {
        do {
            _ = try layoutFixture(xhtml: "<html><body><p>x</p></body></html>", css: "@page { size: A5; margin: 80mm }")
            Issue.record("a page with no room was laid out")
        } catch let error as LayoutError {
            #expect(error.description.contains("leaves no room to print"))
        }
    }
}
