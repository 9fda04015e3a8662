internal import CPangoCairo

extension TextLayout {
    /// The characters Pango found no font for (after falling back through every installed font).
    static func missingCharacters(in layout: OpaquePointer, text: String) -> [Character] {
        guard pango_layout_get_unknown_glyphs_count(layout) > 0, let iterator = pango_layout_get_iter(layout) else {
            return []
        }
        defer { pango_layout_iter_free(iterator) }
        let unknownFlag: UInt32 = 0x1000_0000  // PANGO_GLYPH_UNKNOWN_FLAG
        var offsets: Set<Int> = []
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iterator), let glyphs = run.pointee.glyphs,
                let item = run.pointee.item, let infos = glyphs.pointee.glyphs,
                let clusters = glyphs.pointee.log_clusters
            else { continue }
            for index in 0..<Int(glyphs.pointee.num_glyphs) where infos[index].glyph & unknownFlag != 0 {
                offsets.insert(Int(item.pointee.offset) + Int(clusters[index]))
            }
        } while pango_layout_iter_next_run(iterator) != 0
        let bytes = Array(text.utf8)
        var found: [Character] = []
        for offset in offsets.sorted() where offset < bytes.count {
            guard let character = String(decoding: bytes[offset...].prefix(4), as: UTF8.self).first,
                !character.isWhitespace, !found.contains(character)
            else { continue }
            found.append(character)
        }
        return found
    }
}

extension TextLayout {
    /// How many glyphs Cairo shows for `glyphs` as Pango draws them (not the empty ones), and no
    /// painting; `nil` when one is drawn as a box (a character no font has).
    static func drawn(_ glyphs: UnsafeMutablePointer<PangoGlyphString>, underlined: Bool) -> (glyphs: Int, paints: Int)?
    {
        guard let infos = glyphs.pointee.glyphs else { return (0, 0) }
        var count = 0
        for index in 0..<Int(glyphs.pointee.num_glyphs) {
            let glyph = infos[index].glyph
            if glyph == PANGO_GLYPH_EMPTY { continue }
            if glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0 { return nil }
            count += 1
        }
        return (count, 0)
    }

    /// How many glyphs and paintings (underlines) Pango draws for `lines` of `layout`.
    ///
    /// Pango draws one underline for consecutive underlined runs of a line in one font. `nil`
    /// when a glyph is drawn as a box or a run is drawn in a way not counted here.
    static func drawn(_ layout: OpaquePointer, lines: Range<Int>) -> (glyphs: Int, paints: Int)? {
        var total = (glyphs: 0, paints: 0)
        for index in lines {
            guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { continue }
            var run = line.pointee.runs
            var underlinedFont: UnsafeMutablePointer<PangoFont>?
            while let node = run {
                run = node.pointee.next
                guard let item = node.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
                    let glyphs = item.pointee.glyphs, let analysis = item.pointee.item?.pointee.analysis,
                    let counts = drawn(glyphs, underlined: false)
                else { return nil }
                total.glyphs += counts.glyphs
                var underline = false
                var attributes = analysis.extra_attrs
                while let attribute = attributes {
                    attributes = attribute.pointee.next
                    guard let value = attribute.pointee.data?.assumingMemoryBound(to: PangoAttribute.self) else {
                        continue
                    }
                    switch value.pointee.klass.pointee.type {
                    case PANGO_ATTR_UNDERLINE:
                        let kind = value.withMemoryRebound(to: PangoAttrInt.self, capacity: 1) { $0.pointee.value }
                        underline = kind != Int32(PANGO_UNDERLINE_NONE.rawValue)
                    case PANGO_ATTR_STRIKETHROUGH, PANGO_ATTR_OVERLINE, PANGO_ATTR_SHAPE: return nil
                    default: break
                    }
                }
                if underline {
                    if underlinedFont == nil || underlinedFont != analysis.font { total.paints += 1 }
                    underlinedFont = analysis.font
                } else {
                    underlinedFont = nil
                }
            }
        }
        return total
    }
}
