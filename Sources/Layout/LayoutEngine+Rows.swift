import Canvas
import Foundation
import Markup

extension LayoutEngine {
    /// One table row as one flow item: cell backgrounds, content and borders; never split.
    func rowItem(
        _ row: StyledElement,
        offsets: [Double],
        x: Double,
        role: RowInfo.Role,
        table: Int,
        carry: CarrySpecification?,
        blocks: [Int]
    ) throws(LayoutError) -> FlowItem {
        let tableWidth = offsets.last ?? 0
        let rowCells = cells(of: row)
        var placed: [(cell: StyledElement, x: Double, width: Double, items: [FlowItem], height: Double)] = []
        placed.reserveCapacity(rowCells.count)
        var values: [Int: Int64] = [:]
        var column = 0
        for cell in rowCells {
            let span = colspan(cell)
            let first = min(column, offsets.count - 1)
            let last = min(column + span, offsets.count - 1)
            let cellX = x + offsets[first]
            let cellWidth = offsets[last] - offsets[first]
            if let carry, role == .body, span == 1, carry.columns.contains(where: { $0.column == column }),
                let raw = cell.element.attributes["data-value"]
            {
                guard let value = Int64(raw) else {
                    throw LayoutError(
                        location: cell.element.location,
                        message: "data-value '\(raw)' must be a whole number (minor units)"
                    )
                }
                values[column] = value
            }
            column += span
            let style = cell.style
            let padding = (
                top: style.padding.top.resolve(against: tableWidth) ?? 0,
                right: style.padding.right.resolve(against: tableWidth) ?? 0,
                bottom: style.padding.bottom.resolve(against: tableWidth) ?? 0,
                left: style.padding.left.resolve(against: tableWidth) ?? 0
            )
            let innerX = cellX + visible(style.border.left) + padding.left
            let innerWidth = max(
                0,
                cellWidth - visible(style.border.left) - visible(style.border.right) - padding.left - padding.right
            )
            var content: [FlowItem] = []
            try buildChildren(cell, x: innerX, width: innerWidth, blocks: [], into: &content)
            let contentHeight = Self.stackedHeight(content)
            var height =
                contentHeight + padding.top + padding.bottom + visible(style.border.top) + visible(style.border.bottom)
            if let specified = style.height.resolve(against: tableWidth) { height = max(height, specified) }
            placed.append((cell, cellX, cellWidth, content, height))
        }
        var rowHeight = placed.map(\.height).max() ?? 0
        if let specified = row.style.height.resolve(against: tableWidth) { rowHeight = max(rowHeight, specified) }
        // Gathered in the engine's buffer, then copied out at their exact size: every row of a table stays alive
        // until its page is made, and an array grown by appending has up to twice the room it uses.
        var draws = rowDraws
        rowDraws = []
        if let background = row.style.backgroundColor {
            draws.append(.fill(Rect(x: x, y: 0, width: tableWidth, height: rowHeight), Color(background)))
        }
        // Neighbouring cells of one colour (a zebra row) are filled as one rectangle: the same
        // picture with a sixth of the drawing operations.
        var fill: (x: Double, width: Double, color: CSSColor)?
        for cell in placed {
            guard let color = cell.cell.style.backgroundColor else { continue }
            if let run = fill, run.color == color, abs(run.x + run.width - cell.x) < 0.001 {
                fill?.width += cell.width
                continue
            }
            if let run = fill {
                draws.append(.fill(Rect(x: run.x, y: 0, width: run.width, height: rowHeight), Color(run.color)))
            }
            fill = (cell.x, cell.width, color)
        }
        if let run = fill {
            draws.append(.fill(Rect(x: run.x, y: 0, width: run.width, height: rowHeight), Color(run.color)))
        }
        draws.append(.beginTag(.tableRow))
        for cell in placed {
            let isHeader = cell.cell.element.name == "th" || role == .header
            cellDraws(
                cell.cell.style,
                tag: isHeader ? .tableHeaderCell : .tableCell,
                x: cell.x,
                width: cell.width,
                height: rowHeight,
                content: cell.items,
                contentHeight: cell.height,
                tableWidth: tableWidth,
                into: &draws
            )
        }
        draws.append(.endTag(.tableRow))
        let exact = [DisplayItem](unsafeUninitializedCapacity: draws.count) { buffer, count in
            draws.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
                to.initialize(from: from, count: source.count)
                count = source.count
            }
        }
        draws.removeAll(keepingCapacity: true)
        rowDraws = draws
        return FlowItem(
            kind: .content,
            height: rowHeight,
            draws: exact,
            blocks: blocks,
            row: RowInfo(table: table, role: role, values: values, location: row.element.location),
            // A heading in a cell (the document's title beside the logo) is bookmarked too.
            outline: placed.lazy.flatMap(\.items).compactMap(\.outline).first
        )
    }

    /// Heights of stacked items; margins at the start and end do not count.
    static func stackedHeight(_ items: [FlowItem]) -> Double {
        guard let first = items.firstIndex(where: { $0.kind == .content }),
            let last = items.lastIndex(where: { $0.kind == .content })
        else { return 0 }
        return items[first...last].filter { $0.kind != .forcedBreak }.reduce(0) { $0 + $1.height }
    }

    private func cellDraws(
        _ style: ComputedStyle,
        tag: StructureTag,
        x: Double,
        width: Double,
        height: Double,
        content: [FlowItem],
        contentHeight: Double,
        tableWidth: Double,
        into draws: inout [DisplayItem]
    ) {
        let top = visible(style.border.top) + (style.padding.top.resolve(against: tableWidth) ?? 0)
        let slack = max(0, height - contentHeight)
        var y = top
        switch style.verticalAlign {
        case .top, .baseline: break
        case .middle: y += slack / 2
        case .bottom: y += slack
        }
        if let first = content.firstIndex(where: { $0.kind == .content }),
            let last = content.lastIndex(where: { $0.kind == .content })
        {
            var placed: [(item: FlowItem, y: Double)] = []
            for item in content[first...last] where item.kind != .forcedBreak {
                placed.append((item, y))
                y += item.height
            }
            // Blocks inside the cell (a bordered paragraph, a stamp) draw their own background and
            // border under their content, as blocks on the page do.
            if placed.contains(where: { !$0.item.blocks.isEmpty }) {
                draws += DisplayItem.decorations(of: placed, decorations)
            }
            draws.append(.beginTag(tag))
            for (item, top) in placed {
                for draw in item.draws { draws.append(draw.shifted(by: top)) }
            }
            draws.append(.endTag(tag))
        } else {
            draws += [.beginTag(tag), .endTag(tag)]  // an empty cell still holds its column's place
        }
        draws += DisplayItem.borderLines(style.border, rect: Rect(x: x, y: 0, width: width, height: height))
    }

    /// A "carried forward" / "brought forward" row in the style of `model`, bold, with a rule above.
    func carryRow(
        model: StyledElement,
        label: String,
        values: [Int: Int64],
        carry: CarrySpecification,
        offsets: [Double],
        x: Double,
        table: Int,
        blocks: [Int]
    ) throws(LayoutError) -> FlowItem {
        let modelCells = cells(of: model)
        guard let firstModel = modelCells.first else {
            throw LayoutError(location: model.element.location, message: "a carried table needs cells")
        }
        let firstCarried = carry.columns.map(\.column).min() ?? 1
        var children: [StyledNode] = []
        func cell(_ text: String, model: StyledElement, colspan: Int, alignRight: Bool) -> StyledNode {
            var style = model.style
            style.fontWeight = 700
            style.backgroundColor = nil
            if alignRight { style.textAlign = .right }
            var element = model.element
            element.attributes = colspan > 1 ? ["colspan": String(colspan)] : [:]
            return .element(StyledElement(element: element, style: style, children: [.text(text)]))
        }
        children.append(cell(label, model: firstModel, colspan: max(1, firstCarried), alignRight: false))
        var column = max(1, firstCarried)
        let columnCount = offsets.count - 1
        while column < columnCount {
            let model = column < modelCells.count ? modelCells[column] : firstModel
            let text = carry.columns.contains { $0.column == column } ? carry.format.format(values[column] ?? 0) : ""
            children.append(cell(text, model: model, colspan: 1, alignRight: true))
            column += 1
        }
        var style = model.style
        style.backgroundColor = nil
        let row = StyledElement(element: model.element, style: style, children: children)
        var item = try rowItem(row, offsets: offsets, x: x, role: .footer, table: table, carry: nil, blocks: blocks)
        let rule = BorderSide(width: 0.5, style: .solid, color: CSSColor(red: 0.4, green: 0.4, blue: 0.4))
        item.draws += DisplayItem.borderLines(
            Edges(top: rule, right: .none, bottom: .none, left: .none),
            rect: Rect(x: x, y: 0, width: offsets.last ?? 0, height: item.height)
        )
        item.row = nil
        return item
    }
}
