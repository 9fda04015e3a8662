import Canvas
import Foundation
import LedgerprintTestSupport
import Testing

/// What a finished PDF carries beyond what Cairo writes: language, title bar, alt text, header scope.
@Suite("Finishing a PDF after Cairo")
struct FinishingTests {
    let fonts: FontLibrary

    init() throws { fonts = try projectFonts() }

    /// A page with a logo and a table whose first row heads the columns and whose second row
    /// starts with a header cell for that row.
    private func taggedPage(language: String = "de-CH") throws -> Data {
        let png = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/CanvasTests/Fixtures/swatch.png"))
        // Two images: Cairo 1.16 names one image drawn twice on a page twice in its resources.
        let (swatch, signature) = (try Image(png: png), try Image(png: png))
        let pdf = try PDFDocument(
            metadata: PDFMetadata(title: "Rechnung 2026/0001", creationDate: fixedDate, language: language)
        )
        try pdf.addPage { page in
            try page.tagged(.document) {
                try page.beginTag(.figure, alternativeText: "Webinar Seats, Inc.")
                try page.draw(swatch, in: Rect(x: 50, y: 40, width: 40, height: 40))
                try page.endTag(.figure)
                try page.tagged(.table) {
                    for (row, cells) in [["Monat", "Betrag"], ["Januar", "10,00 €"]].enumerated() {
                        try page.tagged(.tableRow) {
                            for (column, text) in cells.enumerated() {
                                let tag: StructureTag = row == 0 || column == 0 ? .tableHeaderCell : .tableCell
                                try page.tagged(tag) {
                                    let origin = Point(x: 50 + Double(column) * 100, y: 100 + Double(row) * 20)
                                    try page.draw(TextLayout(text, fonts: fonts), at: origin)
                                }
                            }
                        }
                    }
                }
                try page.beginTag(.figure, alternativeText: "Firma del legale rappresentante")
                try page.draw(signature, in: Rect(x: 50, y: 160, width: 40, height: 20))
                try page.endTag(.figure)
            }
        }
        return try pdf.finish()
    }

    @Test func theReaderShowsTheTitleAndSpeaksTheDocumentsLanguage() throws {
        let data = try taggedPage()
        #expect(try pdfinfo(data)["Title"] == "Rechnung 2026/0001")
        #expect(try pdfinfo(data)["Tagged"] == "yes")
        let pdf = try QPDFJSON(data)
        #expect(QPDFJSON.text(pdf.catalog["/Lang"]) == "de-CH")
        #expect(pdf.resolve(pdf.catalog["/ViewerPreferences"])?["/DisplayDocTitle"] as? Bool == true)
    }

    @Test func aFigureIsReadAsItsAlternativeTextAndHeaderCellsSayWhatTheyHead() throws {
        let pdf = try QPDFJSON(try taggedPage())
        // Each figure is read as its own text, in reading order.
        #expect(
            pdf.structureElementsInReadingOrder("Figure").map { QPDFJSON.text($0["/Alt"]) } == [
                "Webinar Seats, Inc.", "Firma del legale rappresentante",
            ]
        )
        let scopes = pdf.structureElements("TH").map { pdf.resolve($0["/A"])?["/Scope"] as? String }
        // "Monat" and "Betrag" head columns; "Januar" heads its row.
        #expect(scopes == ["/Column", "/Column", "/Row"])
        // pdfinfo reads the same structure.
        let tree = try poppler("pdfinfo", ["-struct"], on: try taggedPage())
        #expect(tree.components(separatedBy: "/Scope /Column").count == 3)
        #expect(tree.components(separatedBy: "/Scope /Row").count == 2)
    }

    @Test func finishingChangesNothingDrawnAndIsReproducible() throws {
        let finished = try taggedPage()
        #expect(finished == (try taggedPage()))
        #expect(try qpdfProblems(finished) == "")
        // The same drawing untagged and with no language (only its streams compressed): same picture.
        let plain = try PDFDocument(metadata: PDFMetadata(title: "Rechnung 2026/0001", creationDate: fixedDate))
        let png = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/CanvasTests/Fixtures/swatch.png"))
        try plain.addPage { page in
            let swatch = try Image(png: png)
            try page.draw(swatch, in: Rect(x: 50, y: 40, width: 40, height: 40))
            for (row, cells) in [["Monat", "Betrag"], ["Januar", "10,00 €"]].enumerated() {
                for (column, text) in cells.enumerated() {
                    let origin = Point(x: 50 + Double(column) * 100, y: 100 + Double(row) * 20)
                    try page.draw(TextLayout(text, fonts: fonts), at: origin)
                }
            }
            try page.draw(try Image(png: png), in: Rect(x: 50, y: 160, width: 40, height: 20))
        }
        let plainData = try plain.finish()
        #expect(try QPDFJSON(plainData).catalog["/Lang"] == nil)
        let picture = try pagePicture(finished)
        #expect(picture.count > 100)
        #expect(picture == (try pagePicture(plainData)))
    }

    /// Cairo leaves page contents and ToUnicode maps uncompressed for finishing to mark; the file
    /// that comes out has them compressed, each object once (no dead copy under an update).
    @Test func everyStreamIsCompressedAndEveryObjectWrittenOnce() throws {
        let plain = try PDFDocument(metadata: PDFMetadata(title: "Rechnung 2026/0001", creationDate: fixedDate))
        try plain.addPage { page in try page.draw(TextLayout("Januar 10,00 €", fonts: fonts), at: Point(x: 50, y: 100))
        }
        for pdf in [try taggedPage(), try plain.finish()] {
            #expect(try qpdfProblems(pdf) == "")
            let listed = (try QPDFJSON(pdf).json["qpdf"] as? [Any])?.dropFirst().first as? [String: Any] ?? [:]
            let streams = listed.values.compactMap { (($0 as? [String: Any])?["stream"] as? [String: Any])?["dict"] }
                .compactMap { $0 as? [String: Any] }
            #expect(streams.count >= 3)  // page contents, font file, ToUnicode map
            for stream in streams {
                #expect(stream["/Filter"] as? String == "/FlateDecode", "\(stream.keys.sorted())")
            }
            let text = String(decoding: pdf, as: UTF8.self)
            #expect(text.components(separatedBy: "startxref").count == 2)
            #expect(!text.contains("/Prev"))
        }
    }

    /// Cairo 1.16 drawing a link without structure tags lists a number it never writes at the page
    /// contents' offset; the finished file leaves that number free and has the contents once.
    @Test func aLinkWithoutStructureLeavesNoBrokenEntryAndNoSecondCopy() throws {
        let pdf = try PDFDocument(
            metadata: PDFMetadata(title: "Rechnung 2026/0001", creationDate: fixedDate),
            structure: .byCairo
        )
        try pdf.addPage { page in
            try page.draw(TextLayout("billing@webinarseats.example", fonts: fonts), at: Point(x: 50, y: 100))
            try page.link(to: "mailto:billing@webinarseats.example", area: Rect(x: 50, y: 90, width: 150, height: 14))
        }
        let finished = try pdf.finish()
        #expect(try qpdfProblems(finished) == "")
        #expect(try QPDFJSON(finished).linkTargets == ["mailto:billing@webinarseats.example"])
        let streams = try QPDFJSON(finished, streams: true).objects.values.compactMap { $0["stream"] as? String }
        #expect(streams.count >= 3)  // page contents, font file, ToUnicode map
        #expect(Set(streams).count == streams.count)  // none twice
    }

    /// A page with text outside WinAnsi (a TrueType CID font) and a link, as PDF/A-3b or plain.
    private func archivalPage(_ conformance: PDFConformance) throws -> Data {
        let pdf = try PDFDocument(
            metadata: PDFMetadata(
                title: "Fattura 2026/0001 — Ω",
                author: "Webinar Seats <S.r.l.> & Co. (\\Milano)",
                subject: "Fattura",
                keywords: "fattura, 2026/0001",
                creationDate: fixedDate,
                language: "it"
            )
        )
        pdf.conformance = conformance
        try pdf.addPage { page in
            try page.tagged(.paragraph) {
                try page.draw(TextLayout("Ω ≥ 1 → € 10,00", fonts: fonts), at: Point(x: 50, y: 50))
            }
            try page.draw(TextLayout("webinarseats.example", fonts: fonts), at: Point(x: 50, y: 80))
            try page.link(to: "https://webinarseats.example/a_(b)\\c", area: Rect(x: 50, y: 80, width: 120, height: 12))
        }
        return try pdf.finish()
    }

    @Test func aPDFAFileMeetsEveryItemOfTheChecklist() throws {
        let archival = try archivalPage(.pdfA3b)
        #expect(try PDFAChecklist.problems(archival) == [])
        #expect(archival == (try archivalPage(.pdfA3b)))
        let info = try pdfinfo(archival)
        #expect(info["PDF version"] == "1.7")
        #expect(info["Metadata Stream"] == "yes")
        #expect(info["Title"] == "Fattura 2026/0001 — Ω")
        // The link says where it goes, parentheses and all (Cairo itself drops the backslash).
        let links = try QPDFJSON(archival).objects.values.filter { $0["/Subtype"] as? String == "/Link" }
        #expect(links.count == 1)
        let target = links.first.flatMap { ($0["/A"] as? [String: Any])?["/URI"] }.flatMap(QPDFJSON.text)
        #expect(target?.hasPrefix("https://webinarseats.example/a_(b)") == true)
        #expect(links.map { QPDFJSON.text($0["/Contents"]) } == [target])
        // "Ω ≥ →" are outside WinAnsi: a TrueType CID font, whose glyph map the checklist wants said.
        #expect(try poppler("pdffonts", on: archival).contains("CID TrueType"))
        // The picture is the plain file's.
        let plain = try archivalPage(.plain)
        #expect(try pagePicture(archival) == (try pagePicture(plain)))
        // The checklist catches what a plain file lacks.
        let missing = try PDFAChecklist.problems(plain)
        #expect(missing.contains("XMP stream"))
        #expect(missing.contains("a GTS_PDFA1 output intent"))
        #expect(missing.contains("annotations have the print flag"))
    }
}
