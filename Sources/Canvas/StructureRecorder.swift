/// The structure tree of a document as its pages are drawn, and what each page draws for which
/// element, so that the tree and its marked content are written after Cairo (``StructureMarking``)
/// instead of by Cairo's own tags, which cost a long statement more than half its drawing time.
///
/// Each drawing call is counted where it is made: how many glyphs it shows and how many painting
/// operators (fills, strokes, images) Cairo will write for it, for the innermost open element that
/// holds text, or as an artifact when only grouping elements (a table, a row) or none are open.
/// Cairo writes a page's contents in the order they were drawn, so the counts find each element's
/// part of the contents again.
final class StructureRecorder {
    /// An element of the structure tree.
    struct Element {
        /// Its kind; `nil` for a link (a `Link` element around its annotation).
        var tag: StructureTag?
        /// The element it is in; -1 for the root.
        var parent: Int
        /// Its first and last kid in ``StructureRecorder/kids``; -1 while it has none (``kids(of:)`` reads them).
        var firstKid = -1
        var lastKid = -1
        /// A figure's alternative text.
        var alternativeText: String?
    }

    /// What an element holds.
    enum Kid {
        /// Another element, by index.
        case element(Int)
        /// What a segment of page `page`'s contents draws (``Segment``), by index.
        case content(page: Int, segment: Int)
        /// Link annotation `index` of page `page`.
        case link(page: Int, index: Int)
    }

    /// A stretch of a page's contents drawn for one owner: glyphs shown and painting operators.
    struct Segment {
        /// The element whose content it is; -1 for an artifact.
        var owner: Int
        var glyphs: Int
        var paints: Int
    }

    /// A link annotation to write on a page.
    struct Link {
        var url: String
        var area: Rect
        /// The Link element that stands for it in the tree.
        var element: Int
    }

    private(set) var elements: [Element] = []
    /// Every element's children and content, each element's linked in reading order from its ``Element/firstKid``
    /// through `next` (-1 after the last): one array for all of them, where an array per element was some three
    /// thousand small blocks for a long statement, alive until the file was finished (`docs/performance.md`, heap32).
    private(set) var kids: [(kid: Kid, next: Int)] = []
    /// The open elements, innermost last.
    private(set) var open: [Int] = []
    /// Each page's segments, in drawing order.
    private(set) var segments: [[Segment]] = []
    /// Each page's link annotations, in drawing order.
    private(set) var links: [[Link]] = []
    /// Why a page's contents cannot be told apart by counting (a glyph Pango draws as a box); `nil` while they can.
    private(set) var untraceable: String?

    /// Each page's height, to turn link areas into PDF coordinates.
    private(set) var pageHeights: [Double] = []

    /// Starts the records of a new page.
    func beginPage(height: Double) {
        segments.append([])
        links.append([])
        pageHeights.append(height)
    }

    /// Opens an element inside the innermost open one.
    func begin(_ tag: StructureTag, alternativeText: String?) {
        let index = elements.count
        let parent = open.last ?? -1
        elements.append(Element(tag: tag, parent: parent, alternativeText: alternativeText))
        if parent >= 0 { append(.element(index), to: parent) }
        open.append(index)
    }

    /// The children and content of element `index`, in reading order.
    func kids(of index: Int) -> some Sequence<Kid> {
        sequence(state: elements[index].firstKid) { next in
            guard next >= 0 else { return nil }
            defer { next = self.kids[next].next }
            return self.kids[next].kid
        }
    }

    /// Adds `kid` after the last kid of element `index`.
    private func append(_ kid: Kid, to index: Int) {
        let position = kids.count
        kids.append((kid, -1))
        let last = elements[index].lastKid
        if last >= 0 { kids[last].next = position } else { elements[index].firstKid = position }
        elements[index].lastKid = position
    }

    /// Closes the innermost open element of kind `tag`.
    func end(_ tag: StructureTag) {
        if let position = open.lastIndex(where: { elements[$0].tag == tag }) { open.remove(at: position) }
    }

    /// The element that owns what is drawn now: the innermost open one if it holds text, else none (-1, an artifact).
    var owner: Int {
        guard let last = open.last, elements[last].tag?.holdsText == true else { return -1 }
        return last
    }

    /// Counts `glyphs` glyphs and `paints` painting operators drawn now for ``owner``.
    func draw(glyphs: Int, paints: Int = 0) {
        guard glyphs > 0 || paints > 0, !segments.isEmpty else { return }
        let owner = owner
        let page = segments.count - 1
        if let last = segments[page].last, last.owner == owner {
            segments[page][segments[page].count - 1].glyphs += glyphs
            segments[page][segments[page].count - 1].paints += paints
            return
        }
        segments[page].append(Segment(owner: owner, glyphs: glyphs, paints: paints))
        if owner >= 0 { append(.content(page: page, segment: segments[page].count - 1), to: owner) }
    }

    /// Adds a link to `url` over `area` of the current page: a Link element in the innermost open
    /// element that may hold one (not a table, row or list, which hold only their parts).
    func link(to url: String, area: Rect) {
        guard !links.isEmpty else { return }
        let parent = open.last(where: { elements[$0].tag?.holdsOnlyElements == false }) ?? open.first ?? -1
        let index = elements.count
        elements.append(Element(tag: nil, parent: parent))
        if parent >= 0 { append(.element(index), to: parent) }
        let page = links.count - 1
        append(.link(page: page, index: links[page].count), to: index)
        links[page].append(Link(url: url, area: area, element: index))
    }

    /// Lets go of the records once finishing has written what they say, before it writes the file: they were alive
    /// beside the finished file, a long statement's largest blocks at the heap's peak (`docs/performance.md`, heap32).
    func forget() {
        elements = []
        kids = []
        open = []
        segments = []
        links = []
        pageHeights = []
    }

    /// Notes that what is drawn now cannot be found in the contents by counting.
    func cannotTrace(_ reason: String) {
        if untraceable == nil { untraceable = reason }
    }
}
