import Canvas
import Foundation

/// Draws a ``DisplayList`` with Canvas: the only step of printing that touches Cairo.
public enum PDFRenderer {
    /// Draws `list` into a new PDF with `metadata` and returns its bytes.
    ///
    /// A tagged PDF (the default) has a structure tree in reading order under one `Document`
    /// element: headings, paragraphs, lists, tables with rows and header cells, figures. What no
    /// element holds (margin boxes, watermarks, backgrounds, repeated header rows) stays out of it.
    /// The document's language (from `metadata`, else the list's), its alternative texts and the
    /// scope of header cells are added after Cairo writes the file.
    ///
    /// - Parameters:
    ///   - list: The laid-out pages.
    ///   - metadata: The document information (title, author, dates).
    ///   - tagged: Whether to write the structure tree; `false` only to measure its cost.
    ///   - conformance: ``PDFConformance/pdfA3b`` for an archival PDF/A-3b file.
    ///   - attachments: Files to carry inside the PDF (which makes it PDF/A-3b), such as a Factur-X XML.
    /// - Returns: The PDF file's bytes.
    /// - Throws: ``LayoutError`` when Cairo or qpdf fails, or a PDF/A file finds no colour profile.
    public static func render(
        _ list: DisplayList,
        metadata: PDFMetadata,
        tagged: Bool = true,
        conformance: PDFConformance = .plain,
        attachments: [PDFAttachment] = []
    ) throws(LayoutError)
        -> Data
    {
        try render(
            list,
            metadata: metadata,
            tagged: tagged,
            structure: structureByCairo ? .byCairo : .afterCairo,
            fallBack: true,
            conformance: conformance,
            attachments: attachments
        )
    }

    /// Draws `pages` into a new PDF page by page, each page's drawing operations made just before
    /// it is drawn and freed after, and returns the file's bytes; otherwise as
    /// ``render(_:metadata:tagged:conformance:attachments:)``.
    ///
    /// When the structure tree cannot be written after Cairo and the document is drawn again with
    /// Cairo's own tags, `layingOutAgain` lays it out again: the pages made are gone by then.
    public static func render(
        _ pages: PagedLayout,
        metadata: PDFMetadata,
        tagged: Bool = true,
        conformance: PDFConformance = .plain,
        attachments: [PDFAttachment] = [],
        layingOutAgain: () throws(LayoutError) -> DisplayList
    ) throws(LayoutError) -> Data {
        let structure: StructureWriting = structureByCairo ? .byCairo : .afterCairo
        do {
            return try draw(
                pageSize: pages.pageSize,
                pageCount: pages.pageCount,
                language: pages.language,
                nextPage: pages.nextPage,
                outline: { pages.outline },
                metadata: metadata,
                tagged: tagged,
                structure: structure,
                conformance: conformance,
                attachments: attachments
            )
        } catch CanvasError.structureNotTraced where structure == .afterCairo {
            return try render(
                try layingOutAgain(),
                metadata: metadata,
                tagged: tagged,
                structure: .byCairo,
                fallBack: false,
                conformance: conformance,
                attachments: attachments
            )
        } catch {
            throw layoutError(error)
        }
    }

    /// Renders with the structure tree written as `structure` says.
    ///
    /// With ``StructureWriting/afterCairo`` a page whose contents cannot be matched to the
    /// elements that drew them is an error, unless `fallBack`: then the document is drawn again
    /// with Cairo's own tags, slower but sure. Tests turn it off to see that documents take the fast way.
    public static func render(
        _ list: DisplayList,
        metadata: PDFMetadata,
        tagged: Bool = true,
        structure: StructureWriting,
        fallBack: Bool,
        conformance: PDFConformance = .plain,
        attachments: [PDFAttachment] = []
    ) throws(LayoutError) -> Data {
        do {
            var pages = list.pages.makeIterator()
            return try draw(
                pageSize: list.pageSize,
                pageCount: list.pages.count,
                language: list.language,
                nextPage: { pages.next() },
                outline: { list.outline },
                metadata: metadata,
                tagged: tagged,
                structure: structure,
                conformance: conformance,
                attachments: attachments
            )
        } catch CanvasError.structureNotTraced where fallBack && structure == .afterCairo {
            return try render(
                list,
                metadata: metadata,
                tagged: tagged,
                structure: .byCairo,
                fallBack: false,
                conformance: conformance,
                attachments: attachments
            )
        } catch {
            throw layoutError(error)
        }
    }

    private static func layoutError(_ error: any Error) -> LayoutError {
        switch error {
        case let error as CanvasError: return LayoutError(error, at: nil)
        case let error as LayoutError: return error
        default: return LayoutError(location: nil, message: "\(error)")
        }
    }

    /// Draws `pageCount` pages, each as `nextPage` makes it, and adds the bookmarks of `outline`.
    private static func draw(
        pageSize: PageSize,
        pageCount: Int,
        language: String,
        nextPage: () throws(LayoutError) -> [DisplayItem]?,
        outline: () -> [OutlineItem],
        metadata: PDFMetadata,
        tagged: Bool,
        structure: StructureWriting,
        conformance: PDFConformance,
        attachments: [PDFAttachment]
    ) throws -> Data {
        var metadata = metadata
        if tagged, metadata.language.isEmpty { metadata.language = language }
        let document = try PDFDocument(
            metadata: metadata,
            pageSize: pageSize,
            structure: tagged ? structure : .byCairo
        )
        document.conformance = conformance
        document.attachments = attachments
        var open: [StructureTag] = []
        var alternativeText: String?
        var index = 0
        while let page = try nextPage() {
            try document.addPage { canvas in
                if tagged, index == 0 {
                    try canvas.beginTag(.document)
                    open.append(.document)
                }
                for item in page {
                    switch item {
                    case .beginTag(let tag):
                        guard tagged else { continue }
                        try canvas.beginTag(tag, alternativeText: tag == .figure ? alternativeText : nil)
                        if tag == .figure { alternativeText = nil }
                        open.append(tag)
                    case .alternativeText(let text): alternativeText = text
                    case .endTag(let tag):
                        // An unbalanced end (a layout bug) is dropped rather than failing the document.
                        guard tagged, open.count > 1, open.last == tag else { continue }
                        try canvas.endTag(tag)
                        open.removeLast()
                    default: try draw(item, on: canvas)
                    }
                }
                if index == pageCount - 1 {
                    while let tag = open.popLast() { try canvas.endTag(tag) }
                }
            }
            index += 1
        }
        var parents: [Int: OutlineEntry] = [:]
        for item in outline() {
            let parent = (1..<item.level).reversed().lazy.compactMap { parents[$0] }.first
            parents[item.level] = document.addOutlineEntry(
                title: item.title,
                page: item.page,
                y: item.y,
                parent: parent
            )
            for deeper in (item.level + 1)...4 { parents[deeper] = nil }
        }
        return try document.finish()
    }

    /// `LEDGERPRINT_CAIRO_TAGS=1` has Cairo write the structure tree, as before session 9, to
    /// measure the difference (`make bench SUITES=tagging`).
    private static let structureByCairo = ProcessInfo.processInfo.environment["LEDGERPRINT_CAIRO_TAGS"] == "1"

    private static func draw(_ item: DisplayItem, on page: Page) throws(CanvasError) {
        switch item {
        case .fill(let rect, let color): try page.fill(rect, with: color)
        case .line(let from, let to, let width, let color, let dash):
            try page.line(from: from, to: to, color: color, width: width, dash: dash)
        case .text(let layout, let lines, let origin):
            if let lines { try page.draw(layout, lines: lines, at: origin) } else { try page.draw(layout, at: origin) }
        case .image(let image, let rect): try page.draw(image, in: rect)
        case .rotatedText(let layout, let center, let angle):
            // Rotate about the paragraph's centre: its top-left corner, turned, lands here.
            let (width, height) = (layout.width, layout.height)
            let origin = Point(
                x: center.x - (width / 2 * cos(angle) - height / 2 * sin(angle)),
                y: center.y - (width / 2 * sin(angle) + height / 2 * cos(angle))
            )
            try page.draw(layout, at: origin, rotation: angle)
        case .beginTag(let tag): try page.beginTag(tag)
        case .endTag(let tag): try page.endTag(tag)
        case .alternativeText: break
        }
    }
}
