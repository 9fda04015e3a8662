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
