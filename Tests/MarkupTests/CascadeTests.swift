import Foundation
import Markup
import Testing

@Suite("Cascade and HTML")
struct CascadeTests {
    private func body(_ xhtml: String, css: String) throws -> MarkupDocument {
        try MarkupDocument(
            xhtml: "<html><head><title>Doc</title></head><body>\(xhtml)</body></html>",
            file: "t.html",
            stylesheets: [(css, "s.css")]
        )
    }

    private func firstElement(_ element: StyledElement, named name: String) -> StyledElement? {
        if element.element.name == name { return element }
        for case .element(let child) in element.children {
            if let found = firstElement(child, named: name) { return found }
        }
        return nil
    }

    @Test func specificityThenOrderDecide() throws {
        let document = try body(
            "<p id=\"total\" class=\"amount big\">x</p>",
            css:
                "p { color: red } .amount { color: green } p.amount { color: blue } .big { color: gray } #total { font-size: 20pt } p { font-size: 8pt }"
        )
        let paragraph = try #require(firstElement(document.body, named: "p"))
        #expect(paragraph.style.color.cssText == "#0000ff")
        #expect(paragraph.style.fontSize == 20)
    }

    @Test func aSharedStyleCacheGivesEachDocumentTheStylesItWouldGetAlone() throws {
        let css = try CSSParser.parse(
            "div.box p { color: red } p.note { font-size: 20pt } .inline { color: blue } body.wide p { color: green }",
            file: "s.css"
        )
        let documents = [
            "<body><div class=\"box\"><p>a</p><p class=\"note\">b</p></div></body>",
            "<body class=\"wide\"><div class=\"box\"><p>a</p></div><p style=\"color: #123456\">c <span>d</span></p></body>",
            "<body><div><p class=\"note inline\">a</p></div><div class=\"box\"><p>b</p></div></body>",
        ].map { "<html><head><title>Doc</title></head>\($0)</html>" }
        let cache = StyleCache()
        for text in documents + documents.reversed() {
            let shared = try MarkupDocument(xhtml: text, file: "t.html", parsedStylesheets: [css], styleCache: cache)
            let alone = try MarkupDocument(xhtml: text, file: "t.html", parsedStylesheets: [css])
            #expect(shared.body == alone.body, "\(text)")
        }
    }

    @Test func inheritedPropertiesFlowAndOthersDoNot() throws {
        let document = try body(
            "<div><p><em>x</em></p></div>",
            css: "div { font-size: 12pt; color: #336699; padding: 4pt; background-color: #eeeeee }"
        )
        let emphasis = try #require(firstElement(document.body, named: "em"))
        #expect(emphasis.style.fontSize == 12)
        #expect(emphasis.style.color.cssText == "#336699")
        #expect(emphasis.style.italic)
        #expect(emphasis.style.backgroundColor == nil)
        #expect(emphasis.style.padding.top == .zero)
    }

    @Test func emAndUnitsComputeToPoints() throws {
        let document = try body(
            "<div><p>x</p></div>",
            css: "div { font-size: 10pt } p { font-size: 1.5em; margin: 1em 2mm 0.5in 4px; width: 50% }"
        )
        let paragraph = try #require(firstElement(document.body, named: "p"))
        #expect(paragraph.style.fontSize == 15)
        #expect(paragraph.style.margin.top == .points(15))
        #expect(paragraph.style.margin.left == .points(3))
        #expect(paragraph.style.margin.bottom == .points(36))
        if case .points(let right) = paragraph.style.margin.right { #expect(abs(right - 5.669) < 0.001) }
        #expect(paragraph.style.width == .percent(50))
    }

    @Test func descendantAndChildSelectors() throws {
        let document = try body(
            "<table><tbody><tr><td><strong>a</strong></td></tr></tbody></table>",
            css: "table strong { color: red } tr > strong { color: green } td > strong { font-size: 14pt }"
        )
        let strong = try #require(firstElement(document.body, named: "strong"))
        #expect(strong.style.color.cssText == "#ff0000")
        #expect(strong.style.fontSize == 14)
    }

    @Test func pageRuleAndMarginBoxes() throws {
        let document = try body(
            "<p>x</p>",
            css:
                "@page { size: letter landscape; margin: 1in 0.5in; @bottom-right { content: \"Page \" counter(page) \" of \" counter(pages) } }"
        )
        #expect(document.page.size?.width == 792)
        #expect(document.page.margin == Edges(top: 72, right: 36, bottom: 72, left: 36))
        #expect(document.page.marginBoxes[.bottomRight]?.text(page: 3, of: 7) == "Page 3 of 7")
    }

    @Test func aDocumentsOwnPageRuleChangesOnlyWhatItSays() throws {
        let house = try CSSParser.parse(
            "@page { size: A4; margin: 20mm; @bottom-right { content: counter(page); font-size: 7pt; color: #666666 } }"
                + " p { color: red }",
            file: "style.css"
        )
        let own = """
            <html><head><title>Doc</title><style>@page { size: letter; @bottom-right { content: "Seite " counter(page) \
            " von " counter(pages) } }</style></head><body><p>x</p></body></html>
            """
        let cache = StyleCache()
        let document = try MarkupDocument(xhtml: own, file: "t.html", parsedStylesheets: [house], styleCache: cache)
        #expect(document.page.size?.width == 612)
        #expect(document.page.margin?.top ?? 0 > 56)
        let box = try #require(document.page.marginBoxes[.bottomRight])
        #expect(box.text(page: 2, of: 5) == "Seite 2 von 5")
        #expect(box.declarations.map(\.property) == ["font-size", "color"], "the house style's font and colour stay")
        // A <style> with nothing but @page styles the body as the shared stylesheet alone does.
        let alone = try MarkupDocument(
            xhtml: "<html><head><title>Doc</title></head><body><p>x</p></body></html>",
            file: "t.html",
            parsedStylesheets: [house]
        )
        let styled = try #require(firstElement(document.body, named: "p"))
        #expect(styled.style == (try #require(firstElement(alone.body, named: "p"))).style)
        #expect(styled.style.color.cssText == "#ff0000")
    }

    @Test func standaloneHTMLEscapesAndInlinesEverything() throws {
        let css = "@page { @bottom-right { content: counter(page) } } p { color: #333333 }"
        let document = try body(
            "<p title=\"a&quot;b\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\" 'Ltd'</p>",
            css: css
        )
        let html = document.standaloneHTML()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Doc</title>"))
        #expect(html.contains(css))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\" 'Ltd'"))
        #expect(html.contains("title=\"a&quot;b\""))
        #expect(!html.contains("<script>"))
    }

    @Test func theFirstBodyAndTitleEveryStyleInOrderAndOnlyTheBodysImagesCount() throws {
        let png =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5E"
            + "rkJggg=="
        // An image outside the body is never loaded: its missing file is no error.
        let document = try MarkupDocument(
            xhtml: """
                <html><head><title>First <em>title</em></title><style>p { color: #111111 }</style>\
                <img src="missing.png"/></head><body><title>Second</title><style>p.b { color: #222222 }</style>\
                <p class="b">b</p><div><img src="\(png)"/><style>p.c { color: #333333 }</style></div>\
                <body><p class="c">c</p><img src="\(png)" alt="again"/></body></body></html>
                """,
            file: "t.html"
        )
        #expect(document.title == "First title")
        #expect(document.stylesheets.count == 3)
        #expect(document.images.keys.sorted() == [png])
        #expect(try #require(firstElement(document.body, named: "p")).style.color.cssText == "#222222")
        let names = document.body.children.map { node -> String in
            if case .element(let element) = node { element.element.name } else { "text" }
        }
        #expect(names == ["title", "style", "p", "div", "body"], "the first <body> is the document's")
        guard case .element(let innerBody)? = document.body.children.last else {
            Issue.record("no inner <body>")
            return
        }
        #expect(try #require(firstElement(innerBody, named: "p")).style.color.cssText == "#333333")
        do {
            _ = try MarkupDocument(
                xhtml: "<html><body><div><p>x</p><img src=\"missing.png\"/></div></body></html>",
                file: "t.html",
                resourceFolder: FileManager.default.temporaryDirectory
            )
            Issue.record("an image of the body that is not there was accepted")
        } catch {
            #expect(error.description.contains("image 'missing.png' not found"), "\(error.description)")
        }
    }
}
