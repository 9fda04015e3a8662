import Billing
import Foundation
import LedgerprintTestSupport
import Testing

@testable import Documents

/// Issue 25, templates: partials that include themselves, unbounded output, folders that leak.
@Suite("Hostile templates")
struct HostileTemplateTests {
    private func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    /// D4: `{{>invoice}}{{>invoice}}` in invoice.html is refused by the check (and when first used), with the chain.
    @Test func d4ATemplateIncludingItselfDoesNotLoad() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let invoice = folder.appendingPathComponent("invoice.html")
        try replace("{{$meta}}\n", with: "{{$meta}}\n{{>invoice}}{{>invoice}}\n", in: invoice)
        do {
            try TemplateSet(folder: folder).check()
            Issue.record("a template including itself loaded")
        } catch {
            #expect(
                error.description == "\(invoice.path):3:1: Mustache: 'invoice' includes itself: invoice → invoice",
                "\(error.description)"
            )
        }
    }

    /// D4: a cycle through another template (invoice → base → invoice) is found as well.
    @Test func d4ACycleThroughAnotherTemplateDoesNotLoad() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        try replace("</body>", with: "{{>invoice}}</body>", in: folder.appendingPathComponent("base.html"))
        do {
            try TemplateSet(folder: folder).check()
            Issue.record("a cycle of templates loaded")
        } catch {
            #expect(error.description.contains("Mustache: 'base' includes itself: base → invoice → base"))
        }
    }

    /// D4: a custom template for `render` that includes itself is refused before rendering.
    @Test func d4AnAddedTemplateIncludingItselfIsRefused() throws {
        let templates = try TemplateSet(folder: repositoryRoot.appendingPathComponent("Templates"))
        #expect(throws: DocumentError.self) {
            _ = try templates.adding("a{{>custom}}b{{>custom}}", named: "custom", file: "custom.html")
        }
    }

    /// D4: rendering past the depth bound is an error with the chain, not a silent cut.
    @Test func d4TooDeepPartialsAreAnErrorWithTheChain() throws {
        let library = ["self": try MustacheTemplate("x{{>self}}")]
        let top = try MustacheTemplate("{{>self}}")
        let value = TemplateValue(json: [String: Any]())
        do {
            _ = try top.render(value, partials: library)
            Issue.record("endless partials rendered")
        } catch {
            #expect(error.reason.hasPrefix("partials nest deeper than \(MustacheTemplate.maximumDepth): self → self"))
        }
    }

    /// D4: output past the size bound is an error, not gigabytes of memory.
    @Test func d4OutputIsBounded() throws {
        var library: [String: MustacheTemplate] = ["p22": try MustacheTemplate("12345678")]
        for level in 0..<22 { library["p\(level)"] = try MustacheTemplate("{{>p\(level + 1)}}{{>p\(level + 1)}}") }
        let top = try MustacheTemplate("{{>p0}}")
        let value = TemplateValue(json: [String: Any]())
        do {
            let output = try top.render(value, partials: library)
            Issue.record("rendered \(output.utf8.count) bytes")
        } catch {
            #expect(error.reason.hasPrefix("the output is larger than"))
        }
    }

    /// D10: control bytes in data reach neither the HTML raw nor cut the PDF's text short.
    @Test func d10ControlBytesAreShownNotCopiedOrTruncating() throws {
        let templates = try TemplateSet(folder: repositoryRoot.appendingPathComponent("Templates")).adding(
            "<html><head><title>t</title></head><body><p>{{name}} end</p></body></html>",
            named: "custom",
            file: "custom.html"
        )
        let renderer = DocumentRenderer(templates: templates, fonts: try projectFonts())
        let data: [String: Any] = ["name": "Before\u{0}After\u{1B}[31mRed\u{85}"]
        let date = try CalendarDate("2026-01-01")
        let html = try renderer.render(template: "custom", data: data, as: .html, title: "t", date: date).data
        #expect(!html.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D })
        #expect(!String(decoding: html, as: UTF8.self).unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        #expect(String(decoding: html, as: UTF8.self).contains("Before\u{2400}After\u{241B}[31mRed\u{FFFD} end"))
        let pdf = try renderer.render(template: "custom", data: data, as: .pdf, title: "t", date: date).data
        let text = try poppler("pdftotext", on: pdf)
        #expect(text.contains("After") && text.contains("Red"), "\(text.debugDescription)")
        #expect(text.contains("end"))
    }

    /// D18: a symbolic link in the template folder that leads out of it is refused, naming it.
    @Test func d18ASymlinkLeavingTheTemplateFolderIsRefused() throws {
        let folder = try copyOfTemplates()
        let outside = try temporaryFolder("outside")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: outside)
        }
        let css = folder.appendingPathComponent("style.css")
        try FileManager.default.moveItem(at: css, to: outside.appendingPathComponent("secret.css"))
        try FileManager.default.createSymbolicLink(
            at: css,
            withDestinationURL: outside.appendingPathComponent("secret.css")
        )
        do {
            _ = try TemplateSet(folder: folder)
            Issue.record("a template folder read a file outside it")
        } catch {
            #expect(error.description.hasPrefix("\(css.path): it leads outside the template folder"), "\(error)")
        }
    }

    /// D18: links other than http, https, mailto and anchors are refused, in HTML and PDF, with the place.
    @Test(arguments: [DocumentFormat.html, .pdf])
    func d18AJavascriptLinkIsRefused(format: DocumentFormat) throws {
        let templates = try TemplateSet(folder: repositoryRoot.appendingPathComponent("Templates")).adding(
            "<html><head><title>t</title></head><body>\n<p><a href=\"{{url}}\">x</a> <a href=\"#top\">top</a></p></body></html>",
            named: "custom",
            file: "custom.html"
        )
        let renderer = DocumentRenderer(templates: templates, fonts: try projectFonts())
        let date = try CalendarDate("2026-01-01")
        for url in ["javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "file:///etc/passwd"] {
            do {
                _ = try renderer.render(template: "custom", data: ["url": url], as: format, title: "t", date: date)
                Issue.record("rendered a link to \(url)")
            } catch {
                #expect(error.description.hasPrefix("custom.html:2:7: the link "), "\(error)")
                #expect(error.description.contains("links are http://, https://, mailto: or #anchors"))
            }
        }
        let fine = try renderer.render(
            template: "custom",
            data: ["url": "https://example.com/pay?x=1"],
            as: format,
            title: "t",
            date: date
        )
        #expect(fine.data.count > 0)
    }

    /// D18: a broken labels file names its line and column.
    @Test func d18ALabelsErrorNamesLineAndColumn() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let labels = folder.appendingPathComponent("labels/it.json")
        try "{\n  \"number\": \"Numero\",\n  \"date\": tru\n}".write(to: labels, atomically: true, encoding: .utf8)
        do {
            try TemplateSet(folder: folder).check()
            Issue.record("a broken labels file loaded")
        } catch {
            #expect(error.description == "\(labels.path):3:14: not valid JSON", "\(error)")
        }
    }

    /// D18: an XHTML or layout error in a template's output names the template's own file, line and column.
    @Test func d18AnErrorInTheOutputNamesTheTemplateLine() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.appendingPathComponent("base.html")
        let original = try String(contentsOf: base, encoding: .utf8)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(lines.firstIndex { $0.contains("</body>") })
        let found = try #require(lines[line].range(of: "</body>"))
        let column = lines[line].distance(from: lines[line].startIndex, to: found.lowerBound)
        try original.replacingOccurrences(of: "</body>", with: "<marquee>x</marquee></body>")
            .write(to: base, atomically: true, encoding: .utf8)
        let samples = try SampleStore()
        defer { samples.remove() }
        let renderer = try DocumentRenderer(templateFolder: folder, fonts: projectFonts())
        let first = try #require(try samples.store.invoices().first)
        let vendor = try samples.vendor()
        for format in DocumentFormat.allCases {
            do {
                _ = try renderer.render(.invoice(first, vendor: vendor, mark: .none), as: format)
                Issue.record("an unknown element rendered")
            } catch {
                #expect(
                    error.description.hasPrefix("\(base.path):\(line + 1):\(column + 1): unknown element <marquee>"),
                    "\(error)"
                )
                #expect(error.description.contains("(output line "))
            }
        }
    }

    /// D18: "closes <p> opened at …" names the template's places too.
    @Test func d18AMismatchedTagNamesBothPlacesInTheTemplate() throws {
        let templates = try TemplateSet(folder: repositoryRoot.appendingPathComponent("Templates")).adding(
            "<html><head><title>t</title></head><body>\n{{#rows}}\n  <table><tr><td>{{name}}<p></td></tr></table>\n{{/rows}}\n</body></html>",
            named: "custom",
            file: "custom.html"
        )
        let renderer = DocumentRenderer(templates: templates, fonts: try projectFonts())
        let data: [String: Any] = ["rows": [["name": "first row"], ["name": "second"]]]
        let date = try CalendarDate("2026-01-01")
        do {
            _ = try renderer.render(template: "custom", data: data, as: .pdf, title: "t", date: date)
            Issue.record("a mismatched tag rendered")
        } catch {
            #expect(
                error.description.hasPrefix("custom.html:3:29: </td> closes <p> opened at line 3, column 26"),
                "\(error)"
            )
        }
    }

    /// D11: Chinese, Hindi, Thai and emoji print in the installed fallback fonts; a character no
    /// font has is a warning naming it and the template's place.
    @Test func d11MissingGlyphsFallBackOrAreNamed() throws {
        let templates = try TemplateSet(folder: repositoryRoot.appendingPathComponent("Templates")).adding(
            "<html><head><title>t</title></head><body>\n<p>{{name}}</p></body></html>",
            named: "custom",
            file: "custom.html"
        )
        let renderer = DocumentRenderer(templates: templates, fonts: try projectFonts())
        let date = try CalendarDate("2026-01-01")
        let names = "王小明 राजेश ทดสอบ 😀 🚀"
        let fine = try renderer.render(template: "custom", data: ["name": names], as: .pdf, title: "t", date: date)
        #expect(fine.warnings.isEmpty, "\(fine.warnings)")
        let fonts = try poppler("pdffonts", on: fine.data)
        for family in ["NotoSansCJK", "NotoSansDevanagari", "NotoSansThai", "Symbola"] {
            #expect(fonts.contains(family), "\(family) not used: \(fonts)")
        }
        #expect(try poppler("pdftotext", on: fine.data).contains("王小明"))
        let boxed = try renderer.render(
            template: "custom",
            data: ["name": "Studio \u{E000} Rossi"],
            as: .pdf,
            title: "t",
            date: date
        )
        #expect(
            boxed.warnings == [
                "custom.html:2:1: no installed font has '\u{E000}' (U+E000) in \"Studio \u{E000} Rossi\": it prints as a box"
            ]
        )
        // The box cannot be traced in Cairo's contents: drawn again from the template, with Cairo's own tags.
        #expect(try pdfinfo(boxed.data)["Tagged"] == "yes")
        #expect(try !structureWrittenAfterCairo(boxed.data))
        #expect(try poppler("pdftotext", on: boxed.data).contains("Studio"))
    }
}
