import Canvas
import Markup

/// A piece of vertical flow that the paginator places: a line of text, a table row, an image, a
/// margin, the top or bottom edge of a decorated block, or a forced page break.
struct FlowItem {
    enum Kind {
        /// Something drawn: it takes its height on the page.
        case content
        /// A vertical margin: dropped at the top of a page, merged with an adjacent margin.
        case gap
        /// `break-before` / `break-after: page`.
        case forcedBreak
    }

    var kind: Kind
    var height: Double
    /// Operations with `y` relative to the item's top.
    var draws: [DisplayItem] = []
    /// Keep this item on the same page as the next content item (orphans, widows, headings, avoid).
    var keepWithNext = false
    /// Decorated blocks (backgrounds, borders) that enclose this item, outermost first.
    var blocks: [Int] = []
    /// Decorated blocks whose top edge this item is.
    var startsBlocks: [Int] = []
    /// Decorated blocks whose bottom edge this item is.
    var endsBlocks: [Int] = []
    /// For table rows: which table, which part, and the values carried across pages.
    var row: RowInfo?
    /// For the first line of a heading: its text and level.
    var outline: (title: String, level: Int)?

    static func gap(_ height: Double) -> FlowItem { FlowItem(kind: .gap, height: max(0, height)) }

    static var pageBreak: FlowItem { FlowItem(kind: .forcedBreak, height: 0) }
}

/// A table row's place in its table.
struct RowInfo {
    enum Role {
        case header
        case body
        case footer
    }

    var table: Int
    var role: Role
    /// Column (0-based) → numeric value, for the columns the table carries across pages.
    var values: [Int: Int64]
    /// The row's `<tr>` in the template's output, for errors naming it.
    var location: SourceLocation?
}

/// The background and border of a block, drawn on each page the block reaches.
struct BlockDecoration {
    var x: Double
    var width: Double
    var background: Color?
    var border: Edges<BorderSide>
}

/// What the paginator needs to know of a table to repeat its header and carry its totals.
struct TableInfo {
    /// The header rows, repeated at the top of every page the table continues on.
    var headerRows: [FlowItem]
    /// Columns carried across pages, and how.
    var carry: CarrySpecification?
    /// Lays out a carried-forward or brought-forward row with these values.
    var makeCarryRow: ((String, [Int: Int64]) throws(LayoutError) -> FlowItem)?
}

/// `data-carry="4:sum 5:sum 6:last"` and its labels and number format.
struct CarrySpecification {
    enum Mode {
        case sum
        case last
    }

    var columns: [(column: Int, mode: Mode)]
    var carriedLabel: String
    var broughtLabel: String
    var format: NumberFormat

    /// The totals before any row: zero in every carried column.
    var startingTotals: [Int: Int64] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0.column, 0) })
    }

    /// Adds one row to running totals, so a page break costs the same on page 200 as on page 2.
    ///
    /// - Throws: ``LayoutError`` naming the row when a total leaves the range of 64-bit minor units.
    func accumulate(_ row: RowInfo, into totals: inout [Int: Int64]) throws(LayoutError) {
        for (column, mode) in columns {
            guard let value = row.values[column] else { continue }
            switch mode {
            case .sum:
                let (sum, overflow) = totals[column, default: 0].addingReportingOverflow(value)
                guard !overflow else {
                    throw LayoutError(
                        location: row.location,
                        message:
                            "the carried total of column \(column + 1) overflows at this row (\(totals[column, default: 0]) + \(value) minor units)"
                    )
                }
                totals[column] = sum
            case .last: totals[column] = value
            }
        }
    }
}

/// Formats integer minor units as the template asks: `data-decimal`, `data-group`,
/// `data-fraction`, `data-prefix`, `data-suffix` on the table.
struct NumberFormat {
    var decimal = ","
    var group = "."
    var fractionDigits = 2
    var prefix = ""
    var suffix = ""

    func format(_ value: Int64) -> String {
        let negative = value < 0
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        for _ in 0..<fractionDigits { divisor *= 10 }
        let fraction = magnitude % divisor
        magnitude /= divisor
        var whole = String(magnitude)
        if !group.isEmpty {
            var grouped = ""
            for (index, character) in whole.reversed().enumerated() {
                if index > 0, index % 3 == 0 { grouped.append(contentsOf: group.reversed()) }
                grouped.append(character)
            }
            whole = String(grouped.reversed())
        }
        var text = whole
        if fractionDigits > 0 {
            let digits = String(fraction)
            text += decimal + String(repeating: "0", count: fractionDigits - digits.count) + digits
        }
        return (negative ? "-" : "") + prefix + text + suffix
    }
}
