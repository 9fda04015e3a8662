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
        layingOutAgain: @escaping () throws(LayoutError) -> DisplayList
    ) throws(LayoutError) -> Data {
        try render(
            pages,
            metadata: metadata,
            tagged: tagged,
            structure: structureByCairo ? .byCairo : .afterCairo,
            conformance: conformance,
            attachments: attachments,
            again: layingOutAgain
        )
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
        try render(
            ListedPages(list),
            metadata: metadata,
            tagged: tagged,
            structure: structure,
            conformance: conformance,
            attachments: attachments,
            again: fallBack ? { list } : nil
        )
    }

    /// Draws `pages`; when the structure tree cannot be written after Cairo, draws the list `again`
    /// makes with Cairo's own tags, or fails if there is no `again`.
    private static func render(
        _ pages: some DrawnPages,
        metadata: PDFMetadata,
        tagged: Bool,
        structure: StructureWriting,
        conformance: PDFConformance,
        attachments: [PDFAttachment],
        again: (() throws(LayoutError) -> DisplayList)?
    ) throws(LayoutError) -> Data {
        do {
            return try draw(
                pages,
                metadata: metadata,
                tagged: tagged,
                structure: structure,
                conformance: conformance,
                attachments: attachments
            )
        } catch {
            guard case CanvasError.structureNotTraced = error, structure == .afterCairo, let again else {
                throw layoutError(error)
            }
            return try render(
                ListedPages(try again()),
                metadata: metadata,
                tagged: tagged,
                structure: .byCairo,
                conformance: conformance,
                attachments: attachments,
                again: nil
            )
        }
    }

    private static func layoutError(_ error: any Error) -> LayoutError {
        switch error {
        case let error as CanvasError: return LayoutError(error, at: nil)
        case let error as LayoutError: return error
        default: return LayoutError(location: nil, message: "\(error)")
        }
    }

    /// Draws `pages`, each as it is made, and adds their bookmarks.
    private static func draw(
        _ pages: some DrawnPages,
        metadata: PDFMetadata,
        tagged: Bool,
        structure: StructureWriting,
        conformance: PDFConformance,
        attachments: [PDFAttachment]
    ) throws -> Data {
        var metadata = metadata
        if tagged, metadata.language.isEmpty { metadata.language = pages.language }
        let document = try PDFDocument(
            metadata: metadata,
            pageSize: pages.pageSize,
            structure: tagged ? structure : .byCairo
        )
        document.conformance = conformance
        document.attachments = attachments
        var open: [StructureTag] = []
        var alternativeText: String?
        var index = 0
        while let page = try pages.nextPage() {
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
                if index == pages.pageCount - 1 {
                    while let tag = open.popLast() { try canvas.endTag(tag) }
                }
            }
            index += 1
        }
        var parents: [Int: OutlineEntry] = [:]
        for item in pages.outline {
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

/// What ``PDFRenderer`` draws: pages made one after another, and the document's size, language and
/// bookmarks.
protocol DrawnPages: AnyObject {
    var pageSize: PageSize { get }
    var pageCount: Int { get }
    var language: String { get }
    /// The bookmarks of the pages made so far: all of them once the last page is made.
    var outline: [OutlineItem] { get }
    /// The next page, `nil` after the last.
    func nextPage() throws(LayoutError) -> [DisplayItem]?
}

extension PagedLayout: DrawnPages {}

/// The pages of a ``DisplayList``, one after another.
private final class ListedPages: DrawnPages {
    private let list: DisplayList
    private var next = 0

    init(_ list: DisplayList) { self.list = list }

    var pageSize: PageSize { list.pageSize }
    var pageCount: Int { list.pages.count }
    var language: String { list.language }
    var outline: [OutlineItem] { list.outline }

    func nextPage() throws(LayoutError) -> [DisplayItem]? {
        guard next < list.pages.count else { return nil }
        next += 1
        return list.pages[next - 1]
    }
}
