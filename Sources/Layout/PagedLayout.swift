import Canvas

/// A laid-out document whose pages are made one at a time, as they are drawn.
///
/// ``LayoutEngine/layoutPages(_:)`` decides where everything goes (so the page count is known, for
/// "Pagina 3 di 7"); each page's drawing operations are made by ``nextPage()``, and what was placed
/// on it is let go then. ``PDFRenderer`` draws it page by page, so the drawing operations of all
/// pages are never alive together (``DisplayList`` holds them all: for golden tests and for
/// drawing a document twice). The pages it makes are the pages of ``LayoutEngine/layout(_:)``, item
/// for item.
///
/// Make its pages before the engine lays out another document: the margin boxes are set with the
/// engine's fonts and shaped-text cache as their pages are made.
public final class PagedLayout {
    /// The size of every page.
    public let pageSize: PageSize
    /// The number of pages.
    public let pageCount: Int
    /// The document's language (the `lang` of `<html>`), empty when it has none.
    public let language: String
    /// Bookmarks for the headings of the pages made so far.
    public private(set) var outline: [OutlineItem] = []
    /// What prints, but not as written (characters no installed font has); those of the margin boxes
    /// are known once their pages are made.
    public private(set) var warnings: [LayoutWarning]
    /// How many pages ``nextPage()`` has made.
    public private(set) var pagesMade = 0

    private let engine: LayoutEngine
    private var paginator: Paginator
    private let margins: MarginBoxes
    private var onEveryPage: [DisplayItem] = []

    init(
        engine: LayoutEngine,
        paginator: Paginator,
        margins: MarginBoxes,
        pageSize: PageSize,
        language: String,
        warnings: [LayoutWarning]
    ) {
        self.engine = engine
        self.paginator = paginator
        self.margins = margins
        self.pageSize = pageSize
        self.pageCount = paginator.pageCount
        self.language = language
        self.warnings = warnings
    }

    /// Draws `item` last on every page (a watermark); before the first page is made.
    public func addToEveryPage(_ item: DisplayItem) {
        precondition(pagesMade == 0, "an item for every page is added before the first page is made")
        onEveryPage.append(item)
    }

    /// The drawing operations of the next page, `nil` after the last.
    ///
    /// - Throws: ``LayoutError`` when a margin box's text cannot be set.
    public func nextPage() throws(LayoutError) -> [DisplayItem]? {
        guard var page = paginator.makePage(outline: &outline) else { return nil }
        pagesMade += 1
        page += try engine.marginItems(margins, page: pagesMade, of: pageCount)
        page += onEveryPage
        for warning in engine.warnings where !warnings.contains(warning) { warnings.append(warning) }
        return page
    }

    /// Every page left, as a ``DisplayList``.
    func displayList() throws(LayoutError) -> DisplayList {
        var list = DisplayList(pageSize: pageSize, pages: [], outline: [])
        list.pages.reserveCapacity(pageCount - pagesMade)
        while let page = try nextPage() { list.pages.append(page) }
        list.outline = outline
        list.warnings = warnings
        list.language = language
        return list
    }
}
