import Canvas
import Foundation
import Markup

extension LayoutEngine {
    /// Appends the flow of a block element: its margins, decorated edges, and its content, at
    /// horizontal position `x` within `width`.
    func buildBlock(
        _ element: StyledElement,
        x: Double,
        width: Double,
        blocks: [Int],
        into items: inout [FlowItem]
    ) throws(LayoutError) {
        let style = element.style
        guard style.display != .none else { return }
        let marginTop = style.margin.top.resolve(against: width) ?? 0
        let marginBottom = style.margin.bottom.resolve(against: width) ?? 0
        var marginLeft = style.margin.left.resolve(against: width) ?? 0
        var marginRight = style.margin.right.resolve(against: width) ?? 0
        let border = style.border
        let padding = Edges(
            top: style.padding.top.resolve(against: width) ?? 0,
            right: style.padding.right.resolve(against: width) ?? 0,
            bottom: style.padding.bottom.resolve(against: width) ?? 0,
            left: style.padding.left.resolve(against: width) ?? 0
        )
        let horizontalExtras = padding.left + padding.right + visible(border.left) + visible(border.right)
        var boxWidth = width - marginLeft - marginRight
        if let specified = style.width.resolve(against: width) {
            boxWidth = min(specified + horizontalExtras, width)
            if case .auto = style.margin.left, case .auto = style.margin.right {
                marginLeft = (width - boxWidth) / 2
                marginRight = marginLeft
            } else if case .auto = style.margin.left {
                marginLeft = width - boxWidth - marginRight
            }
        }
        let boxX = x + marginLeft
        let start = items.count
        items.append(.gap(marginTop))
        if style.breakBefore == .page { items.append(.pageBreak) }
        var inner = blocks
        let decorated =
            style.backgroundColor != nil
            || [border.top, border.right, border.bottom, border.left].contains { $0.isVisible }
            || padding.top > 0 || padding.bottom > 0
        var blockID: Int?
        if decorated {
            let id = decorate(
                BlockDecoration(
                    x: boxX,
                    width: boxWidth,
                    background: style.backgroundColor.map(Color.init),
                    border: border
                )
            )
            blockID = id
            inner.append(id)
            items.append(
                FlowItem(kind: .content, height: visible(border.top) + padding.top, blocks: inner, startsBlocks: [id])
            )
        }
        let contentX = boxX + visible(border.left) + padding.left
        let contentWidth = max(0, boxWidth - horizontalExtras)
        let contentStart = items.count
        if style.display == .table {
            try buildTable(element, x: contentX, width: contentWidth, blocks: inner, into: &items)
        } else if element.element.name == "img" {
            try buildImage(element, x: contentX, width: contentWidth, blocks: inner, into: &items)
        } else {
            try buildChildren(element, x: contentX, width: contentWidth, blocks: inner, into: &items)
        }
        if let height = style.height.resolve(against: width) {
            let used = items[contentStart...].filter { $0.kind == .content }.reduce(0) { $0 + $1.height }
            if used < height { items.append(FlowItem(kind: .content, height: height - used, blocks: inner)) }
        }
        if let id = blockID {
            items.append(
                FlowItem(
                    kind: .content,
                    height: visible(border.bottom) + padding.bottom,
                    blocks: inner,
                    endsBlocks: [id]
                )
            )
        }
        if let tag = Self.structureTag(of: element) {
            Self.tag(&items, from: start, as: tag, alternativeText: element.element.attributes["alt"])
        }
        // Headings are bookmarked with their text; `data-bookmark` names a bookmark for any block
        // (a section without a visible heading) or gives a heading a fuller one. Trimmed in Swift:
        // `trimmingCharacters(in:)` bridged to `NSString`, three conformance scans on the first title of a process.
        let bookmark = element.element.attributes["data-bookmark"].map {
            Self.collapse($0, .normal).trimmingWhitespace
        }
        let heading = ["h1": 1, "h2": 2, "h3": 3][element.element.name]
        if heading != nil || bookmark?.isEmpty == false,
            let first = items[start...].firstIndex(where: { $0.kind == .content })
        {
            // The text only when there is no `data-bookmark`: a long table's text was a tree rebuilt and walked.
            let title =
                bookmark.flatMap { $0.isEmpty ? nil : $0 }
                ?? Self.collapse(element.textContent, .normal).trimmingWhitespace
            // A heading of white space alone would be a bookmark a reader sees as a blank line in the outline.
            if !title.isEmpty { items[first].outline = (title, heading ?? 2) }
        }
        let contentIndices = items.indices[start...].filter { items[$0].kind == .content }
        if style.breakInside == .avoid {
            for index in contentIndices.dropLast() { items[index].keepWithNext = true }
        }
        if style.breakAfter == .avoid, let last = contentIndices.last { items[last].keepWithNext = true }
        if style.breakAfter == .page { items.append(.pageBreak) }
        items.append(.gap(marginBottom))
    }

    func visible(_ side: BorderSide) -> Double { side.isVisible ? side.width : 0 }

    /// Lays out children: block children in turn, and runs of inline children as anonymous paragraphs.
    func buildChildren(
        _ element: StyledElement,
        x: Double,
        width: Double,
        blocks: [Int],
        into items: inout [FlowItem]
    ) throws(LayoutError) {
        var pending: [StyledNode] = []
        // Inline text beside blocks, or in a wrapper, is a paragraph of its own in the structure tree.
        let ownText =
            Self.textContainers.contains(element.element.name)
            && !element.children.contains { node in
                if case .element(let inner) = node { return inner.style.display != .inline }
                return false
            }
        func flush() throws(LayoutError) {
            defer { pending = [] }
            guard !pending.isEmpty else { return }
            let start = items.count
            defer { if !ownText { Self.tag(&items, from: start, as: .paragraph) } }
            try buildParagraph(
                pending,
                style: element.style,
                x: x,
                width: width,
                blocks: blocks,
                location: element.element.location,
                into: &items
            )
        }
        for child in element.children {
            if case .element(let inner) = child, inner.style.display != .inline {
                try flush()
                if let running = inner.element.attributes["data-running"] {
                    try buildRunningHeader(inner, value: running, x: x, width: width, blocks: blocks)
                    continue
                }
                try buildBlock(inner, x: x, width: width, blocks: blocks, into: &items)
            } else {
                pending.append(child)
            }
        }
        try flush()
    }

    /// One paragraph: a line item per line, with widows and orphans of two lines.
    func buildParagraph(
        _ nodes: [StyledNode],
        style: ComputedStyle,
        x: Double,
        width: Double,
        blocks: [Int],
        location: SourceLocation,
        into items: inout [FlowItem]
    ) throws(LayoutError) {
        var runs: [TextRun] = []
        inlineRuns(nodes, style: style, link: nil, into: &runs)
        guard let trimmed = Self.trimmed(runs) else { return }
        let paragraph = try paragraphStyle(style, width: width)
        var layout: TextLayout
        if paragraph.wrap == .none {
            layout = try text(trimmed, paragraph, at: location)
        } else {
            // Most paragraphs — table cells above all — fit on one line: shaped once without a
            // width (as column widths measured them) and aligned here, they are not shaped again.
            layout = try text(trimmed, Self.unwrapped(paragraph), at: location)
            if layout.lineCount > 1 || layout.width > width + 0.001 {
                layout = try text(trimmed, paragraph, at: location)
            }
        }
        let count = layout.lineCount
        // Lines laid out without a width are aligned here.
        var x = x
        if layout.paragraph.width == nil || layout.paragraph.wrap == .none, layout.width < width {
            switch style.textAlign {
            case .right: x += width - layout.width
            case .center: x += (width - layout.width) / 2
            case .left, .justify: break
            }
        }
        guard count > 1 else {
            items.append(
                FlowItem(
                    kind: .content,
                    height: layout.height,
                    draws: [.text(layout, lines: nil, origin: Point(x: x, y: 0))],
                    blocks: blocks
                )
            )
            return
        }
        for (index, line) in layout.lines.enumerated() {
            // Orphans and widows of 2: keep the first two and the last two lines together.
            let keep = index == 0 || index == count - 2 || count <= 3
            items.append(
                FlowItem(
                    kind: .content,
                    height: line.height,
                    draws: [.text(layout, lines: index..<index + 1, origin: Point(x: x, y: 0))],
                    keepWithNext: keep && index < count - 1,
                    blocks: blocks
                )
            )
        }
    }

    /// `paragraph` set on one line of its natural width, for measuring and for text that fits.
    static func unwrapped(_ paragraph: ParagraphStyle) -> ParagraphStyle {
        ParagraphStyle(width: nil, wrap: .none, alignment: .left, lineSpacing: paragraph.lineSpacing)
    }

    /// An image sized by CSS, or at 96 dpi, never wider than its container.
    func buildImage(
        _ element: StyledElement,
        x: Double,
        width: Double,
        blocks: [Int],
        into items: inout [FlowItem]
    ) throws(LayoutError) {
        let source = element.element.attributes["src"] ?? ""
        let image = try self.image(source, at: element.element.location)
        let aspect = image.pixelWidth > 0 ? Double(image.pixelHeight) / Double(image.pixelWidth) : 1
        var drawWidth = element.style.width.resolve(against: width)
        var drawHeight = element.style.height.resolve(against: width)
        switch (drawWidth, drawHeight) {
        case (nil, nil):
            drawWidth = Double(image.pixelWidth) * 0.75
            drawHeight = Double(image.pixelHeight) * 0.75
        case (let known?, nil): drawHeight = known * aspect
        case (nil, let known?): drawWidth = aspect > 0 ? known / aspect : known
        default: break
        }
        var finalWidth = drawWidth ?? width
        var finalHeight = drawHeight ?? finalWidth * aspect
        if finalWidth > width {
            finalHeight *= width / finalWidth
            finalWidth = width
        }
        items.append(
            FlowItem(
                kind: .content,
                height: finalHeight,
                draws: [.image(image, Rect(x: x, y: 0, width: finalWidth, height: finalHeight))],
                blocks: blocks
            )
        )
    }
}

extension LayoutEngine {
    /// Lays out a block marked `data-running="header"` aside from the flow: the paginator places it
    /// at the top of every page after the first (the first page has the document's own head).
    func buildRunningHeader(
        _ element: StyledElement,
        value: String,
        x: Double,
        width: Double,
        blocks: [Int]
    ) throws(LayoutError) {
        guard value == "header" else {
            throw LayoutError(
                location: element.element.location,
                message: "data-running=\"\(value)\": the only running block is data-running=\"header\""
            )
        }
        var items: [FlowItem] = []
        try buildBlock(element, x: x, width: width, blocks: blocks, into: &items)
        // Its parts stay together, and no heading of it becomes a bookmark on every page.
        runningHeader += items.map { item in
            var item = item
            item.outline = nil
            return item
        }
    }
}
