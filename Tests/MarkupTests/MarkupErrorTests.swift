import Foundation
import Markup
import Testing

/// Every kind of unsupported or malformed input is an error at its file, line and column.
@Suite("Markup errors")
struct MarkupErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var xhtml: String
        var css: String = ""
        var expected: String
        var testDescription: String { name }
    }

    static func page(_ body: String) -> String {
        "<html>\n<head><title>T</title></head>\n<body>\n\(body)\n</body>\n</html>\n"
    }

    static let cases: [Case] = [
        Case(
            name: "unknown element",
            xhtml: page("<p>ok</p>\n  <blink>no</blink>"),
            expected: "t.html:5:3: unknown element <blink>"
        ),
        Case(
            name: "unsupported attribute",
            xhtml: page("<p onclick=\"x()\">no</p>"),
            expected: "t.html:4:4: attribute 'onclick' is not supported on <p>"
        ),
        Case(
            name: "unquoted attribute",
            xhtml: page("<td colspan=2>x</td>"),
            expected: "t.html:4:13: the value of 'colspan' must be in quotes"
        ),
        Case(
            name: "mismatched close",
            xhtml: page("<p><strong>x</p>"),
            expected: "t.html:4:13: </p> closes <strong> opened at line 4, column 4"
        ),
        Case(
            name: "unclosed element",
            xhtml: "<html><body><div>",
            expected: "t.html:1:13: <div> is never closed: add </div>"
        ),
        Case(name: "unknown entity", xhtml: page("<p>&bogus;</p>"), expected: "t.html:4:4: unknown entity &bogus;"),
        Case(
            name: "bare ampersand",
            xhtml: page("<p>Rossi & Co</p>"),
            expected: "t.html:4:10: '&' must start an entity"
        ),
        Case(
            name: "not html",
            xhtml: "<div>x</div>",
            expected: "t.html:1:1: the document must start with <html>, not <div>"
        ),
        Case(
            name: "unknown property",
            xhtml: page("<p>x</p>"),
            css: "p {\n  color: red;\n  float: left;\n}",
            expected: "s.css:3:3: property 'float' is not supported"
        ),
        Case(
            name: "unknown unit",
            xhtml: page("<p>x</p>"),
            css: "p { margin: 3vw }",
            expected: "s.css:1:13: unit 'vw' is not supported"
        ),
        Case(
            name: "missing unit",
            xhtml: page("<p>x</p>"),
            css: "p { width: 30 }",
            expected: "s.css:1:12: '30' needs a unit"
        ),
        Case(
            name: "pseudo-class",
            xhtml: page("<p>x</p>"),
            css: "tr:nth-child(even) { color: red }",
            expected: "s.css:1:3: ':' selectors are not supported"
        ),
        Case(
            name: "unknown selector element",
            xhtml: page("<p>x</p>"),
            css: "\n\nblink { color: red }",
            expected: "s.css:3:1: selector names unknown element 'blink'"
        ),
        Case(
            name: "bad colour",
            xhtml: page("<p>x</p>"),
            css: "p { color: #12 }",
            expected: "s.css:1:12: '#12' is not a colour"
        ),
        Case(
            name: "unsupported at-rule",
            xhtml: page("<p>x</p>"),
            css: "@media print { p { color: red } }",
            expected: "s.css:1:1: @media is not supported"
        ),
        Case(
            name: "bad keyword",
            xhtml: page("<p>x</p>"),
            css: "p { display: flex }",
            expected: "s.css:1:14: 'flex' is not a value of 'display'"
        ),
        Case(
            name: "bad margin box",
            xhtml: page("<p>x</p>"),
            css: "@page { @left-middle { content: \"x\" } }",
            expected: "s.css:1:9: @left-middle is not a supported margin box"
        ),
        Case(
            name: "bad content",
            xhtml: page("<p>x</p>"),
            css: "@page { @top-left { content: attr(title) } }",
            expected: "s.css:1:30: 'attr(title)' is not supported in content"
        ),
        Case(
            name: "important",
            xhtml: page("<p>x</p>"),
            css: "p { color: red !important }",
            expected: "s.css:1:12: !important is not supported"
        ),
        Case(
            name: "error inside a style element",
            xhtml: "<html><head><style>\np { colour: red }\n</style></head><body></body></html>",
            expected: "t.html:2:5: property 'colour' is not supported"
        ),
        Case(
            name: "error in a style attribute",
            xhtml: page("<p style=\"text-shadow: 1pt\">x</p>"),
            expected: "t.html:4:11: property 'text-shadow' is not supported"
        ),
        Case(
            name: "missing image",
            xhtml: page("<img src=\"nope.png\"/>"),
            expected: "t.html:4:1: image 'nope.png' not found"
        ),
        Case(
            name: "image outside the folder",
            xhtml: page("<img src=\"../secret.png\"/>"),
            expected: "t.html:4:1: image '../secret.png' must be a path inside the template folder"
        ),
    ]

    @Test(arguments: cases)
    func unsupportedInputIsAnErrorAtItsPlace(_ testCase: Case) {
        do {
            _ = try MarkupDocument(
                xhtml: testCase.xhtml,
                file: "t.html",
                stylesheets: [(testCase.css, "s.css")],
                resourceFolder: FileManager.default.temporaryDirectory
            )
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix(testCase.expected), "\(error.description)")
        }
    }
}

@Suite("Markup limits")
struct MarkupLimitTests {
    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let depth = 100_000
        let xhtml =
            "<html><body>" + String(repeating: "<div>", count: depth) + String(repeating: "</div>", count: depth)
            + "</body></html>"
        do {
            _ = try MarkupDocument(xhtml: xhtml, file: "deep.html")
            Issue.record("100,000 nested divs were accepted")
        } catch {
            #expect(error.description.contains("nested more than 256 deep"))
        }
    }
}
