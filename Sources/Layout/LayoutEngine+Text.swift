import Canvas
import Markup

extension LayoutEngine {
    /// The text style of an element's computed style: the first installed family of its list.
    func textStyle(_ style: ComputedStyle) -> TextStyle {
        TextStyle(
            family: family(style.fontFamily),
            size: style.fontSize,
            weight: FontWeight(style.fontWeight),
            italic: style.italic,
            color: Color(style.color)
        )
    }

    /// The first installed family of a `font-family` list, remembered per list.
    func family(_ families: [String]) -> String {
        if let known = familyCache[families] { return known }
        let family = families.first(where: { fonts.hasFamily($0) }) ?? families.first ?? FontLibrary.defaultFamily
        let resolved = ["sans-serif", "sans"].contains(family.lowercased()) ? FontLibrary.defaultFamily : family
        familyCache[families] = resolved
        return resolved
    }

    /// The paragraph settings for a block's text.
    func paragraphStyle(_ style: ComputedStyle, width: Double) throws(LayoutError) -> ParagraphStyle {
        let alignment: TextAlignment
        switch style.textAlign {
        case .left: alignment = .left
        case .right: alignment = .right
        case .center: alignment = .center
        case .justify: alignment = .justify
        }
        let wraps = style.whiteSpace != .nowrap && style.whiteSpace != .pre
        var spacing = 1.0
        switch style.lineHeight {
        case .normal: break
        case .factor(let factor): spacing = factor * style.fontSize / (try naturalLineHeight(textStyle(style)))
        case .points(let points): spacing = points / (try naturalLineHeight(textStyle(style)))
        }
        return ParagraphStyle(
            width: max(0, width),
            wrap: wraps ? .wordOrCharacter : .none,
            alignment: alignment,
            lineSpacing: spacing
        )
    }

    /// The font's own line height at a style's size.
    func naturalLineHeight(_ style: TextStyle) throws(LayoutError) -> Double {
        if let known = naturalLineHeights[style] { return known }
        let height = try text([TextRun("Hg", style: style)], ParagraphStyle(), at: nil).height
        naturalLineHeights[style] = height
        return height
    }

    /// Collapses white space as the style says; keeps line breaks for `pre` and `pre-line`.
    ///
    /// Works on UTF-8 bytes — white space is ASCII — and returns the text itself when there is
    /// nothing to collapse, as in most table cells.
    static func collapse(_ text: String, _ whiteSpace: WhiteSpace) -> String {
        switch whiteSpace {
        case .pre, .preWrap: return text
        case .normal, .nowrap, .preLine: break
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        var previousWasSpace = false
        let needsWork = text.utf8.contains { byte in
            defer { previousWasSpace = byte == 0x20 }
            return byte == 0x0A || byte == 0x09 || byte == 0x0D || (byte == 0x20 && previousWasSpace)
        }
        guard needsWork else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        var lastWasSpace = false
        for byte in text.utf8 {
            if byte == 0x0A, whiteSpace == .preLine {
                result.append(0x0A)
                lastWasSpace = true
            } else if isSpace(byte) {
                if !lastWasSpace { result.append(0x20) }
                lastWasSpace = true
            } else {
                result.append(byte)
                lastWasSpace = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func transform(_ text: String, _ transform: TextTransform) -> String {
        switch transform {
        case .none: return text
        case .uppercase: return text.uppercased()
        case .lowercase: return text.lowercased()
        case .capitalize:
            return text.split(separator: " ", omittingEmptySubsequences: false).map {
                $0.prefix(1).uppercased() + $0.dropFirst()
            }.joined(separator: " ")
        }
    }

    /// The runs of the inline content `nodes` in `style`: text, spans, strong, em, links, line breaks.
    func inlineRuns(_ nodes: [StyledNode], style: ComputedStyle, link: String?, into runs: inout [TextRun]) {
        for node in nodes {
            switch node {
            case .text(let raw):
                var text = Self.transform(Self.collapse(raw, style.whiteSpace), style.textTransform)
                if let last = runs.last?.text.last, last == " " || last == "\n", text.hasPrefix(" ") {
                    text.removeFirst()
                }
                guard !text.isEmpty else { continue }
                runs.append(TextRun(text, style: textStyle(style), link: link))
            case .element(let element):
                guard element.style.display != .none else { continue }
                if element.element.name == "br" {
                    if let index = runs.indices.last, runs[index].text.hasSuffix(" ") { runs[index].text.removeLast() }
                    runs.append(TextRun("\n", style: textStyle(style), link: link))
                    continue
                }
                let href = element.element.name == "a" ? element.element.attributes["href"] : link
                inlineRuns(element.children, style: element.style, link: href, into: &runs)
            }
        }
    }

    /// Trims the paragraph's outer white space and drops empty runs; `nil` when nothing is left.
    static func trimmed(_ runs: [TextRun]) -> [TextRun]? {
        var runs = runs
        while let first = runs.first, first.text.allSatisfy({ $0 == " " }) { runs.removeFirst() }
        while let last = runs.last, last.text.allSatisfy({ $0 == " " }) { runs.removeLast() }
        guard !runs.isEmpty else { return nil }
        if runs[0].text.hasPrefix(" ") { runs[0].text.removeFirst() }
        if runs[runs.count - 1].text.hasSuffix(" ") { runs[runs.count - 1].text.removeLast() }
        return runs
    }
}
