internal import CPangoCairo
import Foundation

/// One page of a ``PDFDocument`` while it is being drawn.
///
/// Coordinates are points from the top-left corner. A page is handed to the closure of
/// ``PDFDocument/addPage(size:label:_:)`` and is closed when that returns; drawing on a closed
/// page throws.
public final class Page {
    /// The 1-based number of this page in its document.
    public let number: Int
    /// The page's size.
    public let size: PageSize

    private unowned let document: PDFDocument
    private var isOpen = true

    init(document: PDFDocument, number: Int, size: PageSize) {
        self.document = document
        self.number = number
        self.size = size
    }

    func close() { isOpen = false }

    /// The Cairo context for drawing anything but a batched line of text: the text gathered so far
    /// is shown first, so everything lands in the order it was drawn.
    private func context() throws(CanvasError) -> OpaquePointer {
        let cr = try textContext()
        document.glyphBatch.flush(on: cr)
        return cr
    }

    /// The Cairo context, leaving gathered text where it is.
    private func textContext() throws(CanvasError) -> OpaquePointer {
        guard isOpen else { throw .invalidArgument("page \(number) was drawn on after it was closed") }
        return document.context
    }

    /// Fills `rect` with `color`.
    public func fill(_ rect: Rect, with color: Color) throws(CanvasError) {
        let cr = try context()
        setColor(cr, color)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
        // Cairo leaves out what paints nothing: an empty rectangle, a transparent colour.
        if rect.width != 0, rect.height != 0, color.alpha > 0 { document.recorder?.draw(glyphs: 0, paints: 1) }
    }

    /// Strokes the outline of `rect`, centred on its edges.
    public func stroke(_ rect: Rect, color: Color = .black, width: Double = 0.5) throws(CanvasError) {
        let cr = try context()
        setColor(cr, color)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
        if width > 0, rect.width != 0 || rect.height != 0, color.alpha > 0 {
            document.recorder?.draw(glyphs: 0, paints: 1)
        }
    }

    /// Draws a straight line; `dash` gives on/off lengths in points for a dashed line.
    public func line(
        from start: Point,
        to end: Point,
        color: Color = .black,
        width: Double = 0.5,
        dash: [Double] = []
    ) throws(CanvasError) {
        let cr = try context()
        setColor(cr, color)
        cairo_set_line_width(cr, width)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        cairo_set_dash(cr, dash, Int32(dash.count), 0)
        cairo_move_to(cr, start.x, start.y)
        cairo_line_to(cr, end.x, end.y)
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
        if width > 0, start != end, color.alpha > 0 { document.recorder?.draw(glyphs: 0, paints: 1) }
    }

    /// Draws a whole paragraph with its top-left corner at `origin`, rotated by `rotation` radians
    /// about that corner; its link runs become link annotations.
    public func draw(_ text: TextLayout, at origin: Point, rotation: Double = 0) throws(CanvasError) {
        guard rotation != 0 else {
            try show(text, at: origin)
            return try addLinks(of: text, lines: 0..<text.lineCount, at: origin)
        }
        let cr = try context()
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        cairo_rotate(cr, rotation)
        try show(text, at: Point(x: 0, y: 0), batching: false)
        cairo_restore(cr)
    }

    /// Draws all of `text` with its top-left corner at `origin`; a directly shaped line joins the
    /// batch of text shown together unless `batching` is off (under a transformation, which the
    /// batch would not keep).
    private func show(_ text: TextLayout, at origin: Point, batching: Bool = true) throws(CanvasError) {
        if let shaped = text.shaped {
            for stretch in shaped.stretches {
                let baseline = Point(x: origin.x + TextLayout.points(stretch.x), y: origin.y + text.baseline)
                if batching, let glyphs = document.glyphBatch.add(stretch, at: baseline, on: try textContext()) {
                    document.recorder?.draw(glyphs: glyphs)
                    continue
                }
                let cr = try context()
                setColor(cr, stretch.color)
                cairo_move_to(cr, baseline.x, baseline.y)
                stretch.show(on: cr)
                record(TextLayout.drawn(stretch.glyphs, underlined: false), color: stretch.color)
            }
        } else if let layout = text.layout {
            let cr = try context()
            cairo_move_to(cr, origin.x, origin.y)
            pango_cairo_show_layout(cr, layout)
            record(TextLayout.drawn(layout, lines: 0..<text.lineCount), color: .black)
        }
    }

    /// Draws only `lines` of a paragraph, the first of them with its top at `origin.y`.
    ///
    /// This is how a paragraph is split across pages: lines `0..<k` on one page, `k..<n` on the next.
    public func draw(_ text: TextLayout, lines: Range<Int>, at origin: Point) throws(CanvasError) {
        let range = lines.clamped(to: 0..<text.lineCount)
        guard let first = range.first else { return }
        let top = text.lines[first].top
        guard let layout = text.layout else {
            return try show(text, at: Point(x: origin.x, y: origin.y - top))
        }
        let cr = try context()
        for index in range {
            guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
            let metrics = text.lines[index]
            cairo_move_to(cr, origin.x + metrics.originX, origin.y + metrics.baseline - top)
            pango_cairo_show_layout_line(cr, line)
        }
        record(TextLayout.drawn(layout, lines: range), color: .black)
        try addLinks(of: text, lines: range, at: Point(x: origin.x, y: origin.y - top))
    }

    /// Draws `image` scaled to fill `rect` exactly; use ``Image/fitted(in:)`` to keep its proportions.
    public func draw(_ image: Image, in rect: Rect) throws(CanvasError) {
        let cr = try context()
        guard image.pixelWidth > 0, image.pixelHeight > 0, rect.width > 0, rect.height > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / Double(image.pixelWidth), rect.height / Double(image.pixelHeight))
        cairo_set_source_surface(cr, image.surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        // Filled rather than painted: Cairo 1.16 fails with a tag error on an unbounded paint
        // inside a structure element (the image's Figure).
        cairo_rectangle(cr, 0, 0, Double(image.pixelWidth), Double(image.pixelHeight))
        cairo_fill(cr)
        cairo_restore(cr)
        try CanvasError.check(cairo_status(cr), "draw an image")
        document.recorder?.draw(glyphs: 0, paints: 1)
    }

    /// Makes `area` a link to `url`: clicking it in a PDF reader opens the address.
    ///
    /// Cairo 1.16 writes no annotations on a page where nothing is drawn, so give a link
    /// something visible (its text) on the same page.
    ///
    /// In a tagged document the link is a `Link` element in the innermost open element that is
    /// not a table, row or list, holding the annotation, which is written after Cairo. With Cairo's
    /// own tags (``StructureWriting/byCairo``), inside a structure element that holds text, the link
    /// is added when that element closes, beside it: Cairo 1.16 makes a link a child element, and
    /// an element with a child loses its own text from the structure tree.
    public func link(to url: String, area: Rect) throws(CanvasError) {
        guard isOpen else { throw .invalidArgument("page \(number) was drawn on after it was closed") }
        if let recorder = document.recorder { return recorder.link(to: url, area: area) }
        if document.openTags.last?.holdsText == true {
            if document.pendingLinks.isEmpty { document.linkDepth = document.openTags.count }
            document.pendingLinks.append((url, area))
            return
        }
        try addLink(to: url, area: area)
    }

    /// Adds the links held back while a text element was open.
    func addPendingLinks() throws(CanvasError) {
        let links = document.pendingLinks
        document.pendingLinks = []
        for (url, area) in links { try addLink(to: url, area: area) }
    }

    private func addLink(to url: String, area: Rect) throws(CanvasError) {
        let cr = try context()
        let rect = [area.x, area.y, area.width, area.height].map(PDFDocument.number).joined(separator: " ")
        let attributes = "uri='\(Self.quoted(url))' rect=[\(rect)]"
        cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
        cairo_tag_end(cr, CAIRO_TAG_LINK)
        try CanvasError.check(cairo_status(cr), "add a link to \(url)")
    }

    /// Marks what `body` draws as one structure element (paragraph, heading, table cell…) of a
    /// tagged PDF, so screen readers and text extraction follow the document's structure.
    public func tagged<Result>(_ tag: StructureTag, _ body: () throws -> Result) throws -> Result {
        try beginTag(tag)
        let result = try body()
        try endTag(tag)
        return result
    }

    /// Opens a structure element (paragraph, heading, table cell…) of a tagged PDF.
    ///
    /// What is drawn until the matching ``endTag(_:)`` belongs to it. Elements nest, and may stay
    /// open across pages.
    ///
    /// Cairo 1.16 marks content only in innermost elements: text drawn while only a grouping
    /// element (a table, a row) is open is left out of the structure, which is how repeated header
    /// rows and decorations stay out of what a screen reader reads.
    ///
    /// - Parameters:
    ///   - tag: The kind of element.
    ///   - alternativeText: What a figure shows, read instead of it (the `alt` of an image).
    /// - Throws: ``CanvasError`` when Cairo refuses the element (a wrong nesting).
    public func beginTag(_ tag: StructureTag, alternativeText: String? = nil) throws(CanvasError) {
        if let recorder = document.recorder {
            guard isOpen else { throw .invalidArgument("page \(number) was drawn on after it was closed") }
            recorder.begin(tag, alternativeText: alternativeText)
            document.hasStructure = true
            return
        }
        let cr = try context()  // text gathered before the element is shown outside it
        cairo_tag_begin(cr, tag.rawValue, "")
        try CanvasError.check(cairo_status(cr), "open a \(tag.rawValue) element")
        document.openTags.append(tag)
        document.hasStructure = true
        if tag == .figure { document.figureTexts.append(alternativeText ?? "") }
    }

    /// Closes the structure element opened last by ``beginTag(_:)``, which must be `tag`.
    public func endTag(_ tag: StructureTag) throws(CanvasError) {
        if let recorder = document.recorder {
            guard isOpen else { throw .invalidArgument("page \(number) was drawn on after it was closed") }
            return recorder.end(tag)
        }
        let cr = try context()  // text gathered inside the element is shown before it closes
        cairo_tag_end(cr, tag.rawValue)
        try CanvasError.check(cairo_status(cr), "close a \(tag.rawValue) element")
        if let index = document.openTags.lastIndex(of: tag) { document.openTags.remove(at: index) }
        // Beside the element that held them, unless that is in a table row or list, which hold
        // only cells and items: then further out.
        if !document.pendingLinks.isEmpty, document.openTags.count < document.linkDepth,
            document.openTags.last?.holdsOnlyElements != true
        {
            try addPendingLinks()
        }
    }

    private func addLinks(of text: TextLayout, lines: Range<Int>, at origin: Point) throws(CanvasError) {
        for area in text.linkAreas where lines.contains(area.line) {
            let rect = Rect(
                x: origin.x + area.rect.x,
                y: origin.y + area.rect.y,
                width: area.rect.width,
                height: area.rect.height
            )
            try link(to: area.url, area: rect)
        }
    }

    /// Counts what Pango drew for the structure (``StructureRecorder``).
    ///
    /// `nil` counts (a glyph drawn as a box) make the page untraceable. Text in a transparent
    /// colour draws nothing.
    private func record(_ counts: (glyphs: Int, paints: Int)?, color: Color) {
        guard let recorder = document.recorder else { return }
        guard let counts else { return recorder.cannotTrace("page \(number) has a glyph Pango draws as a box") }
        if color.alpha > 0 { recorder.draw(glyphs: counts.glyphs, paints: counts.paints) }
    }

    private func setColor(_ cr: OpaquePointer, _ color: Color) { color.setSource(of: cr) }

    /// Escapes a string for a single-quoted Cairo tag attribute.
    static func quoted(_ value: String) -> String {
        value.replacingASCII { byte in
            switch byte {
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: "'"): "\\'"
            default: nil
            }
        }
    }
}

/// Structure elements of a tagged PDF that Cairo 1.16 can write.
public enum StructureTag: String, Sendable, Hashable, CaseIterable {
    /// The whole document.
    case document = "Document"
    /// A section.
    case section = "Sect"
    /// A generic block.
    case division = "Div"
    /// A paragraph.
    case paragraph = "P"
    /// Headings, level 1 to 3.
    case heading1 = "H1"
    /// A level 2 heading.
    case heading2 = "H2"
    /// A level 3 heading.
    case heading3 = "H3"
    /// A list.
    case list = "L"
    /// An item of a list.
    case listItem = "LI"
    /// A table.
    case table = "Table"
    /// A table's header rows.
    case tableHead = "THead"
    /// A table's body rows.
    case tableBody = "TBody"
    /// A table's footer rows.
    case tableFoot = "TFoot"
    /// A table row.
    case tableRow = "TR"
    /// A header cell.
    case tableHeaderCell = "TH"
    /// A data cell.
    case tableCell = "TD"
    /// An image or drawing.
    case figure = "Figure"
    /// An inline span.
    case span = "Span"

    /// Whether the element may hold only elements of particular kinds (rows, cells, list items).
    var holdsOnlyElements: Bool {
        [.list, .table, .tableHead, .tableBody, .tableFoot, .tableRow].contains(self)
    }

    /// Whether the element's own content is text a reader reads (rather than only child elements).
    public var holdsText: Bool {
        switch self {
        case .paragraph, .heading1, .heading2, .heading3, .listItem, .tableHeaderCell, .tableCell, .figure, .span:
            return true
        case .document, .section, .division, .list, .table, .tableHead, .tableBody, .tableFoot, .tableRow:
            return false
        }
    }
}
