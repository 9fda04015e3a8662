internal import CPangoCairo
import Foundation

/// A PDF being drawn page by page with Cairo, held in memory until it is finished.
///
/// ```swift
/// let fonts = try FontLibrary.locate()
/// let pdf = try PDFDocument(metadata: PDFMetadata(title: "Fattura 2026/0001", creationDate: issueDate))
/// try pdf.addPage { page in
///     try page.draw(TextLayout("FATTURA", style: TextStyle(size: 20, weight: .bold), fonts: fonts),
///                   at: Point(x: 51, y: 51))
/// }
/// try pdf.write(to: URL(fileURLWithPath: "out/fattura.pdf"))
/// ```
///
/// The same metadata and the same drawing give byte-identical files: the creation date comes
/// from the metadata, objects are written in drawing order and font subsets are named by their
/// glyphs. A document is not `Sendable`; make one per task.
public final class PDFDocument {
    /// The size of pages added without a size of their own.
    public let defaultPageSize: PageSize
    /// The information written into the file.
    public let metadata: PDFMetadata
    /// How many pages have been added.
    public private(set) var pageCount = 0

    private let sink: ByteSink
    private let surface: OpaquePointer
    let context: OpaquePointer
    /// Text gathered to be shown together (``GlyphBatch``); shown before anything else is drawn.
    let glyphBatch = GlyphBatch()
    /// The structure elements open now, innermost last; they may stay open across pages.
    var openTags: [StructureTag] = []
    /// Links held back until the text element they are in closes (``Page/link(to:area:)``).
    var pendingLinks: [(url: String, area: Rect)] = []
    /// How many elements were open when the first pending link was held back.
    var linkDepth = 0
    /// Whether any structure element was opened: the file has a structure tree to finish.
    var hasStructure = false
    /// The alternative text of each figure element, in the order they were opened.
    var figureTexts: [String] = []
    /// The structure tree and what each page draws for it, written after Cairo; `nil` when Cairo's
    /// own tags write it (``StructureWriting/byCairo``).
    let recorder: StructureRecorder?
    /// The standard the finished file meets; set it before ``finish()``.
    public var conformance: PDFConformance = .plain
    /// Files carried inside the PDF, such as a Factur-X invoice's XML.
    ///
    /// A file with any is made PDF/A-3b, the standard that allows them. Set them before ``finish()``.
    public var attachments: [PDFAttachment] = []
    private var result: Data?

    /// Starts an empty document.
    ///
    /// - Parameters:
    ///   - metadata: Title, author, subject, keywords, creator and creation date.
    ///   - pageSize: The size of pages added without one; A4 unless said otherwise.
    ///   - structure: Who writes the structure tree of a tagged document: Ledgerprint after Cairo
    ///     (the default, and much cheaper) or Cairo's own tags.
    /// - Throws: ``CanvasError`` if Cairo cannot create the surface.
    public init(
        metadata: PDFMetadata,
        pageSize: PageSize = .a4,
        structure: StructureWriting = .afterCairo
    ) throws(CanvasError) {
        try GraphicsLibraries.load()
        try Self.validate(pageSize)
        _ = Self.cairoLeavesStreamsUncompressed  // before the first surface reads it
        let sink = ByteSink()
        ProcessTimings.mark(.drawing)
        let surface = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().append(data, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            },
            Unmanaged.passUnretained(sink).toOpaque(),
            pageSize.width,
            pageSize.height
        )
        guard let surface else { throw .cairo(operation: "create a PDF surface", status: "out of memory") }
        do {
            try CanvasError.check(cairo_surface_status(surface), "create a PDF surface")
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw .cairo(operation: "create a drawing context", status: "out of memory")
        }
        self.sink = sink
        self.surface = surface
        self.context = context
        self.defaultPageSize = pageSize
        self.metadata = metadata
        self.recorder = structure == .afterCairo ? StructureRecorder() : nil
        setMetadata(metadata)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Adds a page and lets `draw` paint it.
    ///
    /// - Parameters:
    ///   - size: The page's size; ``defaultPageSize`` when `nil`.
    ///   - label: The page label a reader shows instead of the page number (e.g. "i", "A-1").
    ///   - draw: Paints the page; the ``Page`` must not be kept after it returns.
    /// - Throws: What `draw` throws, or ``CanvasError`` when Cairo fails or the document is finished.
    public func addPage(size: PageSize? = nil, label: String? = nil, _ draw: (Page) throws -> Void) throws {
        guard result == nil else { throw CanvasError.invalidArgument("the document is already finished") }
        let size = size ?? defaultPageSize
        try Self.validate(size)
        cairo_pdf_surface_set_size(surface, size.width, size.height)
        if let label {
            cairo_pdf_surface_set_page_label(surface, label)
        }
        pageCount += 1
        recorder?.beginPage(height: size.height)
        let page = Page(document: self, number: pageCount, size: size)
        cairo_save(context)
        defer { page.close() }
        do {
            try draw(page)
        } catch {
            glyphBatch.discard()
            throw error
        }
        glyphBatch.flush(on: context)
        // A link's area is on this page: one held back in a text element that goes on to the next
        // page is added here, inside that element.
        try page.addPendingLinks()
        cairo_restore(context)
        cairo_show_page(context)
        try CanvasError.check(cairo_status(context), "draw page \(pageCount)")
    }

    /// Adds a bookmark to the document outline that opens page `page` at `y` points from its top.
    ///
    /// - Parameters:
    ///   - title: The text shown in the reader's outline panel.
    ///   - page: The 1-based page number the entry points at.
    ///   - y: The vertical position on that page, in points from the top.
    ///   - parent: The entry this one is nested under; top level when `nil`.
    /// - Returns: The new entry, to nest others under.
    @discardableResult
    public func addOutlineEntry(title: String, page: Int, y: Double = 0, parent: OutlineEntry? = nil) -> OutlineEntry {
        let destination = "page=\(max(page, 1)) pos=[0 \(Self.number(y))]"
        let id = cairo_pdf_surface_add_outline(
            surface,
            parent?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT),
            title,
            destination,
            CAIRO_PDF_OUTLINE_FLAG_OPEN
        )
        return OutlineEntry(id: id)
    }

    /// Finishes the document and returns its bytes; later calls return the same bytes.
    ///
    /// Cairo's file is then finished by ``finishing(_:)``: the structure tree, language, links and,
    /// for PDF/A, what the standard needs (``PDFConformance``) added, and every stream compressed.
    ///
    /// - Throws: ``CanvasError`` if the document has no page, Cairo reports an error, Cairo's file
    ///   cannot be read back, or a PDF/A file finds no colour profile.
    public func finish() throws(CanvasError) -> Data {
        if let result { return result }
        guard pageCount > 0 else { throw .invalidArgument("a PDF needs at least one page") }
        cairo_surface_finish(surface)
        try CanvasError.check(cairo_surface_status(surface), "finish the PDF")
        let bytes = sink.take()
        let data: Data
        do {
            data = try finishing(bytes)
        } catch {
            sink.restore(bytes)  // a later call fails the same way rather than on an empty file
            throw error
        }
        result = data
        return data
    }

    /// Finishes the document and writes it to `url` atomically: a file appears whole or not at all.
    ///
    /// - Throws: ``CanvasError/cannotWrite(path:reason:)`` when the file cannot be written.
    public func write(to url: URL) throws(CanvasError) {
        try AtomicFile.write(try finish(), to: url)
    }

    private func setMetadata(_ metadata: PDFMetadata) {
        let entries: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords),
            (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
            (CAIRO_PDF_METADATA_CREATE_DATE, metadata.cairoCreationDate),
        ]
        for (key, value) in entries where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
    }

    private static func validate(_ size: PageSize) throws(CanvasError) {
        guard size.width > 0, size.height > 0, size.width.isFinite, size.height.isFinite,
            size.width <= 14_400, size.height <= 14_400
        else {
            throw .invalidArgument(
                "page size must be between 0 and 14400 points a side, got \(size.width) × \(size.height)"
            )
        }
    }

    /// A number as Cairo's attribute parser reads it: plain decimal, three decimals, no exponent.
    ///
    /// The same text as `%.3f`, formatted by hand: `String(format:locale:)` opened an ICU number
    /// formatter, 0.36 M instructions a link and ICU paged in for every document with one.
    static func number(_ value: Double) -> String {
        let scaled = (value * 1000).rounded(.toNearestOrEven)
        guard scaled.isFinite, abs(scaled) < 1e15 else {
            return String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), value)
        }
        let thousandths = Int(scaled)
        let magnitude = thousandths.magnitude
        let fraction = String(magnitude % 1000)
        let sign = value.sign == .minus ? "-" : ""
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// Who writes the structure tree of a tagged PDF.
public enum StructureWriting: Sendable, Hashable {
    /// Ledgerprint, after Cairo has drawn the pages untagged (``PDFDocument/finish()`` throws
    /// ``CanvasError/structureNotTraced(page:)`` when a page's contents cannot be matched to it).
    case afterCairo
    /// Cairo 1.16's own tags: every element its own marked content, at about three times the cost.
    case byCairo
}

/// An entry in a document's outline (bookmarks), to nest further entries under.
public struct OutlineEntry: Sendable, Hashable {
    let id: Int32
}

/// Collects the bytes Cairo writes: some six hundred small writes for a one-page invoice.
///
/// A growing buffer of our own behind a pointer: appending to a `Data` property checked exclusive
/// access and went through `Data`'s storage each time, a fortieth of an invoice's time.
private final class ByteSink {
    private struct Buffer {
        var bytes: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int
    }

    private let buffer: UnsafeMutablePointer<Buffer>

    init() {
        let capacity = 64 * 1024
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: Buffer(bytes: .allocate(capacity: capacity), capacity: capacity))
    }

    deinit {
        buffer.pointee.bytes.deallocate()
        buffer.deinitialize(count: 1)
        buffer.deallocate()
    }

    /// Everything written so far, copied once into the array ``PDFObjectReader`` reads; the sink is empty then.
    ///
    /// Through a `Data` it was copied twice: for a statement, hundreds of kilobytes more of fresh pages
    /// to fault in. The sink lets go of its buffer at once, so that it is not alive beside the finished
    /// file (`docs/performance.md`, stream31). Cairo's writes do not go into the array directly:
    /// `Array.append(contentsOf:)` copied byte by byte, and Cairo writes tens of thousands of times for a statement.
    func take() -> [UInt8] {
        let bytes = [UInt8](UnsafeBufferPointer(start: buffer.pointee.bytes, count: buffer.pointee.count))
        buffer.pointee.bytes.deallocate()
        buffer.pointee = Buffer(bytes: .allocate(capacity: 1), capacity: 1)
        return bytes
    }

    /// Puts back what ``take()`` returned.
    func restore(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { kept in
            if let start = kept.baseAddress { append(start, count: kept.count) }
        }
    }

    func append(_ bytes: UnsafePointer<UInt8>, count: Int) {
        let needed = buffer.pointee.count + count
        if needed > buffer.pointee.capacity {
            let capacity = max(needed, buffer.pointee.capacity * 2)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.initialize(from: buffer.pointee.bytes, count: buffer.pointee.count)
            buffer.pointee.bytes.deallocate()
            buffer.pointee.bytes = grown
            buffer.pointee.capacity = capacity
        }
        (buffer.pointee.bytes + buffer.pointee.count).initialize(from: bytes, count: count)
        buffer.pointee.count = needed
    }
}
