import Billing
import Documents
import Foundation
import LedgerprintTestSupport
import Testing

/// Tagged PDF: what a screen reader or a text extractor following the structure tree gets.
extension DocumentTests {
    /// Every table cell sits in a row of a table; `document` names the document in failures.
    static func expectCellsInRowsOfTables(_ root: StructureElement, _ document: String) {
        let elements = root.descendants
        #expect(elements.contains { $0.element.tag == "TD" }, "\(document) has no table cells")
        for (element, parent) in elements where element.tag == "TD" || element.tag == "TH" {
            #expect(parent == "TR", "\(document): a \(element.tag) '\(element.text)' is in a \(parent)")
        }
        for (element, parent) in elements where element.tag == "TR" {
            #expect(parent == "Table", "\(document): a row '\(element.text)' is in a \(parent)")
        }
    }

    @Test func anInvoiceIsTaggedWithItsHeadingTablesAndHeaderCells() throws {
        defer { samples.remove() }
        let document = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .none), as: .pdf)
        #expect(try pdfinfo(document.data)["Tagged"] == "yes")
        let root = try #require(try StructureElement.of(document.data))
        #expect(root.tag == "Document")
        #expect(root.all("H1").map(\.text) == ["FATTURA"])
        DocumentTests.expectCellsInRowsOfTables(root, "the invoice")
        // The lines table's header row is read as header cells, in column order.
        let headerRows = root.all("TR").filter { row in row.children.allSatisfy { $0.tag == "TH" } }
        #expect(
            headerRows.map { $0.children.map(\.text) }.contains([
                "Descrizione", "Postazioni", "Prezzo unitario", "Importo",
            ])
        )
        // Text is read as paragraphs and cells: the seller's name and e-mail, the payment terms.
        let paragraphs = root.all("P").map(\.text)
        #expect(paragraphs.contains("Webinar Seats, Inc."))
        #expect(paragraphs.contains(vendor.email))
        #expect(root.all("TD").map(\.text).contains("30 giorni data fattura"))
        // The page number in the margin is not content.
        #expect(!root.text.contains("Pagina 1"))
        // The tree was written after Cairo, and every MCID maps to one element and back.
        #expect(try structureWrittenAfterCairo(document.data))
        #expect(try parentTreeProblems(document.data) == [])
    }

    /// A character no font has is drawn by Pango as a box, which cannot be traced in Cairo's contents: the invoice
    /// is drawn again with Cairo's own tags, from a tree made again from the invoice (the first one is freed before
    /// drawing), and is the same document, tagged and watermarked.
    @Test func anInvoiceWhoseContentsCannotBeTracedIsTaggedByCairo() throws {
        defer { samples.remove() }
        var boxed = try invoice("ALPINA-IT")
        let name = boxed.customer.name
        boxed.customer.name = name + " \u{E000}"
        let document = try renderer.render(.invoice(boxed, vendor: vendor, mark: .paid), as: .pdf)
        // One warning for each place the name prints.
        #expect(!document.warnings.isEmpty)
        #expect(document.warnings.allSatisfy { $0.contains("U+E000") }, "\(document.warnings)")
        #expect(try pdfinfo(document.data)["Tagged"] == "yes")
        #expect(try !structureWrittenAfterCairo(document.data))
        let root = try #require(try StructureElement.of(document.data))
        #expect(root.tag == "Document")
        #expect(root.all("H1").map(\.text) == ["FATTURA"])
        DocumentTests.expectCellsInRowsOfTables(root, "the invoice")
        #expect(root.text.contains(name))
        let text = try poppler("pdftotext", on: document.data)
        #expect(text.contains("PAGATA") && text.contains(name))
    }

    @Test func aPaidInvoicesWatermarkPageNumberAndRulesAreArtifacts() throws {
        defer { samples.remove() }
        let document = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .paid), as: .pdf)
        let pages = try MarkedContent.of(document.data)
        #expect(pages.count == document.pages)
        for (index, page) in pages.enumerated() {
            // Nothing is drawn outside marked content: what no element holds is an artifact.
            #expect(page.unmarked.isEmpty, "page \(index + 1) draws \(page.unmarked) unmarked")
            #expect(page.artifactText.contains("PAGATA"), "the watermark is not an artifact")
            #expect(page.artifactText.contains { $0.contains("Pagina \(index + 1) di \(pages.count)") })
            #expect(!page.taggedText.contains { $0.contains("Pagina ") })
            // The rules and backgrounds of the tables are decorations.
            #expect(page.artifactOperators.contains("S") && page.artifactOperators.contains("f"))
        }
        // The seller's name and the heading are content, read once.
        #expect(pages[0].taggedText.contains("FATTURA"))
        #expect(pages[0].taggedText.filter { $0.contains("Webinar Seats, Inc.") }.count == 1)
    }
}

extension HandMadeDocumentTests {
    @Test func aLongStatementIsReadOnceInOrderAcrossItsPages() throws {
        let long = try statement(rows: 400, locale: "it")
        let document = try makeRenderer().render(
            .statement(long, vendor: vendor(), issuedOn: CalendarDate("2025-12-31")),
            as: .pdf
        )
        #expect(document.pages >= 8)
        #expect(try pdfinfo(document.data)["Tagged"] == "yes")
        let root = try #require(try StructureElement.of(document.data))
        DocumentTests.expectCellsInRowsOfTables(root, "the statement")
        // One activity table across all pages: its header read once, then every activity once,
        // with no carried or brought forward rows and no running header in between.
        let activity = try #require(root.all("Table").first { $0.text.contains("Riferimento") })
        let rows = activity.children.filter { $0.tag == "TR" }
        #expect(rows.first?.children.allSatisfy { $0.tag == "TH" } == true)
        #expect(rows.dropFirst().allSatisfy { row in row.children.allSatisfy { $0.tag == "TD" } })
        #expect(rows.count == long.activities.count + 1)
        #expect(root.all("TH").filter { $0.text == "Riferimento" }.count == 1)
        for repeated in ["Riporto", "A riportare", "Estratto conto HOSTILE-1", "Pagina "] {
            #expect(!root.text.contains(repeated), "'\(repeated)' is read as content")
        }
        let references = rows.dropFirst().compactMap { $0.children.dropFirst().first?.text }
        #expect(references == long.activities.map { $0.reference })
        // Written after Cairo (a row's cells split out of one text object), every MCID of the
        // nine pages mapping to exactly one element and back through the parent tree.
        #expect(try structureWrittenAfterCairo(document.data))
        #expect(try parentTreeProblems(document.data) == [])
        // What is drawn again or in the margins is marked as an artifact, page by page: the page
        // number, the running header, the repeated header row and the carried totals.
        let pages = try MarkedContent.of(document.data)
        #expect(pages.count == document.pages)
        for (index, page) in pages.enumerated() {
            #expect(page.unmarked.isEmpty, "page \(index + 1) draws \(page.unmarked) unmarked")
            #expect(page.artifactText.contains { $0.contains("Pagina \(index + 1) di \(pages.count)") })
            #expect(page.taggedText.contains("Riferimento") == (index == 0), "page \(index + 1)'s header row")
            if index > 0 {
                #expect(page.artifactText.contains("Riferimento"), "page \(index + 1) repeats no header row")
                #expect(
                    page.artifactText.contains { $0.hasPrefix("Riporto") },
                    "page \(index + 1) brings nothing forward"
                )
            }
            for repeated in ["Riporto", "A riportare", "Pagina "] {
                #expect(!page.taggedText.contains { $0.contains(repeated) }, "'\(repeated)' is tagged")
            }
        }
    }
}
