import Canvas
import Markup

/// The structure tree of a tagged PDF, built alongside the flow: each element's first drawn item
/// opens its structure element and its last closes it, so elements nest as the markup does and
/// may run across pages.
extension LayoutEngine {
    /// Elements whose inline content is read as their own text; the inline content of any other
    /// element (a `div`, the `body`, a cell with blocks in it) is read as paragraphs of its own.
    static let textContainers: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"]

    /// The structure element `element` becomes, if any: `div`s and other wrappers add none.
    static func structureTag(of element: StyledElement) -> StructureTag? {
        if element.style.display == .table { return .table }
        switch element.element.name {
        case "h1": return .heading1
        case "h2": return .heading2
        case "h3": return .heading3
        case "p", "h4", "h5", "h6", "address", "blockquote", "pre", "caption", "figcaption": return .paragraph
        case "ul", "ol": return .list
        case "li": return .listItem
        case "img": return .figure
        default: return nil
        }
    }

    /// Makes the items from `start` on one structure element `tag`.
    ///
    /// The first content item opens it, the last closes it; nothing happens when no content was added.
    /// A figure's `alternativeText` (an image's `alt`) comes just before it opens.
    static func tag(_ items: inout [FlowItem], from start: Int, as tag: StructureTag, alternativeText: String? = nil) {
        guard start < items.count,
            let first = items[start...].firstIndex(where: { $0.kind == .content }),
            let last = items[start...].lastIndex(where: { $0.kind == .content })
        else { return }
        items[first].draws.insert(.beginTag(tag), at: 0)
        if let alternativeText { items[first].draws.insert(.alternativeText(alternativeText), at: 0) }
        items[last].draws.append(.endTag(tag))
    }
}

extension FlowItem {
    /// The item drawn again (a repeated header row, a carried-forward row, the running header):
    /// the same picture, but no structure element and no bookmark, so it is not read twice.
    var repeated: FlowItem {
        var item = self
        item.draws.removeAll { $0.isTag }
        item.outline = nil
        return item
    }
}

/// Follows the structure elements open from page to page, so that a paragraph running onto the
/// next page is closed at the end of its first page and opened again where it continues: what is
/// drawn between (margin boxes, the watermark, the next page's running header) stays out of it.
struct StructureTracker {
    private var open: [StructureTag] = []
    private var toReopen: [StructureTag] = []

    /// Notes the elements `items` open and close.
    mutating func follow(_ items: [DisplayItem]) {
        for item in items {
            switch item {
            case .beginTag(let tag): open.append(tag)
            case .endTag(let tag): if let index = open.lastIndex(of: tag) { open.remove(at: index) }
            default: continue
            }
        }
    }

    /// Closes the text elements open at the end of a page, innermost first, to reopen them on the next.
    mutating func closeTextElements() -> [DisplayItem] {
        guard let first = open.firstIndex(where: \.holdsText) else { return [] }
        toReopen = Array(open[first...])
        open.removeSubrange(first...)
        return toReopen.reversed().map { .endTag($0) }
    }

    /// Opens again the elements closed at the end of the previous page, outermost first; once.
    mutating func reopen() -> [DisplayItem] {
        defer { toReopen = [] }
        return toReopen.map { .beginTag($0) }
    }
}
