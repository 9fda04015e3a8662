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
    }
}
