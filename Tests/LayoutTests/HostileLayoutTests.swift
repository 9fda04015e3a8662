import Foundation
import Layout
import LedgerprintTestSupport
import Markup
import Testing

/// Issue 25, numbers and layout: overflowing totals, rows taller than a page, impossible page boxes.
@Suite("Hostile layout")
struct HostileLayoutTests {
    private func page(_ body: String) -> String {
        "<html><head><title>t</title></head><body>\n\(body)\n</body></html>"
    }

    /// D5: carried totals past Int64 are an error naming the row, not a trap.
    @Test func d5AnOverflowingCarriedTotalIsAnErrorNamingTheRow() throws {
        let rows = [Int64.max, 1].map { "<tr><td>Riga</td><td data-value=\"\($0)\">x</td></tr>" }.joined(
            separator: "\n"
        )
        let xhtml = page("<table data-carry=\"2:sum\"><tbody>\n\(rows)\n</tbody></table>")
        do {
            _ = try layoutFixture(xhtml: xhtml, css: "")
            Issue.record("an overflowing carried total laid out")
        } catch let error as LayoutError {
            #expect(
                error.description.hasPrefix("inline.html:4:1: the carried total of column 2 overflows at this row"),
                "\(error.description)"
            )
        }
    }

    /// D7: a row taller than a page is an error naming it, never cut off in silence.
    @Test func d7ARowTallerThanAPageIsAnErrorNamingTheRow() throws {
        let tall = String(repeating: "<p>line</p>", count: 200)
        let xhtml = page("<table><tbody>\n<tr><td>short</td></tr>\n<tr><td>\(tall)</td></tr>\n</tbody></table>")
        do {
            let list = try layoutFixture(xhtml: xhtml, css: "")
            Issue.record("a row taller than a page laid out on \(list.pageCount) page(s)")
        } catch let error as LayoutError {
            #expect(error.description.hasPrefix("inline.html:4:1: this table row is "), "\(error.description)")
            #expect(error.description.contains("it would be cut off"))
        }
    }

    /// D16: a negative margin or an impossible page size is an error naming the CSS file and line.
    @Test(arguments: [
        ("p { color: black }\n@page { margin: -20mm }", "base.css:2:17: @page margin '-20mm' is negative"),
        ("@page {\n  size: 0mm 100mm }", "base.css:2:9: @page size '0mm 100mm' is impossible"),
        ("@page { size: A5; margin: 0 0 200mm 0 }", "base.css:1:27: @page size 419 × 595 pt with its margins"),
    ])
    func d16AnImpossiblePageBoxIsAnErrorNamingTheCSS(css: String, expected: String) throws {
        do {
            let list = try layoutFixture(xhtml: page("<p>Hello</p>"), css: css)
            Issue.record("laid out \(list.pageCount) page(s) with \(css)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }
}
