internal import CPangoCairo
import Foundation

/// A stretch of one line in one font and colour, shaped by HarfBuzz through `pango_shape` without a
/// `PangoLayout`: a whole one-line paragraph, or one style of a mixed-style one.
///
/// Most text in a billing document is a single line: a table cell's date, amount or description, a
/// label with a bold part. A `PangoLayout` finds the same glyphs for it, but first splits the text
/// by script, direction and font, breaks it into lines and measures every line — about three times
/// the work of the shaping itself (`docs/performance.md`). ``FontFace`` decides when the short way
/// gives exactly what the layout would; everything else goes through the layout.
final class ShapedLine {
    /// The text, as Pango reads it.
    let text: UnsafeMutablePointer<CChar>
    /// One item over the whole text, with the analysis Pango's own itemizer gives it.
    let item: UnsafeMutablePointer<PangoItem>
    let glyphs: UnsafeMutablePointer<PangoGlyphString>
    /// The colour the text is drawn in.
    let color: Color
    /// Logical extents in Pango units, relative to the left end of the baseline.
    let logical: PangoRectangle
    /// Where the stretch starts on its line, in Pango units.
    let x: Int32
    /// The next stretch of the line, in another style.
    fileprivate(set) var next: ShapedLine?

    /// Shapes `string`, plain text that `face` has (``FontFace/plainScript(of:)``), in `script`:
    /// the script of the whole paragraph, which Pango gives every neutral stretch of it.
    init?(_ string: String, color: Color, face: FontFace, script: FontFace.Script, x: Int32) {
        let length = string.utf8.count
        guard length > 0, length < Int(Int32.max) else { return nil }
        let analysis = face.analysis(script)
        guard let text = malloc(length + 1)?.assumingMemoryBound(to: CChar.self) else { return nil }
        UnsafeMutableRawBufferPointer(start: text, count: length).copyBytes(from: string.utf8)
        text[length] = 0
        guard let item = pango_item_new(), let glyphs = pango_glyph_string_new() else {
            free(text)
            return nil
        }
        item.pointee.offset = 0
        item.pointee.length = Int32(length)
        item.pointee.num_chars = Int32(string.unicodeScalars.count)
        item.pointee.analysis = analysis
        g_object_ref(analysis.font)  // the item releases its font when freed
        pango_shape_with_flags(
            text,
            Int32(length),
            text,
            Int32(length),
            &item.pointee.analysis,
            glyphs,
            PANGO_SHAPE_NONE
        )
        var logical = PangoRectangle()
        pango_glyph_string_extents(glyphs, analysis.font, nil, &logical)
        self.text = text
        self.item = item
        self.glyphs = glyphs
        self.color = color
        self.logical = logical
        self.x = x
    }

    deinit {
        pango_glyph_string_free(glyphs)
        pango_item_free(item)
        free(text)
    }

    /// This stretch and the ones after it.
    var stretches: some Sequence<ShapedLine> { sequence(first: self) { $0.next } }

    /// The stretch after the last one of this line is `stretch`.
    func append(_ stretch: ShapedLine) {
        var last = self
        while let next = last.next { last = next }
        last.next = stretch
    }

    /// Draws the line with the left end of its baseline at the current point of `cr`.
    func show(on cr: OpaquePointer) {
        var glyphItem = PangoGlyphItem(item: item, glyphs: glyphs, y_offset: 0, start_x_offset: 0, end_x_offset: 0)
        pango_cairo_show_glyph_item(cr, text, &glyphItem)
    }
}

/// A font as a ``FontLibrary`` loads it for one family, size, weight and slant, with what direct
/// shaping needs: the analysis Pango's itemizer gives Latin and script-neutral text in it, and
/// which characters it has.
final class FontFace {
    private let latin: PangoAnalysis
    private let common: PangoAnalysis
    /// Per character below U+2100: 0 not asked yet, 1 the font has it, 2 it does not.
    private var coverage = [UInt8](repeating: 0, count: 0x2100)

    /// Reads the analyses Pango's itemizer gives "Hg" and "12" set in `description`; `nil` if Pango
    /// sets either in any other way than one run of one font, left to right.
    init?(description: OpaquePointer, context: OpaquePointer) {
        let latin = Self.analysis(of: "Hg", description: description, context: context)
        let common = Self.analysis(of: "12", description: description, context: context)
        // Each analysis holds a reference to its font; the face keeps the Latin one's.
        if let common { g_object_unref(common.font) }
        guard let latin, let common, latin.font == common.font, latin.level == 0, common.level == 0 else {
            if let latin { g_object_unref(latin.font) }
            return nil
        }
        self.latin = latin
        self.common = common
    }

    deinit {
        g_object_unref(latin.font)
    }

    /// The script Pango gives plain text.
    enum Script {
        /// The text has a Latin letter; Pango calls the neutral characters around it Latin too.
        case latin
        /// Digits, punctuation and spaces only.
        case neutral
    }

    /// The script of `text` when it is plain characters this font has — left to right, Latin or
    /// script-neutral, so Pango would make one item of it in this font; `nil` otherwise.
    func plainScript(of text: String) -> Script? {
        var script = Script.neutral
        for scalar in text.unicodeScalars {
            let value = scalar.value
            guard Self.isPlain(value), covers(value) else { return nil }
            if script == .neutral, Self.isLatinLetter(value) { script = .latin }
        }
        return script
    }

    /// The analysis Pango's itemizer gives text of `script` in this font.
    func analysis(_ script: Script) -> PangoAnalysis { script == .latin ? latin : common }

    /// Characters that Pango sets as plain left-to-right text.
    ///
    /// They are strong left-to-right or neutral, need no font but the face's own (when it has
    /// them), and mean nothing special to Pango: printable ASCII, Latin-1 and Latin
    /// Extended A and B (but not the soft hyphen), the dashes, quotes and dots of General
    /// Punctuation, and the currency signs. Controls, line breaks, tabs, the invisible formatting
    /// and direction marks, combining marks and every other script take the layout's way.
    static func isPlain(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x24F, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20CF: true
        default: false
        }
    }

    /// Whether `value` (a plain character) belongs to the Latin script rather than to none.
    static func isLatinLetter(_ value: UInt32) -> Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA: true
        case 0xC0...0x24F: value != 0xD7 && value != 0xF7
        default: false
        }
    }

    private func covers(_ value: UInt32) -> Bool {
        let index = Int(value)
        switch coverage[index] {
        case 1: return true
        case 2: return false
        default:
            let has = pango_font_has_char(latin.font, gunichar(value)) != 0
            coverage[index] = has ? 1 : 2
            return has
        }
    }

    /// The analysis of `sample` as Pango's itemizer gives it, the way a layout itemizes its text,
    /// holding a reference to its font.
    ///
    /// Itemizing is all a layout does that the analysis needs. A layout also measures its line, and
    /// measuring asks the font for its metrics, which Pango works out by loading the font a second
    /// time at 96 dpi (a fontconfig pattern of its own, sorted and matched on two new threads) and
    /// laying out a sample sentence: for a face whose text is all shaped directly, that is wasted.
    private static func analysis(
        of sample: String,
        description: OpaquePointer,
        context: OpaquePointer
    ) -> PangoAnalysis? {
        guard let attributes = pango_attr_list_new() else { return nil }
        defer { pango_attr_list_unref(attributes) }
        guard let font = pango_attr_font_desc_new(description) else { return nil }
        pango_attr_list_insert(attributes, font)
        let length = Int32(sample.utf8.count)
        guard let items = pango_itemize(context, sample, 0, length, attributes, nil) else { return nil }
        defer { lp_items_free(items) }
        guard items.pointee.next == nil,
            let item = items.pointee.data?.assumingMemoryBound(to: PangoItem.self),
            item.pointee.length == length, item.pointee.analysis.font != nil
        else { return nil }
        var analysis = item.pointee.analysis
        analysis.extra_attrs = nil
        g_object_ref(analysis.font)  // the item releases its font when freed
        return analysis
    }
}

/// Directly shaped lines waiting to be shown as one Cairo operation.
///
/// Cairo records every show-glyphs call on a PDF page and replays it twice when the page is
/// finished; a statement page of 250 cells costs a millisecond in calls alone. Consecutive lines
/// in one font and colour are therefore gathered and shown together, in the order they were
/// drawn, before anything else is drawn on the page (``Page`` flushes the batch first).
final class GlyphBatch {
    private var scaledFont: OpaquePointer?
    private var color = Color.black
    private var glyphs: [cairo_glyph_t] = []
    private var clusters: [cairo_text_cluster_t] = []
    private var bytes: [CChar] = []

    /// Adds `line` with the left end of its baseline at `origin`, converted straight from Pango's glyphs to
    /// Cairo's, and returns how many glyphs it shows; `nil` if it cannot be batched: a glyph Pango draws specially
    /// (an empty or unknown glyph), which ``ShapedLine/show(on:)`` leaves to Pango, or clusters out of order.
    ///
    /// Nothing is kept on the line: each line is drawn once, and a copy of its glyphs kept on it for a second
    /// drawing that never comes was a tenth of a long statement's heap at its peak (`docs/performance.md`, heap32).
    func add(_ line: ShapedLine, at origin: Point, on cr: OpaquePointer) -> Int? {
        let count = Int(line.glyphs.pointee.num_glyphs)
        guard count > 0, let starts = line.glyphs.pointee.log_clusters, starts[0] == 0,
            let font = line.item.pointee.analysis.font,
            let scaled = pango_cairo_font_get_scaled_font(OpaquePointer(font))
        else { return nil }
        if !glyphs.isEmpty, scaled != scaledFont || line.color != color { flush(on: cr) }
        // Gathered in locals that hold the batch's only reference: an array stored in a class is checked for
        // exclusive access at every change.
        var gathered = (glyphs: glyphs, clusters: clusters)
        (glyphs, clusters) = ([], [])
        let shown = Self.convert(line, count: count, at: origin, into: &gathered)
        (glyphs, clusters) = gathered
        guard shown else { return nil }
        scaledFont = scaled
        color = line.color
        bytes.append(contentsOf: UnsafeBufferPointer(start: line.text, count: Int(line.item.pointee.length)))
        return count
    }

    /// Appends the `count` glyphs of `line` as Cairo draws them, at `origin`, and the clusters that map them to the
    /// text; `false`, with nothing appended, if a glyph is empty or unknown or the clusters are out of order.
    private static func convert(
        _ line: ShapedLine,
        count: Int,
        at origin: Point,
        into gathered: inout (glyphs: [cairo_glyph_t], clusters: [cairo_text_cluster_t])
    ) -> Bool {
        let shaped = line.glyphs.pointee
        guard let infos = shaped.glyphs, let starts = shaped.log_clusters else { return false }
        let (glyphsBefore, clustersBefore) = (gathered.glyphs.count, gathered.clusters.count)
        let scale = TextLayout.scale
        let length = line.item.pointee.length
        var x: Int32 = 0
        var cluster = cairo_text_cluster_t(num_bytes: 0, num_glyphs: 0)
        for index in 0..<count {
            let info = infos[index]
            // Left to right, a cluster is the glyphs that share a start in the text; its bytes run to the next
            // cluster's start.
            let startsCluster = index == 0 || starts[index] != starts[index - 1]
            guard info.glyph != PANGO_GLYPH_EMPTY, info.glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0,
                !startsCluster || index == 0 || starts[index] > starts[index - 1]
            else {
                gathered.glyphs.removeSubrange(glyphsBefore...)
                gathered.clusters.removeSubrange(clustersBefore...)
                return false
            }
            let offset = Double(x + info.geometry.x_offset) / scale
            gathered.glyphs.append(
                cairo_glyph_t(
                    index: UInt(info.glyph),
                    x: origin.x + offset,
                    y: origin.y + Double(info.geometry.y_offset) / scale
                )
            )
            x += info.geometry.width
            if startsCluster {
                if index > 0 { gathered.clusters.append(cluster) }
                cluster = cairo_text_cluster_t(num_bytes: 0, num_glyphs: 0)
            }
            cluster.num_glyphs += 1
            let end = index + 1 < count && starts[index + 1] != starts[index] ? starts[index + 1] : length
            cluster.num_bytes = end - starts[index]
        }
        gathered.clusters.append(cluster)
        return true
    }

    /// Forgets what was gathered (for a page whose drawing failed).
    func discard() {
        glyphs.removeAll(keepingCapacity: true)
        clusters.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Shows what was gathered, if anything.
    func flush(on cr: OpaquePointer) {
        guard !glyphs.isEmpty, let scaledFont else { return }
        color.setSource(of: cr)
        cairo_set_scaled_font(cr, scaledFont)
        cairo_show_text_glyphs(
            cr,
            bytes,
            Int32(bytes.count),
            glyphs,
            Int32(glyphs.count),
            clusters,
            Int32(clusters.count),
            cairo_text_cluster_flags_t(rawValue: 0)
        )
        discard()
    }
}

extension Color {
    /// Makes this colour the source `cr` paints with; an opaque one as plain RGB.
    func setSource(of cr: OpaquePointer) {
        if alpha < 1 {
            cairo_set_source_rgba(cr, red, green, blue, alpha)
        } else {
            cairo_set_source_rgb(cr, red, green, blue)
        }
    }
}
