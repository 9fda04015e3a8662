import Canvas
import Foundation
import Markup

extension LayoutEngine {
    /// How many body rows are measured to size columns by their content.
    static let measuredRows = 100

    /// Appends a table: its header rows (repeated by the paginator on later pages), body rows
    /// (never split), footer rows, with column widths fixed, in percent, or by content.
    func buildTable(
        _ table: StyledElement,
        x: Double,
        width: Double,
        blocks: [Int],
        into items: inout [FlowItem]
    ) throws(LayoutError) {
        let (header, body, footer) = try rows(of: table)
        let all = header + body + footer
        let columnCount = all.map { cells(of: $0).reduce(0) { $0 + colspan($1) } }.max() ?? 0
        guard columnCount > 0 else { return }
        let widths = try columnWidths(
            header + body.prefix(Self.measuredRows) + footer,
            count: columnCount,
            width: width
        )
        var offsets = [0.0]
        for columnWidth in widths { offsets.append((offsets.last ?? 0) + columnWidth) }
        let id = tables.count
        let carry = try carrySpecification(table, columnCount: columnCount)
        tables.append(TableInfo(headerRows: [], carry: carry, makeCarryRow: nil))
        var headerItems: [FlowItem] = []
        for row in header {
            var item = try rowItem(row, offsets: offsets, x: x, role: .header, table: id, carry: carry, blocks: blocks)
            item.keepWithNext = true
            headerItems.append(item)
        }
        tables[id].headerRows = headerItems
        if let carry, let model = body.first {
            tables[id].makeCarryRow = {
                [unowned self] (label: String, values: [Int: Int64]) throws(LayoutError) -> FlowItem in
                try self.carryRow(
                    model: model,
                    label: label,
                    values: values,
                    carry: carry,
                    offsets: offsets,
                    x: x,
                    table: id,
                    blocks: blocks
                )
            }
        }
        items += headerItems
        for row in body {
            items.append(try rowItem(row, offsets: offsets, x: x, role: .body, table: id, carry: carry, blocks: blocks))
        }
        for row in footer {
            items.append(
                try rowItem(row, offsets: offsets, x: x, role: .footer, table: id, carry: carry, blocks: blocks)
            )
        }
    }

    private func rows(
        of table: StyledElement
    ) throws(LayoutError) -> ([StyledElement], [StyledElement], [StyledElement]) {
        var header: [StyledElement] = []
        var body: [StyledElement] = []
        var footer: [StyledElement] = []
        for child in table.children {
            guard case .element(let element) = child else { continue }
            switch element.element.name {
            case "tr": body.append(element)
            case "thead", "tbody", "tfoot":
                for case .element(let row) in element.children {
                    guard row.element.name == "tr" else {
                        throw LayoutError(
                            location: row.element.location,
                            message: "<\(row.element.name)> inside <\(element.element.name)>: only <tr> may be"
                        )
                    }
                    switch element.element.name {
                    case "thead": header.append(row)
                    case "tfoot": footer.append(row)
                    default: body.append(row)
                    }
                }
            default:
                throw LayoutError(
                    location: element.element.location,
                    message: "<\(element.element.name)> inside <table>: use thead, tbody, tfoot and tr"
                )
            }
        }
        return (header, body.filter { $0.style.display != .none }, footer)
    }

    func cells(of row: StyledElement) -> [StyledElement] {
        row.children.compactMap { node in
            guard case .element(let cell) = node, cell.style.display != .none,
                cell.element.name == "td" || cell.element.name == "th"
            else { return nil }
            return cell
        }
    }

    /// The cell's `colspan`, 1 to 1,000 (a larger one is read as 1,000 so a typo cannot exhaust memory).
    func colspan(_ cell: StyledElement) -> Int {
        min(1000, max(1, Int(cell.element.attributes["colspan"] ?? "1") ?? 1))
    }

    private func horizontalExtras(_ style: ComputedStyle, _ width: Double) -> Double {
        (style.padding.left.resolve(against: width) ?? 0) + (style.padding.right.resolve(against: width) ?? 0)
            + visible(style.border.left) + visible(style.border.right)
    }

    /// Fixed and percentage widths first; the rest shared by the widest content of each column.
    private func columnWidths(_ rows: [StyledElement], count: Int, width: Double) throws(LayoutError) -> [Double] {
        var fixed = [Double?](repeating: nil, count: count)
        var natural = [Double](repeating: 1, count: count)
        let rowCells = rows.map { cells(of: $0) }
        for cells in rowCells {
            var column = 0
            for cell in cells {
                let span = colspan(cell)
                defer { column += span }
                guard span == 1, column < count, fixed[column] == nil,
                    let specified = cell.style.width.resolve(against: width)
                else { continue }
                fixed[column] = specified + horizontalExtras(cell.style, width)
            }
        }
        let fixedTotal = fixed.compactMap { $0 }.reduce(0, +)
        if fixedTotal >= width || fixed.allSatisfy({ $0 != nil }) {
            let scale = fixedTotal > 0 ? width / fixedTotal : 1
            return fixed.map { ($0 ?? 0) * scale }
        }
        // Only the columns without a width are measured.
        for cells in rowCells {
            var column = 0
            for cell in cells {
                let span = colspan(cell)
                defer { column += span }
                guard span == 1, column < count, fixed[column] == nil else { continue }
                natural[column] = max(natural[column], try naturalWidth(cell) + horizontalExtras(cell.style, width))
            }
        }
        let remaining = width - fixedTotal
        let autoTotal = zip(fixed, natural).filter { $0.0 == nil }.reduce(0) { $0 + $1.1 }
        return zip(fixed, natural).map { known, content in known ?? remaining * content / max(autoTotal, 1) }
    }

    private func naturalWidth(_ cell: StyledElement) throws(LayoutError) -> Double {
        var runs: [TextRun] = []
        inlineRuns(cell.children, style: cell.style, link: nil, into: &runs)
        guard let trimmed = Self.trimmed(runs) else { return 0 }
        // The same paragraph style as the cell's text laid out later, so the shaping is shared.
        let unwrapped = Self.unwrapped(try paragraphStyle(cell.style, width: 0))
        return try text(trimmed, unwrapped, at: cell.element.location).width
    }

    private func carrySpecification(_ table: StyledElement, columnCount: Int) throws(LayoutError) -> CarrySpecification?
    {
        let attributes = table.element.attributes
        guard let text = attributes["data-carry"] else { return nil }
        var columns: [(column: Int, mode: CarrySpecification.Mode)] = []
        for part in text.split(separator: " ") {
            let pieces = part.split(separator: ":")
            guard let number = Int(pieces[0]), (1...columnCount).contains(number), pieces.count <= 2,
                pieces.count == 1 || ["sum", "last"].contains(pieces[1])
            else {
                throw LayoutError(
                    location: table.element.location,
                    message:
                        "data-carry '\(text)': list columns 1–\(columnCount) as N:sum or N:last, such as \"4:sum 6:last\""
                )
            }
            columns.append((number - 1, pieces.count == 2 && pieces[1] == "last" ? .last : .sum))
        }
        var format = NumberFormat()
        format.decimal = attributes["data-decimal"] ?? format.decimal
        format.group = attributes["data-group"] ?? format.group
        if let text = attributes["data-fraction"] {
            guard let digits = Int(text), (0...6).contains(digits) else {
                throw LayoutError(
                    location: table.element.location,
                    message: "data-fraction '\(text)' must be a number of decimals from 0 to 6"
                )
            }
            format.fractionDigits = digits
        }
        format.prefix = attributes["data-prefix"] ?? ""
        format.suffix = attributes["data-suffix"] ?? ""
        return CarrySpecification(
            columns: columns,
            carriedLabel: attributes["data-carried-label"] ?? "Carried forward",
            broughtLabel: attributes["data-brought-label"] ?? "Brought forward",
            format: format
        )
    }
}
