import Canvas
import Foundation
import Layout
import LedgerprintTestSupport
import Markup
import Testing

@Suite("Running headers and blocks kept together")
struct RunningHeaderTests {
    private func document(rows: Int, summaryCSS: String = "table.summary { break-inside: avoid; }") -> String {
        let body = (1...rows).map { "<tr><td>Row \($0)</td><td>\($0),00</td></tr>" }.joined()
        return """
            <html><head><title>t</title><style>
            @page { size: A5; margin: 15mm; }
            td { padding: 2pt; }
            \(summaryCSS)
            </style></head><body>
            <table class="running" data-running="header"><tr><td>Statement ACME-1</td><td>2025</td></tr></table>
            <h1>Statement</h1>
            <table><thead><tr><th>What</th><th>Amount</th></tr></thead><tbody>\(body)</tbody></table>
            <table class="summary">
              <tr><td>Opening balance</td><td>0,00</td></tr>
              <tr><td>Total charges</td><td>10,00</td></tr>
              <tr><td>Total credits</td><td>5,00</td></tr>
              <tr><td>Closing balance</td><td>5,00</td></tr>
            </table>
            </body></html>
            """
    }

    /// The page each line lands on, by its text.
    private func pages(of list: DisplayList) -> [String: Int] {
        var result: [String: Int] = [:]
        for number in 1...list.pageCount {
            for line in list.text(onPage: number) where result[line] == nil { result[line] = number }
        }
        return result
    }

    @Test func theRunningHeaderStartsEveryPageAfterTheFirstAndNotTheFirst() throws {
        let list = try layoutFixture(xhtml: document(rows: 60), css: "")
        #expect(list.pageCount >= 3)
        #expect(!list.text(onPage: 1).contains("Statement ACME-1"), "the first page has the document's own head")
        for page in 2...list.pageCount {
            let text = list.text(onPage: page)
            #expect(Array(text.prefix(2)) == ["Statement ACME-1", "2025"], "page \(page) starts \(text.prefix(3))")
            // Where the table goes on, its header is repeated under the running header.
            if text.contains(where: { $0.hasPrefix("Row ") }) {
                #expect(text.dropFirst(2).first == "What", "page \(page): \(text.prefix(8))")
            }
        }
    }

    @Test func aSmallTableMarkedAvoidIsNeverSplitAcrossPages() throws {
        // Grow the table until the summary would straddle a page break without break-inside.
        var straddledOnce = false
        for rows in 20...40 {
            let loose = pages(of: try layoutFixture(xhtml: document(rows: rows, summaryCSS: ""), css: ""))
            let kept = pages(of: try layoutFixture(xhtml: document(rows: rows), css: ""))
            let summary = ["Opening balance", "Total charges", "Total credits", "Closing balance"]
            if Set(summary.compactMap { loose[$0] }).count > 1 { straddledOnce = true }
            #expect(Set(summary.compactMap { kept[$0] }).count == 1, "\(rows) rows: the summary split")
        }
        #expect(straddledOnce, "no row count made the summary straddle a page: the test proves nothing")
    }

    @Test func aLongStatementDrawnPageByPageRepeatsItsHeadersAndCountsItsPages() throws {
        let pageCounter =
            "@page { size: A5; margin: 15mm; @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages) } }"
        let markup = try MarkupDocument(
            xhtml: document(rows: 400).replacingOccurrences(of: "@page { size: A5; margin: 15mm; }", with: pageCounter),
            file: "inline.html",
            stylesheets: [],
            resourceFolder: fixtures
        )
        let fonts = try projectFonts()
        let whole = try LayoutEngine(fonts: fonts).layout(markup)
        let total = whole.pageCount
        #expect(total >= 10)
        for page in 1...total {
            let text = whole.text(onPage: page)
            #expect(text.last == "Page \(page) of \(total)", "page \(page) ends \(text.suffix(2))")
            guard page > 1 else { continue }
            #expect(Array(text.prefix(2)) == ["Statement ACME-1", "2025"], "page \(page) starts \(text.prefix(3))")
            if text.contains(where: { $0.hasPrefix("Row ") }) {
                #expect(text.dropFirst(2).first == "What", "page \(page): \(text.prefix(8))")
            }
        }
        // Drawn as its pages are made, the file is the one drawn from the whole list.
        let pages = try LayoutEngine(fonts: fonts).layoutPages(markup)
        #expect(pages.pageCount == total)
        let metadata = PDFMetadata(title: "Statement ACME-1", creationDate: fixedDate)
        let drawn = try PDFRenderer.render(pages, metadata: metadata, layingOutAgain: { whole })
        #expect(pages.pagesMade == total)
        #expect(drawn == (try PDFRenderer.render(whole, metadata: metadata)))
    }

    @Test func anUnknownRunningValueIsAnErrorNamingIt() throws {
        let xhtml = "<html><head><title>t</title></head><body><div data-running=\"footer\"><p>x</p></div></body></html>"
        #expect {
            _ = try layoutFixture(xhtml: xhtml, css: "")
        } throws: { error in
            (error as? LayoutError)?.description.contains("data-running=\"footer\"") == true
        }
    }
}
