import Canvas
import Foundation
import LedgerprintTestSupport
import Testing

@Suite("PDF documents")
struct PDFDocumentTests {
    let fonts: FontLibrary

    init() throws { fonts = try projectFonts() }

    private func invoicePage(title: String = "Fattura n. 2026/0001") throws -> Data {
        let pdf = try PDFDocument(
            metadata: PDFMetadata(
                title: title,
                author: "Webinar Seats S.r.l.",
                subject: "Fattura per servizi webinar",
                keywords: "fattura, 2026/0001",
                creationDate: fixedDate
            )
        )
        try pdf.addPage { page in
            try page.draw(
                TextLayout("FATTURA", style: TextStyle(size: 20, weight: .bold), fonts: fonts),
                at: Point(x: 51, y: 51)
            )
            try page.draw(
                TextLayout("Fattura n. 2026/0001 — € 1.234,56 — perché la città è più bella", fonts: fonts),
                at: Point(x: 51, y: 90)
            )
            try page.fill(Rect(x: 51, y: 120, width: 493, height: 14), with: Color(rgb: 0xE6E6E6))
            try page.line(from: Point(x: 51, y: 134), to: Point(x: 544, y: 134), color: Color(rgb: 0xBBBBBB))
            try page.stroke(Rect(x: 51, y: 140, width: 100, height: 40), color: .black, width: 0.8)
        }
        return try pdf.finish()
    }

    @Test func twoRendersOfTheSamePageAreByteIdentical() throws {
        let first = try invoicePage()
        let second = try invoicePage()
        #expect(first == second)
        #expect(first.starts(with: Array("%PDF-".utf8)))
    }

    /// The bytes Cairo writes go into a buffer that starts at 64 KB and grows: a document larger
    /// than that must come out whole.
    @Test func aLongDocumentComesOutWholeAndReadable() throws {
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Estratto conto", creationDate: fixedDate))
        for number in 1...120 {
            try pdf.addPage { page in
                for line in 0..<40 {
                    try page.draw(
                        TextLayout("Pagina \(number), riga \(line): fattura 2026/\(number * 100 + line)", fonts: fonts),
                        at: Point(x: 51, y: 51 + Double(line) * 18)
                    )
                }
            }
        }
        let data = try pdf.finish()
        #expect(data.count > 64 * 1024, "the buffer had to grow")
        #expect(try pdfinfo(data)["Pages"] == "120")
        let text = try poppler("pdftotext", on: data)
        #expect(text.contains("Pagina 1, riga 0: fattura 2026/100"))
        #expect(text.contains("Pagina 120, riga 39: fattura 2026/12039"))
    }

    @Test func metadataAppearsInPdfinfo() throws {
        let info = try pdfinfo(invoicePage())
        #expect(info["Title"] == "Fattura n. 2026/0001")
        #expect(info["Author"] == "Webinar Seats S.r.l.")
        #expect(info["Subject"] == "Fattura per servizi webinar")
        #expect(info["Keywords"] == "fattura, 2026/0001")
        #expect(info["Creator"] == "Ledgerprint")
        #expect(info["CreationDate"] == "Fri Nov 27 00:00:00 2026 UTC")
        #expect(info["Pages"] == "1")
        #expect(info["Page size"] == "595.276 x 841.89 pts (A4)")
    }

    @Test func italianAccentsEuroAndDashesSurviveTextExtraction() throws {
        let text = try poppler("pdftotext", on: invoicePage())
        #expect(text.contains("FATTURA"))
        #expect(text.contains("Fattura n. 2026/0001 — € 1.234,56 — perché la città è più bella"))
    }

    @Test func everyFontIsEmbeddedAndSubset() throws {
        let fontsTable = try poppler("pdffonts", on: invoicePage())
        let rows = fontsTable.split(separator: "\n").dropFirst(2)
        #expect(rows.count == 2)  // Liberation Sans regular and bold
        for row in rows {
            #expect(row.contains("LiberationSans"))
            let columns = row.split(separator: " ")
            // name type encoding emb sub uni object ID
            #expect(columns.suffix(5).prefix(2) == ["yes", "yes"], "not embedded and subset: \(row)")
        }
    }

    @Test func pagesTakeTheirOwnSize() throws {
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Sizes", creationDate: fixedDate))
        try pdf.addPage(size: .usLetter) { _ in }
        try pdf.addPage { _ in }
        let info = try pdfinfo(pdf.finish(), pages: 1...2)
        #expect(info["Page    1 size"] == "612 x 792 pts (letter)")
        #expect(info["Page    2 size"] == "595.276 x 841.89 pts (A4)")
    }

    @Test func aRangeOfLinesDrawsOnlyThoseLines() throws {
        let layout = try TextLayout((1...6).map { "Riga numero \($0)" }.joined(separator: "\n"), fonts: fonts)
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Split", creationDate: fixedDate))
        try pdf.addPage { page in try page.draw(layout, lines: 0..<3, at: Point(x: 50, y: 50)) }
        try pdf.addPage { page in try page.draw(layout, lines: 3..<6, at: Point(x: 50, y: 50)) }
        let data = try pdf.finish()
        let first = try poppler("pdftotext", ["-f", "1", "-l", "1"], on: data)
        let second = try poppler("pdftotext", ["-f", "2", "-l", "2"], on: data)
        #expect(first.contains("Riga numero 3") && !first.contains("Riga numero 4"))
        #expect(
            second.contains("Riga numero 4") && second.contains("Riga numero 6") && !second.contains("Riga numero 3")
        )
    }

    @Test func linksOutlineAndPageLabelsAreWritten() throws {
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Navigation", creationDate: fixedDate))
        try pdf.addPage(label: "i") { page in
            try page.fill(Rect(x: 50, y: 50, width: 100, height: 12), with: Color(rgb: 0xEEEEEE))
            try page.link(to: "https://example.com/pay?invoice='7'", area: Rect(x: 50, y: 50, width: 100, height: 12))
        }
        try pdf.addPage(label: "1") { page in
            try page.draw(
                TextLayout([TextRun("Guide: "), TextRun("docs", link: "https://example.com/docs")], fonts: fonts),
                at: Point(x: 50, y: 50)
            )
        }
        let chapter = pdf.addOutlineEntry(title: "Riepilogo", page: 1)
        pdf.addOutlineEntry(title: "Dettaglio", page: 2, y: 100, parent: chapter)
        let bytes = String(decoding: try pdf.finish(), as: UTF8.self)
        #expect(bytes.contains("/URI (https://example.com/pay?invoice='7')"))
        #expect(bytes.contains("/URI (https://example.com/docs)"))
        #expect(bytes.contains("/Title (Riepilogo)"))
        #expect(bytes.contains("/Title (Dettaglio)"))
        #expect(bytes.contains("/PageLabels"))
    }

    @Test func structureTagsBuildAStructureTree() throws {
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Tagged", creationDate: fixedDate))
        try pdf.addPage { page in
            try page.tagged(.paragraph) {
                try page.draw(TextLayout("Un paragrafo.", fonts: fonts), at: Point(x: 50, y: 50))
            }
        }
        let data = try pdf.finish()
        #expect(try pdfinfo(data)["Tagged"] == "yes")
        #expect(try QPDFJSON(data).structureElements("P").count == 1)
    }

    @Test func aDocumentWithoutPagesIsAnError() throws {
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Empty", creationDate: fixedDate))
        #expect(throws: CanvasError.invalidArgument("a PDF needs at least one page")) { try pdf.finish() }
    }

    @Test func anImpossiblePageSizeIsAnError() throws {
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Bad", creationDate: fixedDate))
        #expect(throws: CanvasError.self) { try pdf.addPage(size: PageSize(width: 0, height: 100)) { _ in } }
    }
}
