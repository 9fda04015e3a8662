import Canvas
import Foundation
import Markup

/// Lays out a ``MarkupDocument`` into pages: blocks, paragraphs, tables, images; page breaks,
/// repeated table headers, carried-forward totals, widows and orphans; margin boxes with page
/// counters.
///
/// Layout places everything first, so the page count is known; then ``layout(_:)`` gives every page's
/// drawing operations at once (a ``DisplayList``), ``layoutPages(_:)`` one page at a time as
/// ``PDFRenderer`` draws them (a ``PagedLayout``: what finished pages drew is freed before the next
/// page is made). Both give the same pages. An engine keeps shaped text
/// and decoded images between documents, so a batch reuses them; it is not `Sendable`: use one per
/// thread.
/// - Complexity: linear in the size of the document.
public final class LayoutEngine {
    /// The fonts text is set in.
    public let fonts: FontLibrary
    var textCache: [TextKey: TextLayout] = [:]
    var imageCache: [Data: Image] = [:]
    var naturalLineHeights: [TextStyle: Double] = [:]
    var familyCache: [[String]: String] = [:]
    var decorations: [BlockDecoration] = []
    var tables: [TableInfo] = []
    /// The running header's flow (`data-running="header"`), placed atop every page after the first.
    var runningHeader: [FlowItem] = []
    var images: [String: Data] = [:]
    var warnings: [LayoutWarning] = []
    /// Room for a table row's drawing operations while they are gathered (``rowItem(_:offsets:x:role:table:carry:blocks:)``).
    var rowDraws: [DisplayItem] = []
    /// The most shaped paragraphs kept between documents.
    public var textCacheLimit = 2_000

    /// Creates an engine that sets text in `fonts`.
    public init(fonts: FontLibrary) {
        self.fonts = fonts
    }

    /// Lays out `document` on pages of its `@page` size and margins (A4, 2 cm, by default).
    ///
    /// - Throws: ``LayoutError`` for an image that is not a PNG, or a font that is not installed.
    public func layout(_ document: MarkupDocument) throws(LayoutError) -> DisplayList {
        try layoutPages(document).displayList()
    }

    /// Lays out `document` as ``layout(_:)`` does, its pages' drawing operations made one at a time
    /// as they are drawn (``PagedLayout``): what finished pages drew is freed before the next is made.
    ///
    /// - Throws: ``LayoutError`` for an image that is not a PNG, or a font that is not installed.
    public func layoutPages(_ document: MarkupDocument) throws(LayoutError) -> PagedLayout {
        decorations = []
        tables = []
        warnings = []
        runningHeader = []
        images = document.images
        if textCache.count > textCacheLimit { textCache.removeAll(keepingCapacity: true) }
        let size = document.page.size.map { PageSize(width: $0.width, height: $0.height) } ?? .a4
        let margin = document.page.margin ?? Edges(all: 56.69)
        let frame = Rect(
            x: margin.left,
            y: margin.top,
            width: size.width - margin.left - margin.right,
            height: size.height - margin.top - margin.bottom
        )
        guard frame.width >= 36, frame.height >= 36, size.width <= 14_400, size.height <= 14_400 else {
            throw LayoutError(
                location: document.page.location,
                message:
                    "@page size \(Int(size.width)) × \(Int(size.height)) pt with its margins leaves no room to print: "
                    + "pages may be up to 14400 pt a side, and the margins must leave at least 36 pt each way"
            )
        }
        var items: [FlowItem] = []
        try buildBlock(document.body, x: frame.x, width: frame.width, blocks: [], into: &items)
        var paginator = Paginator(
            frame: frame,
            decorations: decorations,
            tables: tables,
            runningHeader: runningHeader
        )
        // Handed over, so that each page's flow items are freed when the page is made.
        try paginator.place(consume items)
        let margins = try marginBoxes(
            document.page,
            body: document.body.style,
            frame: frame,
            margin: margin,
            pageHeight: size.height
        )
        var found: [LayoutWarning] = []
        for warning in warnings where !found.contains(warning) { found.append(warning) }
        return PagedLayout(
            engine: self,
            paginator: paginator,
            margins: margins,
            pageSize: size,
            language: document.language ?? "",
            warnings: found
        )
    }

    /// A shaped paragraph, reused when the same text in the same style was shaped before.
    func text(
        _ runs: [TextRun],
        _ paragraph: ParagraphStyle,
        at location: SourceLocation?
    ) throws(LayoutError) -> TextLayout {
        let key = TextKey(runs: runs, paragraph: paragraph)
        if let cached = textCache[key] {
            warn(cached, at: location)
            return cached
        }
        do {
            let layout = try TextLayout(runs, paragraph: paragraph, fonts: fonts)
            textCache[key] = layout
            warn(layout, at: location)
            return layout
        } catch {
            throw LayoutError(error, at: location)
        }
    }

    private func warn(_ layout: TextLayout, at location: SourceLocation?) {
        guard !layout.missingCharacters.isEmpty else { return }
        let text = layout.runs.map(\.text).joined()
        warnings.append(LayoutWarning(location: location, characters: layout.missingCharacters, text: text))
    }

    func image(_ source: String, at location: SourceLocation) throws(LayoutError) -> Image {
        guard let data = images[source] else {
            throw LayoutError(location: location, message: "image '\(source)' was not loaded")
        }
        if let cached = imageCache[data] { return cached }
        do {
            let image = try Image(png: data)
            imageCache[data] = image
            return image
        } catch {
            throw LayoutError(location: location, message: "image '\(source)': \(error.description)")
        }
    }

    func decorate(_ decoration: BlockDecoration) -> Int {
        decorations.append(decoration)
        return decorations.count - 1
    }
}

/// What makes two paragraphs shape the same.
struct TextKey: Hashable {
    var runs: [TextRun]
    var paragraph: ParagraphStyle
}

extension Color {
    init(_ color: CSSColor) {
        self.init(red: color.red, green: color.green, blue: color.blue, alpha: color.alpha)
    }
}
