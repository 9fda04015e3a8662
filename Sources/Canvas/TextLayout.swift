internal import CPangoCairo

/// The measured position of one line of a ``TextLayout``, relative to the layout's top-left corner.
public struct LineMetrics: Sendable, Hashable {
    /// Top of the line box.
    public var top: Double
    /// Height of the line box; the heights of all lines add up to the layout's height.
    public var height: Double
    /// Distance from the layout's top to this line's baseline.
    public var baseline: Double
    /// Left edge of the line's text (alignment included).
    public var x: Double
    /// Width of the line's text.
    public var width: Double
    /// The characters set on this line.
    public var text: String
    /// Where Pango's line origin lies horizontally, for drawing the line alone.
    var originX: Double
}

/// An area of a drawn paragraph that links to a URL.
public struct LinkArea: Sendable, Hashable {
    /// The URL.
    public var url: String
    /// The area, relative to the layout's top-left corner.
    public var rect: Rect
    /// The line the area lies on.
    public var line: Int
}

/// A paragraph of styled text, shaped and broken into lines by Pango, ready to measure and draw.
///
/// Making a layout does all the work (shaping, line breaking, measuring); reading its metrics
/// costs nothing, and drawing it, or any range of its lines, reuses the shaped glyphs. A layout
/// is immutable and belongs to the ``FontLibrary`` that made it.
///
/// ```swift
/// let fonts = try FontLibrary.locate()
/// let text = try TextLayout(
///     [TextRun("Totale "), TextRun("€ 1.234,56", style: TextStyle(weight: .bold))],
///     paragraph: ParagraphStyle(width: 200, alignment: .right),
///     fonts: fonts
/// )
/// print(text.height, text.lineCount)
/// ```
public final class TextLayout {
    /// The runs the paragraph was made from.
    public let runs: [TextRun]
    /// How its lines are set.
    public let paragraph: ParagraphStyle
    /// Logical width of the widest line, in points.
    public let width: Double
    /// Logical height of all lines, in points.
    public let height: Double
    /// Each line, top to bottom.
    public let lines: [LineMetrics]
    /// Areas that link to URLs.
    public let linkAreas: [LinkArea]
    /// Characters no installed font has, which print as boxes (empty for most text).
    public let missingCharacters: [Character]

    /// Pango's layout of the paragraph, or `nil` when it was shaped directly as ``shaped``.
    let layout: OpaquePointer?
    /// The paragraph as one directly shaped line, when it is a line of plain text: its first stretch,
    /// which leads to the others (one per style); `nil` when Pango laid it out.
    let shaped: ShapedLine?
    private let fonts: FontLibrary

    /// Shapes `runs` as one paragraph.
    ///
    /// - Parameters:
    ///   - runs: The styled stretches of text, in order.
    ///   - paragraph: Width, wrapping, alignment, spacing and ellipsis.
    ///   - fonts: The library whose fonts are used.
    /// - Throws: ``CanvasError/fontNotFound(family:available:)`` when a run names a family the
    ///   library does not have; ``CanvasError/invalidArgument(_:)`` for a negative width or size.
    public init(
        _ runs: [TextRun],
        paragraph: ParagraphStyle = ParagraphStyle(),
        fonts: FontLibrary
    )
        throws(CanvasError)
    {
        for run in runs {
            try fonts.requireFamily(run.style.family)
            guard run.style.size > 0, run.style.size <= 1000 else {
                throw .invalidArgument("font size must be above 0 and at most 1000 points, got \(run.style.size)")
            }
        }
        if let width = paragraph.width, !(width >= 0 && width.isFinite) {
            throw .invalidArgument("paragraph width must be zero or positive, got \(width)")
        }
        self.fonts = fonts
        self.runs = runs
        self.paragraph = paragraph
        if let shaped = Self.shapedLine(runs, paragraph, fonts: fonts) {
            // The line's logical box is the union of its stretches', as in a layout.
            var (top, bottom, right) = (Int32.max, Int32.min, Int32(0))
            for stretch in shaped.stretches {
                top = min(top, stretch.logical.y)
                bottom = max(bottom, stretch.logical.y + stretch.logical.height)
                right = stretch.x + stretch.logical.width
            }
            self.layout = nil
            self.shaped = shaped
            self.width = Self.points(right)
            self.height = Self.points(bottom - top)
            self.lines = [
                LineMetrics(
                    top: 0,
                    height: height,
                    baseline: Self.points(-top),
                    x: 0,
                    width: width,
                    text: runs.count == 1 ? runs[0].text : runs.map(\.text).joined(),
                    originX: 0
                )
            ]
            self.linkAreas = []
            self.missingCharacters = []
            return
        }
        guard let layout = pango_layout_new(fonts.context) else {
            throw .cairo(operation: "create a text layout", status: "out of memory")
        }
        self.layout = layout
        self.shaped = nil
        let text = runs.map(\.text).joined()
        Self.apply(runs: runs, text: text, to: layout)
        Self.apply(paragraph, to: layout)
        let measured = Self.measure(layout, text: text)
        self.lines = measured.lines
        self.width = measured.width
        self.height = measured.height
        self.linkAreas = Self.linkAreas(of: runs, in: layout, lines: measured.lines)
        self.missingCharacters = Self.missingCharacters(in: layout, text: text)
    }

    /// Shapes `text` in one style.
    public convenience init(
        _ text: String,
        style: TextStyle = TextStyle(),
        paragraph: ParagraphStyle = ParagraphStyle(),
        fonts: FontLibrary
    ) throws(CanvasError) {
        try self.init([TextRun(text, style: style)], paragraph: paragraph, fonts: fonts)
    }

    deinit {
        if let layout { lp_layout_release(layout) }
    }

    /// The number of lines.
    public var lineCount: Int { lines.count }

    /// Distance from the top of the layout to the first baseline (0 for an empty layout).
    public var baseline: Double { lines.first?.baseline ?? 0 }

    /// The height of lines `range`, top of the first to bottom of the last.
    public func height(ofLines range: Range<Int>) -> Double {
        guard let first = range.first, let last = range.last, !lines.isEmpty else { return 0 }
        return lines[last].top + lines[last].height - lines[first].top
    }
}

extension TextLayout {
    static let scale = Double(lp_pango_scale())

    /// Points as Pango units, clamped to what Pango can hold (about ±2 million points).
    static func units(_ points: Double) -> Int32 {
        let value = (points * scale).rounded()
        guard value.isFinite else { return 0 }
        return Int32(max(Double(Int32.min + 1), min(Double(Int32.max - 1), value)))
    }

    static func points(_ units: Int32) -> Double { Double(units) / scale }

    private static func apply(runs: [TextRun], text: String, to layout: OpaquePointer) {
        // Pango stops at a NUL; a space of the same byte length keeps the rest of the text (and the
        // runs' byte offsets). Documents show NUL as U+2400 before they get here.
        let text = text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: " ") : text
        pango_layout_set_text(layout, text, Int32(text.utf8.count))
        // One run — most table cells — is all in the layout's font: only its colour is an
        // attribute, which spares Pango splitting the text by attributes.
        let single = runs.count == 1
        let description = fontDescription(runs.first?.style ?? TextStyle(), face: single)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)

        let attributes = pango_attr_list_new()
        var start = 0
        for run in runs {
            let end = start + run.text.utf8.count
            if end > start {
                for attribute in Self.attributes(for: run.style, colourOnly: single) {
                    attribute.pointee.start_index = UInt32(start)
                    attribute.pointee.end_index = UInt32(end)
                    pango_attr_list_insert(attributes, attribute)
                }
            }
            start = end
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
    }

    /// A new Pango font description of `style`'s family and size, and of its weight and slant when
    /// `face` is set; the caller frees it.
    static func fontDescription(_ style: TextStyle, face: Bool) -> OpaquePointer? {
        let description = pango_font_description_new()
        pango_font_description_set_family(description, style.family)
        pango_font_description_set_size(description, units(style.size))
        if face {
            pango_font_description_set_weight(description, PangoWeight(rawValue: UInt32(style.weight.value)))
            pango_font_description_set_style(description, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        }
        return description
    }

    /// The paragraph shaped directly, when Pango's layout of it would be one line of plain text
    /// with nothing to wrap, ellipsize, underline or link (``ShapedLine``): a stretch per style,
    /// neighbouring runs of one style joined as Pango joins them into one item.
    private static func shapedLine(_ runs: [TextRun], _ paragraph: ParagraphStyle, fonts: FontLibrary) -> ShapedLine? {
        guard fonts.directShaping, paragraph.ellipsis == .none, paragraph.width == nil || paragraph.wrap == .none,
            paragraph.lineSpacing == 1 || !(paragraph.lineSpacing > 0)
        else { return nil }
        // One run, most table cells: no joining to do.
        if runs.count == 1, let run = runs.first {
            guard run.link == nil, !run.style.underline, let face = fonts.face(run.style),
                let script = face.plainScript(of: run.text),
                let line = ShapedLine(run.text, color: run.style.color, face: face, script: script, x: 0)
            else { return nil }
            return line
        }
        var stretches: [(text: String, style: TextStyle)] = []
        for run in runs {
            guard run.link == nil, !run.style.underline else { return nil }
            guard !run.text.isEmpty else { continue }
            if let last = stretches.indices.last, stretches[last].style == run.style {
                stretches[last].text += run.text
            } else {
                stretches.append((run.text, run.style))
            }
        }
        guard !stretches.isEmpty else { return nil }
        var faces: [FontFace] = []
        var script = FontFace.Script.neutral
        for stretch in stretches {
            guard let face = fonts.face(stretch.style), let found = face.plainScript(of: stretch.text) else {
                return nil
            }
            if found == .latin { script = .latin }
            faces.append(face)
        }
        var first: ShapedLine?
        var x: Int32 = 0
        for (stretch, face) in zip(stretches, faces) {
            guard let line = ShapedLine(stretch.text, color: stretch.style.color, face: face, script: script, x: x)
            else { return nil }
            x += line.logical.width
            if let first { first.append(line) } else { first = line }
        }
        return first
    }

    private static func attributes(
        for style: TextStyle,
        colourOnly: Bool
    ) -> [UnsafeMutablePointer<PangoAttribute>] {
        func channel(_ value: Double) -> UInt16 { UInt16((value * 65535).rounded()) }
        var list: [UnsafeMutablePointer<PangoAttribute>?] = [
            pango_attr_foreground_new(channel(style.color.red), channel(style.color.green), channel(style.color.blue))
        ]
        if !colourOnly {
            list += [
                pango_attr_family_new(style.family),
                pango_attr_size_new(units(style.size)),
                pango_attr_weight_new(PangoWeight(rawValue: UInt32(style.weight.value))),
                pango_attr_style_new(style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL),
            ]
        }
        if style.color.alpha < 1 {
            list.append(pango_attr_foreground_alpha_new(channel(style.color.alpha)))
        }
        if style.underline {
            list.append(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE))
        }
        return list.compactMap { $0 }
    }

    private static func apply(_ paragraph: ParagraphStyle, to layout: OpaquePointer) {
        if let width = paragraph.width, paragraph.wrap != .none || paragraph.ellipsis != .none {
            pango_layout_set_width(layout, units(width))
        } else {
            pango_layout_set_width(layout, -1)
        }
        switch paragraph.wrap {
        case .word: pango_layout_set_wrap(layout, PANGO_WRAP_WORD)
        case .character: pango_layout_set_wrap(layout, PANGO_WRAP_CHAR)
        case .wordOrCharacter, .none: pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        switch paragraph.alignment {
        case .left, .justify: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_justify(layout, paragraph.alignment == .justify ? 1 : 0)
        if paragraph.lineSpacing != 1, paragraph.lineSpacing > 0 {
            pango_layout_set_line_spacing(layout, Float(paragraph.lineSpacing))
        }
        switch paragraph.ellipsis {
        case .none: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
        case .start: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_START)
        case .middle: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_MIDDLE)
        case .end: pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        }
    }

    private static func measure(
        _ layout: OpaquePointer,
        text: String
    ) -> (
        lines: [LineMetrics], width: Double, height: Double
    ) {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let bytes = Array(text.utf8)
        var lines: [LineMetrics] = []
        guard let iterator = pango_layout_get_iter(layout) else { return ([], 0, 0) }
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var extents = PangoRectangle()
            var own = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &extents)
            let line = pango_layout_iter_get_line_readonly(iterator)
            pango_layout_line_get_extents(line, nil, &own)
            let start = Int(line?.pointee.start_index ?? 0)
            let end = min(start + Int(line?.pointee.length ?? 0), bytes.count)
            lines.append(
                LineMetrics(
                    top: points(extents.y),
                    height: points(extents.height),
                    baseline: points(pango_layout_iter_get_baseline(iterator)),
                    x: points(extents.x),
                    width: points(extents.width),
                    text: String(decoding: bytes[min(start, end)..<end], as: UTF8.self),
                    originX: points(extents.x - own.x)
                )
            )
        } while pango_layout_iter_next_line(iterator) != 0
        return (lines, points(logical.width), points(logical.height))
    }

    private static func linkAreas(of runs: [TextRun], in layout: OpaquePointer, lines: [LineMetrics]) -> [LinkArea] {
        var areas: [LinkArea] = []
        var start = 0
        for run in runs {
            let end = start + run.text.utf8.count
            defer { start = end }
            guard let url = run.link, end > start else { continue }
            for index in lines.indices {
                guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
                let lineStart = Int(line.pointee.start_index)
                let lineEnd = lineStart + Int(line.pointee.length)
                let from = max(start, lineStart)
                let to = min(end, lineEnd)
                guard from < to else { continue }
                var ranges: UnsafeMutablePointer<Int32>?
                var count: Int32 = 0
                pango_layout_line_get_x_ranges(line, Int32(from), Int32(to), &ranges, &count)
                guard let ranges else { continue }
                for pair in 0..<Int(count) {
                    let left = points(ranges[2 * pair])
                    let right = points(ranges[2 * pair + 1])
                    let metrics = lines[index]
                    areas.append(
                        LinkArea(
                            url: url,
                            rect: Rect(x: left, y: metrics.top, width: right - left, height: metrics.height),
                            line: index
                        )
                    )
                }
                g_free(ranges)
            }
        }
        return areas
    }
}
