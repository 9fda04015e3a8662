import Billing
import Canvas
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// A renderer whose fonts are loaded when a PDF first needs them (`FontLoading`) prints what one with loaded fonts
/// prints, never loads them for HTML, and reports fonts that cannot be loaded when a PDF needs them.
@Suite("Fonts loaded when a PDF first needs them")
struct FontLoadingTests {
    let samples: SampleStore
    let vendor: Vendor
    let templates: TemplateSet

    init() throws {
        samples = try SampleStore()
        vendor = try samples.vendor()
        templates = try TemplateSet(folder: repositoryRoot.appendingPathComponent("Templates"))
    }

    func invoice() throws -> PrintableDocument {
        let invoice = try #require(try samples.store.invoices(accountID: "ALPINA-IT").first)
        return .invoice(invoice, vendor: vendor, mark: .none)
    }

    @Test("a PDF is the same whether its fonts were loaded first or when it needed them")
    func theSamePDF() throws {
        defer { samples.remove() }
        let loaded = DocumentRenderer(templates: templates, fonts: try projectFonts())
        var loads = 0
        let deferred = DocumentRenderer(
            templates: templates,
            loadingFonts: FontLoading {
                loads += 1
                return try projectFonts()
            }
        )
        let first = try loaded.render(try invoice(), as: .pdf)
        let second = try deferred.render(try invoice(), as: .pdf)
        #expect(first.pages == 1)
        // The creation date is the only difference PDFs of the same document may have; both take the invoice's.
        #expect(first.data == second.data)
        // The second document reuses the fonts the first loaded.
        #expect(try deferred.render(try invoice(), as: .pdf).data == first.data)
        #expect(loads == 1)
    }

    @Test("fonts that failed stop a PDF with their own error, and HTML does not need them")
    func failedFonts() throws {
        defer { samples.remove() }
        let missing = repositoryRoot.appendingPathComponent("no-such-folder/fonts.conf")
        var attempts = 0
        let renderer = DocumentRenderer(
            templates: templates,
            loadingFonts: FontLoading {
                attempts += 1
                return try FontLibrary(configurationFile: missing)
            }
        )
        let html = try renderer.render(try invoice(), as: .html)
        #expect(String(decoding: html.data, as: UTF8.self).contains("Alpina"))
        #expect(attempts == 0)
        let error = #expect(throws: DocumentError.self) { try renderer.render(try invoice(), as: .pdf) }
        #expect(throws: DocumentError.self) { try renderer.render(try invoice(), as: .pdf) }
        #expect(attempts == 1)
        #expect(error?.description == "cannot load the font configuration \(missing.path): no such file")
        guard case .fonts(let underlying)? = error else {
            Issue.record("expected DocumentError.fonts, got \(String(describing: error))")
            return
        }
        #expect(underlying is CanvasError)
    }
}
