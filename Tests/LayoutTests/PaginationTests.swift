import Canvas
import Foundation
import Layout
import LedgerprintTestSupport
import Testing

@Suite("Pagination")
struct PaginationTests {
    @Test func theStatementHeaderRepeatsOnEveryPageWithPageXOfY() throws {
        let list = try layoutFixture("statement.html")
        #expect(list.pageCount == 3)
        for page in 1...3 {
            let text = list.text(onPage: page)
            let header = page == 1 ? Array(text.dropFirst(2).prefix(5)) : Array(text.prefix(5))
            #expect(header == ["Data", "Riferimento", "Descrizione", "Addebiti", "Saldo"], "page \(page)")
            #expect(text.contains("Pagina \(page) di 3"))
            #expect(text.contains("Estratto conto ROSSI-IT"))
        }
        try assertGolden(list.dump(), named: "statement", in: "LayoutTests")
    }

    @Test func carriedForwardRowsCarryTheRightSums() throws {
        let list = try layoutFixture("statement.html")
        for page in 1...2 {
            let text = list.text(onPage: page)
            // The amounts in the Addebiti column are the rows' 4th cell: every "dd/mm/yyyy" row has them at +3.
            let rows = text.indices.filter { text[$0].count == 10 && text[$0].dropFirst(2).hasPrefix("/03/2026") }
            let charges = rows.map { euros(text[$0 + 3]) }
            var carried = rows.isEmpty ? 0 : charges.reduce(0, +)
            if page == 2, let brought = text.firstIndex(of: "Riporto") {
                carried += euros(String(text[brought + 1].dropFirst(2)))
            }
            let label = try #require(text.firstIndex(of: "A riportare"), "page \(page) has no carried row")
            #expect(euros(String(text[label + 1].dropFirst(2))) == carried)
            // The running balance carried is the last row's balance.
            #expect(text[label + 2] == "€ " + text[(rows.last ?? 0) + 4])
            let next = list.text(onPage: page + 1)
            let brought = try #require(next.firstIndex(of: "Riporto"))
            #expect(brought == 5, "the brought-forward row follows the repeated header")
            #expect(next[brought + 1] == text[label + 1] && next[brought + 2] == text[label + 2])
        }
        #expect(!list.text(onPage: 3).contains("A riportare"), "no carried row after the table's last row")
    }

    private func euros(_ text: String) -> Int {
        Int(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")) ?? -1
    }

    private func page(_ body: String, css: String = "") -> String {
        "<html><head><title>t</title><style>\(css)</style></head><body>\(body)</body></html>"
    }

    /// The page each line of text lands on.
    private func pages(of list: DisplayList) -> [String: Int] {
        var result: [String: Int] = [:]
        for number in 1...list.pageCount {
            for line in list.text(onPage: number) where result[line] == nil { result[line] = number }
        }
        return result
    }

    @Test func aRowThatWouldStraddleAPageMovesWhole() throws {
        let rows = (1...30).map {
            "<tr><td>Row \($0) first line<br/>Row \($0) second line<br/>Row \($0) third line</td><td>x</td></tr>"
        }
        let list = try layoutFixture(
            xhtml: page("<table>\(rows.joined())</table>"),
            css: "@page { size: A5; margin: 10mm } td { font-size: 12pt }"
        )
        #expect(list.pageCount > 1)
        let placement = pages(of: list)
        for row in 1...30 {
            #expect(placement["Row \(row) first line"] == placement["Row \(row) third line"], "row \(row) was split")
        }
    }

    @Test func keepTogetherMovesABlockWhole() throws {
        let filler = (1...30).map { "<p>Filler paragraph \($0)</p>" }.joined()
        let kept = "<div style=\"break-inside: avoid\">" + (1...12).map { "<p>Kept \($0)</p>" }.joined() + "</div>"
        let list = try layoutFixture(
            xhtml: page(filler + kept),
            css: "@page { size: A5; margin: 10mm } p { margin: 0 0 4pt 0 }"
        )
        let placement = pages(of: list)
        #expect(placement["Kept 1"] == placement["Kept 12"])
        #expect(placement["Kept 1"] == 2)
    }

    @Test func widowsAndOrphansKeepTwoLinesTogether() throws {
        let long = String(repeating: "Ogni periodo di fatturazione è calcolato in giorni esatti. ", count: 14)
        for filler in 20...34 {
            let paragraphs = (1...filler).map { "<p>Line \($0)</p>" }.joined()
            let list = try layoutFixture(
                xhtml: page(paragraphs + "<p>\(long)</p>"),
                css: "@page { size: A5; margin: 10mm } p { margin: 0 }"
            )
            guard list.pageCount > 1 else { continue }
            let first = list.text(onPage: 1).filter {
                $0.hasPrefix("Ogni") || $0.contains("esatti") && !$0.hasPrefix("Line")
            }
            let second = list.text(onPage: 2).filter { !$0.hasPrefix("Line") }
            #expect(first.isEmpty || first.count >= 2, "orphan with \(filler) lines before")
            #expect(second.isEmpty || second.count >= 2, "widow with \(filler) lines before")
        }
    }

    @Test func forcedBreaksStartANewPage() throws {
        let list = try layoutFixture(
            xhtml: page(
                "<p>One</p><p style=\"break-before: page\">Two</p><p style=\"break-after: page\">Three</p><p>Four</p>"
            ),
            css: ""
        )
        #expect(list.pageCount == 3)
        #expect(list.text(onPage: 2) == ["Two", "Three"])
        #expect(list.text(onPage: 3) == ["Four"])
    }

    @Test func aTenThousandRowTablePaginatesAndCarriesItsTotal() throws {
        let rows = (1...10_000).map { "<tr><td>Riga \($0)</td><td class=\"n\" data-value=\"100\">1,00</td></tr>" }
            .joined()
        let xhtml = page(
            "<table data-carry=\"2:sum\" data-carried-label=\"A riportare\" data-brought-label=\"Riporto\"><thead><tr><th>Voce</th><th>Importo</th></tr></thead><tbody>\(rows)</tbody></table>"
        )
        let list = try layoutFixture(
            xhtml: xhtml,
            css:
                "@page { margin: 15mm; @bottom-right { content: \"Pagina \" counter(page) \" di \" counter(pages) } } td, th { font-size: 8pt }"
        )
        #expect(list.pageCount > 150)
        let last = list.text(onPage: list.pageCount)
        #expect(last.contains("Pagina \(list.pageCount) di \(list.pageCount)"))
        #expect(last.contains("Riga 10000"))
        let previous = list.text(onPage: list.pageCount - 1)
        let carried = try #require(previous.firstIndex(of: "A riportare"))
        let before = previous.filter { $0.hasPrefix("Riga ") }.compactMap { Int($0.dropFirst(5)) }.max() ?? 0
        let grouped = before >= 1000 ? "\(before / 1000).\(String(format: "%03d", before % 1000))" : "\(before)"
        #expect(previous[carried + 1] == grouped + ",00")
    }
}
