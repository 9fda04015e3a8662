import Billing
import Canvas
import Foundation
import Layout
import Markup

/// A document to print, with what it needs.
public enum PrintableDocument: Sendable {
    /// An issued invoice, marked PAID, VOID or COPY as its state is; a void one names the credit
    /// note `voidedBy`.
    case invoice(Invoice, vendor: Vendor, mark: DocumentMark, voidedBy: DocumentNumber? = nil)
    /// An issued credit note.
    case creditNote(CreditNote, vendor: Vendor)
    /// An account statement, dated `issuedOn`.
    case statement(Statement, vendor: Vendor, issuedOn: CalendarDate)
    /// The packet of a tax-form request for `account`, dated `issuedOn`: the W-9 packet, the
    /// vendor form or the regional form, as the request asks.
    case w9Packet(W9Request, vendor: Vendor, account: Account, issuedOn: CalendarDate)
    /// A payment reminder listing an account's overdue invoices.
    case reminder(Reminder, vendor: Vendor)
    /// A quote, open or accepted.
    case quote(QuoteDocument, vendor: Vendor)

    /// "invoice", "credit-note", "statement", "w9-packet" (or "vendor-form", "regional-form", as
    /// the request asks), "reminder", "quote".
    public var kind: String {
        switch self {
        case .invoice: return "invoice"
        case .creditNote: return "credit-note"
        case .statement: return "statement"
        case .w9Packet(let request, _, _, _):
            switch request.formType {
            case .w9: return "w9-packet"
            case .vendorForm: return "vendor-form"
            case .regionalForm: return "regional-form"
            }
        case .quote: return "quote"
        case .reminder: return "reminder"
        }
    }

    /// The language of the customer's account.
    var accountLanguage: String {
        switch self {
        case .invoice(let invoice, _, _, _): return invoice.customer.locale
        case .creditNote(let note, _): return note.customer.locale
        case .statement(let statement, _, _): return statement.customer.locale
        case .w9Packet(_, _, let account, _): return account.locale
        case .reminder(let reminder, _): return reminder.customer.locale
        case .quote(let document, _): return document.customer.locale
        }
    }

    /// The date the PDF's creation date is taken from, so output is reproducible.
    var documentDate: CalendarDate {
        switch self {
        case .invoice(let invoice, _, _, _): return invoice.issueDate
        case .creditNote(let note, _): return note.issueDate
        case .statement(_, _, let date), .w9Packet(_, _, _, let date): return date
        case .reminder(let reminder, _): return reminder.date
        case .quote(let document, _): return document.quote.preparedOn
        }
    }
}

/// PDF or standalone HTML.
public enum DocumentFormat: String, Sendable, Hashable, CaseIterable {
    /// PDF drawn with Cairo.
    case pdf
    /// One HTML file with CSS and images inlined.
    case html
}

/// A printed document.
public struct RenderedDocument: Sendable {
    /// The file's bytes.
    public var data: Data
    /// Its title.
    public var title: String
    /// Pages (PDF) or 1 (HTML).
    public var pages: Int
    /// What prints, but not as written, each naming the template's file, line and column: characters
    /// no installed font has (PDF only; a browser picks its own fonts).
    public var warnings: [String] = []
    /// The same, as layout found them (at places in the template's output).
    var layoutWarnings: [LayoutWarning] = []
}

/// Turns Billing values into finished documents: view model → Mustache → XHTML → PDF or HTML.
///
/// A renderer loads its templates once and keeps shaped text and images between documents; it is
/// not `Sendable`: give each thread its own (``BatchRenderer`` does).
public final class DocumentRenderer {
    /// The loaded templates.
    public let templates: TemplateSet
    /// The fonts, loaded or to be loaded (``FontLoading``); the layout engine is made over them when a PDF first needs it.
    private let fontLoading: FontLoading
    private var layoutEngine: LayoutEngine?
    /// Styling work kept from one document to the next.
    let styles = StyleCache()
    /// Whether PDFs carry their structure tree (tagged PDF); off only to measure what tagging costs.
    public var tagsPDF = true
    /// The standard PDFs are made to meet: ``PDFConformance/pdfA3b`` for archives and `--pdfa`.
    public var pdfConformance = PDFConformance.plain
    /// Whether the last document rendered as PDF stays with the renderer, its parsed and styled tree
    /// freed with the renderer (or the next document) rather than once it is laid out, before its pages are drawn.
    ///
    /// For a command that prints one document and ends, and keeps the renderer until the process exits: the
    /// system then takes the memory back at once, where freeing a long statement's tree object by object
    /// cost 4 M instructions (`docs/performance.md`, speed28) — more, measured again, than freeing it before
    /// drawing saves in page faults (heap32). Otherwise the tree is freed before drawing, so that Cairo and the
    /// finishing reuse its memory.
    public var keepsLastDocument = false
    private var lastDocument: MarkupDocument?

    /// Loads the templates of `folder` and sets text in `fonts`.
    ///
    /// - Throws: ``DocumentError`` when a template, the stylesheet or a labels file is missing or wrong.
    public init(templateFolder: URL, fonts: FontLibrary) throws(DocumentError) {
        templates = try TemplateSet(folder: templateFolder)
        fontLoading = FontLoading(fonts)
    }

    /// Creates a renderer over already loaded templates.
    public init(templates: TemplateSet, fonts: FontLibrary) {
        self.templates = templates
        fontLoading = FontLoading(fonts)
    }

    /// Creates a renderer over already loaded templates and fonts loaded when a PDF first needs them (HTML never
    /// does); rendering a PDF throws ``DocumentError/fonts(_:)`` if they cannot be loaded.
    public init(templates: TemplateSet, loadingFonts fonts: FontLoading) {
        self.templates = templates
        fontLoading = fonts
    }

    /// The layout engine, made the first time over the fonts, which are loaded then if they were not yet.
    private func engine() throws(DocumentError) -> LayoutEngine {
        if let layoutEngine { return layoutEngine }
        let engine = LayoutEngine(fonts: try fontLoading.fonts())
        layoutEngine = engine
        return engine
    }

    /// The XHTML the template makes for `document` in `language` (the account's when `nil`).
    public func xhtml(
        for document: PrintableDocument,
        language: String? = nil
    ) throws(DocumentError) -> (text: String, template: String, title: String) {
        let (model, template, title) = try view(for: document, language: language)
        return (try templates.render(template, view: model), template, title)
    }

    /// The view model of `document`, the template that prints it and its title.
    private func view(
        for document: PrintableDocument,
        language: String?
    ) throws(DocumentError) -> (model: any FramedView, template: String, title: String) {
        let language = language ?? document.accountLanguage
        let builder = ViewModelBuilder(language: language, labels: try templates.labelsForDocument(in: language))
        switch document {
        case .invoice(let invoice, let vendor, let mark, let voidedBy):
            let view = builder.invoice(invoice, vendor: vendor, mark: mark, voidedBy: voidedBy?.description)
            return (view, "invoice", view.frame.title)
        case .creditNote(let note, let vendor):
            let view = builder.creditNote(note, vendor: vendor)
            return (view, "invoice", view.frame.title)
        case .statement(let statement, let vendor, let date):
            let view = builder.statement(statement, vendor: vendor, issuedOn: date)
            return (view, "statement", view.frame.title)
        case .w9Packet(let request, let vendor, let account, let date):
            switch request.formType {
            case .w9:
                let view = try builder.w9Packet(request, vendor: vendor, account: account, issuedOn: date)
                return (view, "w9-packet", view.frame.title)
            case .vendorForm:
                let view = builder.vendorForm(request, vendor: vendor, account: account, issuedOn: date)
                return (view, "vendor-form", view.frame.title)
            case .regionalForm:
                let view = builder.regionalForm(request, vendor: vendor, account: account, issuedOn: date)
                return (view, "regional-form", view.frame.title)
            }
        case .reminder(let reminder, let vendor):
            let view = builder.reminder(reminder, vendor: vendor)
            return (view, "reminder", view.frame.title)
        case .quote(let document, let vendor):
            let view = builder.quote(document, vendor: vendor)
            return (view, "quote", view.frame.title)
        }
    }

    /// Renders `document` as PDF or HTML, in `language` (the account's when `nil`); a PDF carries
    /// `attachments` (such as its Factur-X XML) and is then PDF/A-3b.
    ///
    /// - Throws: ``DocumentError`` naming the template file, line and column of any problem.
    public func render(
        _ document: PrintableDocument,
        as format: DocumentFormat,
        language: String? = nil,
        attachments: [PDFAttachment] = []
    ) throws(DocumentError)
        -> RenderedDocument
    {
        ProcessTimings.mark(.document)
        let (text, template, title) = try xhtml(for: document, language: language)
        do {
            var rendered = try render(
                document,
                text: consume text,
                template: template,
                title: title,
                as: format,
                language: language,
                attachments: attachments
            )
            if !rendered.layoutWarnings.isEmpty, let (model, _, _) = try? view(for: document, language: language),
                let value = try? TemplateValue(view: model)
            {
                rendered.warnings = rendered.layoutWarnings.map {
                    templates.locating($0, output: outputName(template), template: template, value: value)
                }
            }
            return rendered
        } catch {
            guard let (model, _, _) = try? view(for: document, language: language),
                let value = try? TemplateValue(view: model)
            else { throw error }
            throw templates.locating(error, output: outputName(template), template: template, value: value)
        }
    }

    /// Renders the template's output `text` for `document`; a PDF's `text` is freed once it is parsed, and its
    /// parsed and styled tree once it is laid out, before anything is drawn (``pdf(_:metadata:watermark:attachments:again:)``).
    private func render(
        _ document: PrintableDocument,
        text: consuming String,
        template: String,
        title: String,
        as format: DocumentFormat,
        language: String?,
        attachments: [PDFAttachment]
    ) throws(DocumentError) -> RenderedDocument {
        var watermark: String?
        if case .invoice(_, _, let mark, _) = document, mark != .none {
            let language = language ?? document.accountLanguage
            watermark = ViewModelBuilder(language: language, labels: try templates.labelsForDocument(in: language))
                .label(mark.rawValue)
        }
        if format == .html { return try html(text, file: outputName(template), title: title, watermark: watermark) }
        let file = outputName(template)
        let markup = try parse(consume text, file: file)
        let metadata = PDFMetadata(
            title: title,
            author: vendorName(document),
            subject: title,
            keywords: [document.kind, title].joined(separator: ", "),
            creator: "Ledgerprint",
            creationDate: Self.date(document.documentDate)
        )
        return try pdf(consume markup, metadata: metadata, watermark: watermark, attachments: attachments) {
            () throws(DocumentError) in
            try self.parse(try self.xhtml(for: document, language: language).text, file: file)
        }
    }

    /// Where a template's output is said to come from in errors.
    private func outputName(_ template: String, _ detail: String = "output") -> String {
        templates.folder.appendingPathComponent("\(template).html").path + " (\(detail))"
    }

    /// The template's output parsed and styled with the folder's stylesheet.
    private func parse(_ text: String, file: String) throws(DocumentError) -> MarkupDocument {
        let stylesheet = try templates.stylesheet
        do {
            return try MarkupDocument(
                xhtml: text,
                file: file,
                parsedStylesheets: [stylesheet],
                resourceFolder: templates.folder,
                styleCache: styles
            )
        } catch {
            throw .markup(error)
        }
    }

    /// The template's output as standalone HTML: checked like a PDF's, but left to the browser to style.
    private func html(
        _ text: String,
        file: String,
        title: String,
        watermark: String? = nil
    ) throws(DocumentError) -> RenderedDocument {
        let stylesheet = try templates.stylesheet
        do {
            let html = try MarkupDocument.standaloneHTML(
                xhtml: text,
                file: file,
                parsedStylesheets: [stylesheet],
                resourceFolder: templates.folder,
                watermark: watermark
            )
            return RenderedDocument(data: Data(html.utf8), title: title, pages: 1)
        } catch {
            throw .markup(error)
        }
    }

    /// The document laid out and drawn as PDF (with a watermark if given).
    ///
    /// `markup` is let go of once it is laid out, before the first page is drawn (unless ``keepsLastDocument``):
    /// drawing needs only the pages (``PagedLayout``), and what the tree frees is reused by Cairo and the finishing
    /// instead of new memory. If the structure tree cannot be written after Cairo (``PDFRenderer``'s fallback,
    /// drawing with Cairo's own tags), the tree is made again by `again`, from the document.
    private func pdf(
        _ markup: consuming MarkupDocument,
        metadata: PDFMetadata,
        watermark: String?,
        attachments: [PDFAttachment],
        again: @escaping () throws(DocumentError) -> MarkupDocument
    )
        throws(DocumentError) -> RenderedDocument
    {
        let engine = try engine()
        do {
            let pages = try engine.layoutPages(markup)
            if keepsLastDocument { lastDocument = consume markup } else { _ = consume markup }
            if let watermark {
                pages.addToEveryPage(try self.watermark(watermark, pageSize: pages.pageSize, fonts: engine.fonts))
            }
            let data = try PDFRenderer.render(
                pages,
                metadata: metadata,
                tagged: tagsPDF,
                conformance: pdfConformance,
                attachments: attachments,
                layingOutAgain: { () throws(LayoutError) in
                    let markup: MarkupDocument
                    do throws(DocumentError) {
                        markup = try again()
                    } catch {
                        // Not expected: the same document made the same tree a moment ago.
                        throw LayoutError(location: nil, message: error.description)
                    }
                    var list = try engine.layout(markup)
                    if let watermark {
                        let item = try self.watermark(watermark, pageSize: list.pageSize, fonts: engine.fonts)
                        for index in list.pages.indices { list.pages[index].append(item) }
                    }
                    return list
                }
            )
            return RenderedDocument(
                data: data,
                title: metadata.title,
                pages: pages.pageCount,
                warnings: pages.warnings.map(\.description),
                layoutWarnings: pages.warnings
            )
        } catch {
            throw .layout(error)
        }
    }

    private func vendorName(_ document: PrintableDocument) -> String {
        switch document {
        case .invoice(_, let vendor, _, _), .creditNote(_, let vendor), .statement(_, let vendor, _),
            .w9Packet(_, let vendor, _, _), .reminder(_, let vendor), .quote(_, let vendor):
            return vendor.legalName
        }
    }

    /// PAID, VOID or COPY in large, light letters across a page.
    private func watermark(_ text: String, pageSize: PageSize, fonts: FontLibrary) throws(LayoutError) -> DisplayItem {
        let style = TextStyle(size: 96, weight: .bold, color: Color(red: 0.7, green: 0.13, blue: 0.13, alpha: 0.14))
        let layout: TextLayout
        do {
            layout = try TextLayout(text, style: style, fonts: fonts)
        } catch {
            throw LayoutError(location: nil, message: error.description)
        }
        let center = Point(x: pageSize.width / 2, y: pageSize.height / 2)
        return .rotatedText(layout, center: center, angle: -Double.pi / 5)
    }

    /// Midnight UTC of a calendar date.
    static func date(_ date: CalendarDate) -> Date {
        Date(timeIntervalSince1970: Double(date.dayNumber) * 86_400)
    }
}

extension DocumentRenderer {
    /// Renders the template `name` with any data (dictionaries, arrays, strings, numbers), for
    /// trying a template out; `title` and the creation date fill the PDF metadata.
    public func render(
        template name: String,
        data: Any,
        as format: DocumentFormat,
        title: String,
        date: CalendarDate
    ) throws(DocumentError)
        -> RenderedDocument
    {
        let value = TemplateValue(json: data)
        let text = try templates.render(name, value)
        let output = "\(name).html (output)"
        do {
            if format == .html { return try html(text, file: output, title: title) }
            var rendered = try pdf(
                try parse(consume text, file: output),
                metadata: PDFMetadata(title: title, creationDate: Self.date(date)),
                watermark: nil,
                attachments: []
            ) { () throws(DocumentError) in
                try self.parse(try self.templates.render(name, value), file: output)
            }
            rendered.warnings = rendered.layoutWarnings.map {
                templates.locating($0, output: output, template: name, value: value)
            }
            return rendered
        } catch {
            throw templates.locating(error, output: output, template: name, value: value)
        }
    }

    /// Checks that every document kind renders to valid XHTML in every language, without drawing.
    public func check(_ documents: [PrintableDocument]) throws(DocumentError) {
        for document in documents {
            for language in DocumentLanguage.codes {
                let (text, template, _) = try xhtml(for: document, language: language)
                let output = outputName(template, "output, \(language)")
                do {
                    _ = try parse(text, file: output)
                } catch {
                    guard let (model, _, _) = try? view(for: document, language: language),
                        let value = try? TemplateValue(view: model)
                    else { throw error }
                    throw templates.locating(error, output: output, template: template, value: value)
                }
            }
        }
    }
}
