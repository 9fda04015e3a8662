import Canvas
import Markup

/// Places flow items on pages: keeps groups together, drops margins at page tops, repeats table
/// headers, and ends and starts pages inside carried tables with carried and brought forward rows.
///
/// - Complexity: O(n) in the number of items: each is looked at a bounded number of times.
struct Paginator {
    private struct Placed {
        var item: FlowItem
        var y: Double
        /// Drawn again on a later page (header rows, carried rows, the running header): not content.
        var isRepeat = false
    }

    let frame: Rect
    let decorations: [BlockDecoration]
    let tables: [TableInfo]
    /// Placed at the top of every page after the first, before anything else.
    let runningHeader: [FlowItem]

    private var pages: [[Placed]] = []
    private var current: [Placed] = []
    private var y: Double
    private var pendingGap = 0.0
    private var hasFlowContent = false
    private var openTable: Int?
    /// Running totals of the carried columns of each table, by table.
    private var carried: [Int: [Int: Int64]] = [:]
    private var carryHeights: [Int: Double] = [:]
    /// How many pages ``makePage(outline:)`` has made, and the structure elements open between them.
    private var made = 0
    private var structure = StructureTracker()

    init(frame: Rect, decorations: [BlockDecoration], tables: [TableInfo], runningHeader: [FlowItem] = []) {
        self.frame = frame
        self.decorations = decorations
        self.tables = tables
        self.runningHeader = runningHeader
        self.y = frame.y
    }

    private var bottom: Double { frame.maxY }

    /// For each item, the last index of the group it starts: items joined by `keepWithNext`.
    private static func groupEnds(_ items: [FlowItem]) -> [Int] {
        var ends = Array(items.indices)
        var index = items.count - 1
        var nextContent: Int?
        while index >= 0 {
            if items[index].kind == .content {
                if items[index].keepWithNext, let next = nextContent { ends[index] = ends[next] }
                nextContent = index
            } else if items[index].kind == .forcedBreak {
                nextContent = nil
            }
            index -= 1
        }
        return ends
    }

    /// The number of pages ``place(_:)`` made.
    var pageCount: Int { pages.count }

    /// Places `items` on pages; ``makePage(outline:)`` then makes each page's drawing operations, in order.
    ///
    /// Only where each item goes is decided here: the drawing operations of a page are made when
    /// it is drawn, and what was placed on it is let go then (``makePage(outline:)``).
    mutating func place(_ items: [FlowItem]) throws(LayoutError) {
        let ends = Self.groupEnds(items)
        let remainingBodyRows = Self.remainingBodyRows(items)
        var index = 0
        while index < items.count {
            let item = items[index]
            switch item.kind {
            case .forcedBreak:
                if hasFlowContent { try newPage(continuing: nil) }
                index += 1
                continue
            case .gap:
                pendingGap = max(pendingGap, item.height)
                index += 1
                continue
            case .content:
                break
            }
            if item.row == nil || item.row?.table != openTable { openTable = nil }
            let gap = hasFlowContent ? pendingGap : 0
            let reserve = try carryReserve(for: item, more: remainingBodyRows[index])
            let groupHeight = items[index...ends[index]].reduce(0) { $0 + ($1.kind == .forcedBreak ? 0 : $1.height) }
            let fitsGroup = y + gap + groupHeight + reserve <= bottom + 0.01
            let groupFitsAPage = groupHeight <= frame.height
            let fitsItem = y + gap + item.height + reserve <= bottom + 0.01
            if hasFlowContent, !(fitsGroup || (!groupFitsAPage && fitsItem)) {
                try newPage(continuing: openTable)
            }
            try checkFits(item)
            let top = y + (hasFlowContent ? pendingGap : 0)
            try place(item, at: top)
            index += 1
        }
        pages.append(current)
        current = []
    }

    /// How many body rows of the same table follow each item (0 for others).
    private static func remainingBodyRows(_ items: [FlowItem]) -> [Int] {
        var result = [Int](repeating: 0, count: items.count)
        var counts: [Int: Int] = [:]
        for index in items.indices.reversed() {
            guard let row = items[index].row else { continue }
            result[index] = counts[row.table] ?? 0
            if row.role == .body { counts[row.table, default: 0] += 1 }
        }
        return result
    }

    /// Room kept at the bottom for a carried-forward row while more body rows of a carried table follow.
    private mutating func carryReserve(for item: FlowItem, more: Int) throws(LayoutError) -> Double {
        guard let row = item.row, row.role == .body, more > 0, let make = tables[row.table].makeCarryRow else {
            return 0
        }
        if let known = carryHeights[row.table] { return known }
        let height = try make("", [:]).height
        carryHeights[row.table] = height
        return height
    }

    /// Content taller than the page's frame (below the repeated header) would be cut off: an error naming it.
    private func checkFits(_ item: FlowItem) throws(LayoutError) {
        let headers = item.row.map { row in tables[row.table].headerRows.reduce(0) { $0 + $1.height } } ?? 0
        let carryRows = item.row.flatMap { carryHeights[$0.table] }.map { 2 * $0 } ?? 0
        let room = frame.height - (item.row?.role == .body ? headers + carryRows : 0)
        guard item.height > room + 0.01 else { return }
        throw LayoutError(
            location: item.row?.location,
            message:
                "\(item.row == nil ? "this content" : "this table row") is \(Int(item.height.rounded())) pt tall "
                + "but a page holds \(Int(room.rounded())) pt: it would be cut off; shorten it or split it into rows"
        )
    }

    private mutating func place(_ item: FlowItem, at top: Double) throws(LayoutError) {
        current.append(Placed(item: item, y: top))
        y = top + item.height
        pendingGap = 0
        hasFlowContent = true
        if let row = item.row {
            openTable = row.table
            if row.role == .body, let carry = tables[row.table].carry {
                try carry.accumulate(row, into: &carried[row.table, default: carry.startingTotals])
            }
        }
    }

    /// Ends the page; inside a table, closes it with a carried row and reopens it on the next page
    /// with its header and a brought-forward row.
    private mutating func newPage(continuing table: Int?) throws(LayoutError) {
        var totals: [Int: Int64]?
        if let table, let carry = tables[table].carry, let make = tables[table].makeCarryRow {
            let values = carried[table] ?? carry.startingTotals
            totals = values
            let row = try make(carry.carriedLabel, values).repeated
            current.append(Placed(item: row, y: y, isRepeat: true))
        }
        pages.append(current)
        current = []
        y = frame.y
        pendingGap = 0
        hasFlowContent = false
        placeRunningHeader()
        guard let table else { return }
        for header in tables[table].headerRows {
            current.append(Placed(item: header.repeated, y: y, isRepeat: true))
            y += header.height
        }
        if let totals, let carry = tables[table].carry, let make = tables[table].makeCarryRow {
            let row = try make(carry.broughtLabel, totals).repeated
            current.append(Placed(item: row, y: y, isRepeat: true))
            y += row.height
        }
        openTable = table
    }

    /// The running header at the top of a new page: its margins kept between its parts and after
    /// it, none above it.
    private mutating func placeRunningHeader() {
        var gap = 0.0
        var placedAny = false
        for item in runningHeader {
            switch item.kind {
            case .gap: gap = max(gap, item.height)
            case .forcedBreak: continue
            case .content:
                if placedAny { y += gap }
                current.append(Placed(item: item.repeated, y: y, isRepeat: true))
                y += item.height
                gap = 0
                placedAny = true
            }
        }
        if placedAny { y += gap }
    }

    /// The drawing operations of the next page, `nil` after the last.
    ///
    /// The page's headings' bookmarks are added to `outline`. What was placed on the page is let go:
    /// its flow items are freed once nothing else holds them.
    mutating func makePage(outline: inout [OutlineItem]) -> [DisplayItem]? {
        guard made < pages.count else { return nil }
        let number = made
        made += 1
        var page: [Placed] = []
        swap(&page, &pages[number])
        var items = decorationItems(page)
        // Sized once for the page (and the few tags reopened and closed at its ends) and filled in
        // place, instead of grown by doubling through a temporary array per placed item: each growth
        // was a new block and a copy, fresh pages for the kernel to fault in (docs/performance.md, stmt30).
        items.reserveCapacity(items.count + page.reduce(0) { $0 + $1.item.draws.count } + 32)
        for placed in page {
            if !placed.isRepeat { items += structure.reopen() }
            for draw in placed.item.draws { items.append(draw.shifted(by: placed.y)) }
            if let heading = placed.item.outline {
                outline.append(OutlineItem(title: heading.title, level: heading.level, page: number + 1, y: placed.y))
            }
        }
        structure.follow(items)
        items += structure.closeTextElements()
        return items
    }

    /// Backgrounds and borders of the decorated blocks that reach this page, outermost first.
    private func decorationItems(_ page: [Placed]) -> [DisplayItem] {
        DisplayItem.decorations(of: page.map { ($0.item, $0.y) }, decorations)
    }
}

extension DisplayItem {
    /// Backgrounds and borders of the decorated blocks the placed `items` belong to, outermost
    /// first: each block spans its items, and has its top and bottom borders where it starts and ends.
    static func decorations(of items: [(item: FlowItem, y: Double)], _ decorations: [BlockDecoration]) -> [DisplayItem]
    {
        var spans: [Int: (top: Double, bottom: Double, starts: Bool, ends: Bool)] = [:]
        for (item, y) in items {
            for id in item.blocks {
                var span = spans[id] ?? (y, y + item.height, false, false)
                span.top = min(span.top, y)
                span.bottom = max(span.bottom, y + item.height)
                if item.startsBlocks.contains(id) { span.starts = true }
                if item.endsBlocks.contains(id) { span.ends = true }
                spans[id] = span
            }
        }
        var draws: [DisplayItem] = []
        for (id, span) in spans.sorted(by: { $0.key < $1.key }) {
            let decoration = decorations[id]
            let rect = Rect(x: decoration.x, y: span.top, width: decoration.width, height: span.bottom - span.top)
            if let background = decoration.background { draws.append(.fill(rect, background)) }
            draws += DisplayItem.borderLines(decoration.border, rect: rect, top: span.starts, bottom: span.ends)
        }
        return draws
    }
}
