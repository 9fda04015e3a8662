import Billing
import Foundation
import LedgerprintTestSupport
import Synchronization
import Testing

@testable import Documents

/// Issue 22: a template folder is read when it loads, each part parsed when a document first needs it.
///
/// An error in a part is then that document's error, with its file, line and column —
/// never a crash, never a blank — and `check()` (`ledgerprint templates check`) still finds it.
@Suite("Templates parsed when first needed")
struct TemplateLoadingTests {
    /// `old` replaced by `new` in `file`; the line and column (from 1) where `new` starts.
    private func replace(_ old: String, with new: String, in file: URL) throws -> (line: Int, column: Int) {
        let text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: old))
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column =
            before.count
            - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
        return (line, column)
    }

    @Test func aBrokenStatementTemplateStopsStatementsButNotInvoices() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let statementFile = folder.appendingPathComponent("statement.html")
        let place = try replace("{{/aging}}", with: "{{/agin}}", in: statementFile)
        let expected =
            "\(statementFile.path):\(place.line):\(place.column): Mustache: {{/agin}} closes 'agin' but the open section is 'aging'"
        let templates = try TemplateSet(folder: folder)
        let renderer = DocumentRenderer(templates: templates, fonts: try projectFonts())
        let samples = try SampleStore()
        defer { samples.remove() }
        let vendor = try samples.vendor()
        let invoice = try #require(try samples.store.invoices().first { $0.number != nil })
        let number = try #require(invoice.number)

        let printed = try renderer.render(.invoice(invoice, vendor: vendor, mark: .none), as: .pdf)
        #expect(try poppler("pdftotext", on: printed.data).contains(number.description))

        let statement = try samples.store.statement(ofAccount: invoice.customer.accountID, for: DatePeriod.year(2025))
        let document = PrintableDocument.statement(statement, vendor: vendor, issuedOn: try CalendarDate("2026-01-31"))
        // The second time the remembered error is given again.
        for format in [DocumentFormat.pdf, .html] {
            #expect(performing: { _ = try renderer.render(document, as: format) }, throws: { "\($0)" == expected })
        }
        #expect(performing: { try templates.check() }, throws: { "\($0)" == expected })
    }

    @Test func aBrokenLanguageStopsDocumentsInThatLanguageOnly() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let german = folder.appendingPathComponent("labels/de.json")
        _ = try replace("\"", with: "'", in: german)
        let templates = try TemplateSet(folder: folder)
        let renderer = DocumentRenderer(templates: templates, fonts: try projectFonts())
        let samples = try SampleStore()
        defer { samples.remove() }
        let vendor = try samples.vendor()
        let invoice = try #require(try samples.store.invoices().first { $0.number != nil })
        let document = PrintableDocument.invoice(invoice, vendor: vendor, mark: .paid)

        for language in ["it", "en"] {
            let printed = try renderer.render(document, as: .pdf, language: language)
            #expect(printed.pages >= 1)
        }
        var said = ""
        #expect(
            performing: { _ = try renderer.render(document, as: .pdf, language: "de") },
            throws: { error in
                said = "\(error)"
                return said.hasPrefix("\(german.path):2:") && said.hasSuffix(": not valid JSON")
            }
        )
        let expected = said
        #expect(performing: { try templates.check() }, throws: { "\($0)" == expected })
        // The English wording of the FatturaPA is unaffected; the German one says what is wrong.
        #expect(try templates.wording(language: "en").line(invoice.lines[0]).isEmpty == false)
        #expect(performing: { _ = try templates.wording(language: "de") }, throws: { "\($0)" == expected })
    }

    @Test func workersSharingAFolderParseItOnceAndPrintWhatOneRendererPrints() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let vendor = try samples.vendor()
        let invoices = Array(try samples.store.invoices().filter { $0.number != nil }.prefix(8))
        try #require(invoices.count == 8)
        let alone = try makeRenderer()
        let expected = try invoices.map { try alone.render(.invoice($0, vendor: vendor, mark: .none), as: .pdf).data }

        let templates = try TemplateSet(folder: repositoryRoot.appendingPathComponent("Templates"))
        let batch = BatchRenderer(
            templates: templates,
            fontConfiguration: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"),
            jobs: 4
        )
        let results = Mutex([Int: Data]())
        let deliver: @Sendable (Int, Result<RenderedDocument, any Error>) -> Void = { index, result in
            let data = (try? result.get())?.data ?? Data()
            results.withLock { $0[index] = data }
        }
        batch.run(
            count: invoices.count,
            format: .pdf,
            document: { .invoice(invoices[$0], vendor: vendor, mark: .none) },
            deliver: deliver
        )
        let printed = results.withLock { $0 }
        for index in invoices.indices {
            #expect(printed[index] == expected[index], "invoice \(index) differs from one printed alone")
        }
    }

    @Test func everyWorkerReportsAPartialsErrorWithItsPlace() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let letterhead = folder.appendingPathComponent("partials/letterhead.html")
        let text = try String(contentsOf: letterhead, encoding: .utf8)
        try (text + "{{#open}}\n").write(to: letterhead, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let expected = "\(letterhead.path):\(lines):1: Mustache: 'open' is opened here and never closed"
        let samples = try SampleStore()
        defer { samples.remove() }
        let vendor = try samples.vendor()
        let invoices = Array(try samples.store.invoices().filter { $0.number != nil }.prefix(6))
        let batch = BatchRenderer(
            templates: try TemplateSet(folder: folder),
            fontConfiguration: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"),
            jobs: 3
        )
        let errors = Mutex([String]())
        let deliver: @Sendable (Int, Result<RenderedDocument, any Error>) -> Void = { _, result in
            let said: String
            switch result {
            case .success(let rendered): said = "printed \(rendered.data.count) bytes"
            case .failure(let error): said = "\(error)"
            }
            errors.withLock { $0.append(said) }
        }
        batch.run(
            count: invoices.count,
            format: .pdf,
            document: { .invoice(invoices[$0], vendor: vendor, mark: .none) },
            deliver: deliver
        )
        let said = errors.withLock { $0 }
        #expect(said.count == invoices.count)
        for message in said { #expect(message == expected) }
    }
}
