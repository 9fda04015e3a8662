import Canvas
import Markup

extension DisplayItem {
    /// The visible sides of a border as lines centred on the box's edges.
    static func borderLines(
        _ border: Edges<BorderSide>,
        rect: Rect,
        top: Bool = true,
        bottom: Bool = true
    ) -> [DisplayItem] {
        func line(_ side: BorderSide, _ from: Point, _ to: Point) -> DisplayItem {
            let dash: [Double] =
                side.style == .dashed
                ? [3 * side.width, 2 * side.width] : side.style == .dotted ? [side.width, side.width] : []
            return .line(from: from, to: to, width: side.width, color: Color(side.color), dash: dash)
        }
        var lines: [DisplayItem] = []
        if top, border.top.isVisible {
            let y = rect.y + border.top.width / 2
            lines.append(line(border.top, Point(x: rect.x, y: y), Point(x: rect.maxX, y: y)))
        }
        if bottom, border.bottom.isVisible {
            let y = rect.maxY - border.bottom.width / 2
            lines.append(line(border.bottom, Point(x: rect.x, y: y), Point(x: rect.maxX, y: y)))
        }
        if border.left.isVisible {
            let x = rect.x + border.left.width / 2
            lines.append(line(border.left, Point(x: x, y: rect.y), Point(x: x, y: rect.maxY)))
        }
        if border.right.isVisible {
            let x = rect.maxX - border.right.width / 2
            lines.append(line(border.right, Point(x: x, y: rect.y), Point(x: x, y: rect.maxY)))
        }
        return lines
    }
}
