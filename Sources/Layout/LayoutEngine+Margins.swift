import Canvas
import Markup

/// The margin boxes of a document (`@page` rules with page counters), styled once and filled page
/// by page once the page count is known.
struct MarginBoxes {
    /// The boxes in the order they are drawn, with their text's style.
    var boxes: [(position: MarginBoxPosition, box: MarginBox, text: TextStyle, paragraph: ParagraphStyle)] = []
    var frame: Rect
    var margin: Edges<Double>
    var pageHeight: Double
}

extension LayoutEngine {
    /// The margin boxes of `page`, styled.
    func marginBoxes(
        _ page: PageRule,
        body: ComputedStyle,
        frame: Rect,
        margin: Edges<Double>,
        pageHeight: Double
    ) throws(LayoutError) -> MarginBoxes {
        var result = MarginBoxes(frame: frame, margin: margin, pageHeight: pageHeight)
        for (position, box) in page.marginBoxes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var style = body.inherited
            style.fontSize = 8  // as the HTML writer's @page rule, so browsers print the same
            style = style.applying(box.declarations)
            if !box.declarations.contains(where: { $0.property == "text-align" }) {
                switch position {
                case .topLeft, .bottomLeft: style.textAlign = .left
                case .topCenter, .bottomCenter: style.textAlign = .center
                case .topRight, .bottomRight: style.textAlign = .right
                }
            }
            let paragraph = try paragraphStyle(style, width: frame.width)
            result.boxes.append((position, box, textStyle(style), paragraph))
        }
        return result
    }

    /// What the margin boxes draw on page `number` of `total`.
    func marginItems(_ margins: MarginBoxes, page number: Int, of total: Int) throws(LayoutError) -> [DisplayItem] {
        var items: [DisplayItem] = []
        for (position, box, style, paragraph) in margins.boxes {
            let content = box.text(page: number, of: total)
            guard !content.isEmpty else { continue }
            let layout = try text([TextRun(content, style: style)], paragraph, at: nil)
            let areaTop = position.isTop ? 0 : margins.pageHeight - margins.margin.bottom
            let areaHeight = position.isTop ? margins.margin.top : margins.margin.bottom
            let origin = Point(x: margins.frame.x, y: areaTop + (areaHeight - layout.height) / 2)
            items.append(.text(layout, lines: nil, origin: origin))
        }
        return items
    }
}
