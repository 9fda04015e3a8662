import Canvas
import Markup

extension LayoutEngine {
    /// Fills the margin boxes of every page, now that the page count is known.
    func addMarginBoxes(
        _ page: PageRule,
        body: ComputedStyle,
        frame: Rect,
        margin: Edges<Double>,
        to list: inout DisplayList
    ) throws(LayoutError) {
        let total = list.pages.count
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
            for number in 1...max(total, 1) where number <= total {
                let content = box.text(page: number, of: total)
                guard !content.isEmpty else { continue }
                let layout = try text([TextRun(content, style: textStyle(style))], paragraph, at: nil)
                let areaTop = position.isTop ? 0 : list.pageSize.height - margin.bottom
                let areaHeight = position.isTop ? margin.top : margin.bottom
                let origin = Point(x: frame.x, y: areaTop + (areaHeight - layout.height) / 2)
                list.pages[number - 1].append(.text(layout, lines: nil, origin: origin))
            }
        }
    }
}
