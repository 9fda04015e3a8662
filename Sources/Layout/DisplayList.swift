import Canvas
import Foundation

/// One drawing operation at its place on a page, in points from the top-left corner.
public enum DisplayItem {
    /// A filled rectangle.
    case fill(Rect, Color)
    /// A straight line.
    case line(from: Point, to: Point, width: Double, color: Color, dash: [Double])
    /// Lines of a paragraph, the first with its top at `origin`; all lines when `lines` is `nil`.
    case text(TextLayout, lines: Range<Int>?, origin: Point)
    /// An image scaled into a rectangle.
    case image(Image, Rect)
    /// A paragraph rotated by `angle` radians about its centre, placed at `center` (watermarks).
    case rotatedText(TextLayout, center: Point, angle: Double)
    /// Opens a structure element of the tagged PDF: what is drawn until the matching
    /// ``endTag(_:)`` is its content.
    case beginTag(StructureTag)
    /// Closes the structure element opened last.
    case endTag(StructureTag)
    /// What the figure opened next shows, read instead of it (an image's `alt`).
    case alternativeText(String)

    /// Whether this opens, closes or describes a structure element rather than drawing.
    var isTag: Bool {
        switch self {
        case .beginTag, .endTag, .alternativeText: return true
        default: return false
        }
    }

    /// The same item moved down by `dy` points.
    func shifted(by dy: Double) -> DisplayItem {
        switch self {
        case .fill(let rect, let color):
            return .fill(Rect(x: rect.x, y: rect.y + dy, width: rect.width, height: rect.height), color)
        case .line(let from, let to, let width, let color, let dash):
            return .line(
                from: Point(x: from.x, y: from.y + dy),
                to: Point(x: to.x, y: to.y + dy),
                width: width,
                color: color,
                dash: dash
            )
        case .text(let layout, let lines, let origin):
            return .text(layout, lines: lines, origin: Point(x: origin.x, y: origin.y + dy))
        case .image(let image, let rect):
            return .image(image, Rect(x: rect.x, y: rect.y + dy, width: rect.width, height: rect.height))
        case .rotatedText(let layout, let center, let angle):
            return .rotatedText(layout, center: Point(x: center.x, y: center.y + dy), angle: angle)
        case .beginTag, .endTag, .alternativeText: return self
        }
    }
}

/// A bookmark of the PDF outline, from `h1`–`h3`.
public struct OutlineItem: Hashable, Sendable {
    /// The heading's text.
    public var title: String
    /// 1, 2 or 3.
    public var level: Int
    /// 1-based page number.
    public var page: Int
    /// Position on the page.
    public var y: Double
}

/// A laid-out document: pages of positioned drawing operations, ready to draw with Canvas.
///
/// Layout runs to completion before anything is drawn, so page counts ("Pagina 3 di 7") are known
/// when margin boxes are filled. ``dump()`` prints the list as text for golden tests. A list holds the
/// drawing operations of every page at once; to print, ``PagedLayout`` makes the same pages one at a
/// time as they are drawn.
public struct DisplayList {
    /// The size of every page.
    public var pageSize: PageSize
    /// The pages, in order.
    public var pages: [[DisplayItem]]
    /// Bookmarks for headings.
    public var outline: [OutlineItem]
    /// What prints, but not as written (characters no installed font has).
    public var warnings: [LayoutWarning] = []
    /// The document's language (the `lang` of `<html>`), empty when it has none.
    public var language = ""

    /// The number of pages.
    public var pageCount: Int { pages.count }

    /// The text of a page: every line drawn on it, top to bottom as drawn.
    public func text(onPage number: Int) -> [String] {
        guard pages.indices.contains(number - 1) else { return [] }
        return pages[number - 1].flatMap { item -> [String] in
            switch item {
            case .text(let layout, let lines, _): return layout.lines[lines ?? 0..<layout.lineCount].map(\.text)
            case .rotatedText(let layout, _, _): return layout.lines.map(\.text)
            default: return []
            }
        }
    }
}

extension DisplayList {
    /// A stable text form of the list, one operation per line, for golden files.
    public func dump() -> String {
        var output = ""
        for (index, page) in pages.enumerated() {
            output +=
                "page \(index + 1) of \(pages.count) [\(Self.number(pageSize.width)) x \(Self.number(pageSize.height))]\n"
            // Structure tags are not drawings: golden files show what is drawn, where.
            for item in page where !item.isTag { output += "  " + Self.describe(item) + "\n" }
        }
        for item in outline {
            output += "outline \(item.level) \"\(item.title)\" page \(item.page) y \(Self.number(item.y))\n"
        }
        return output
    }

    static func describe(_ item: DisplayItem) -> String {
        switch item {
        case .fill(let rect, let color):
            return "fill \(point(rect.x, rect.y)) \(number(rect.width))x\(number(rect.height)) \(hex(color))"
        case .line(let from, let to, let width, let color, let dash):
            let dashed = dash.isEmpty ? "" : " dash"
            return "line \(point(from.x, from.y)) -> \(point(to.x, to.y)) \(number(width)) \(hex(color))\(dashed)"
        case .text(let layout, let lines, let origin):
            let range = lines ?? 0..<layout.lineCount
            let top = layout.lines.indices.contains(range.lowerBound) ? layout.lines[range.lowerBound].top : 0
            let style = layout.runs.first?.style ?? TextStyle()
            let face =
                "\(style.family) \(number(style.size))\(style.weight >= .bold ? " bold" : "")\(style.italic ? " italic" : "")"
            return layout.lines[range].map { line in
                "text \(point(origin.x + line.x, origin.y + line.baseline - top)) \"\(line.text)\" [\(face)]"
            }.joined(separator: "\n  ")
        case .image(let image, let rect):
            return
                "image \(point(rect.x, rect.y)) \(number(rect.width))x\(number(rect.height)) (\(image.pixelWidth)x\(image.pixelHeight) px)"
        case .rotatedText(let layout, let center, let angle):
            return "rotated \(point(center.x, center.y)) \(number(angle)) \"\(layout.lines.map(\.text).joined())\""
        case .beginTag(let tag): return "begin \(tag.rawValue)"
        case .endTag(let tag): return "end \(tag.rawValue)"
        case .alternativeText(let text): return "alt \"\(text)\""
        }
    }

    static func number(_ value: Double) -> String {
        String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    static func point(_ x: Double, _ y: Double) -> String { "\(number(x)),\(number(y))" }

    static func hex(_ color: Color) -> String {
        func byte(_ value: Double) -> String {
            let text = String(Int((value * 255).rounded()), radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + byte(color.red) + byte(color.green) + byte(color.blue)
            + (color.alpha < 1 ? " alpha \(number(color.alpha))" : "")
    }
}
