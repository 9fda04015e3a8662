/// Marks a page's contents, drawn by Cairo without tags, with the structure elements that drew
/// them: `/TD << /MCID n >> BDC … EMC` around each element's glyphs and paintings, and
/// `/Artifact BMC … EMC` around what no element holds.
///
/// The page's ``StructureRecorder/Segment``s say how many glyphs and painting operators each owner
/// drew, in drawing order, which is the order Cairo writes them in. Cairo shows the text of a whole
/// table row in one text object (one `TJ` even, with the gaps as numbers), so a `TJ` or `Tj` is
/// split where its owner changes: `[(12.00)] TJ EMC /TD << /MCID 7 >> BDC [-3000 (EUR)] TJ` moves the
/// text position exactly as the single operator did. A marked-content sequence never holds a `q`,
/// `Q`, `BT` or `ET`, so it nests with them as Cairo wrote them.
///
/// When the counts and the contents disagree (a glyph Cairo left out, a painting Pango added) the
/// answer is `nil`: the caller then has the document drawn again with Cairo's own tags.
enum StructureMarking {
    /// A page's contents with marked content, and which segment each marked-content identifier
    /// (MCID, counted from 0 on each page) belongs to.
    struct Marked {
        var content: [UInt8]
        var segmentOfMCID: [Int]
    }

    private typealias Code = UInt32
    private static func code(_ text: String) -> Code {
        let bytes = Array(text.utf8)
        return ArtifactMarking.code(bytes, 0..<bytes.count)
    }

    private static let (save, restore) = (code("q"), code("Q"))
    private static let (beginText, endText, font) = (code("BT"), code("ET"), code("Tf"))
    private static let (showText, showTexts) = (code("Tj"), code("TJ"))
    private static let (nextLineShow, spacedShow) = (code("'"), code("\""))
    private static let (beginMarked, beginMarkedWithProperties, endMarked) = (code("BMC"), code("BDC"), code("EMC"))
    private static let (xObject, shading, inlineImage) = (code("Do"), code("sh"), code("EI"))
    private static let (moveTo, rectangle, noPaint) = (code("m"), code("re"), code("n"))
    private static let clips = [code("W"), code("W*")]
    /// Operators that paint a path.
    private static let paints = ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*"].map(code)

    /// `content` marked after `segments`; `nil` when they do not match it.
    ///
    /// - Parameters:
    ///   - content: A page's decoded content stream, as Cairo wrote it.
    ///   - segments: What each owner drew on the page, in drawing order.
    ///   - bytesPerGlyph: How many bytes a glyph code takes in the font of a resource name (`f-0-0`):
    ///     1 in a simple font, 2 in a composite one; `nil` for a name the page does not have.
    ///   - type: The structure type written in the marked content of an element (`P`, `TD`).
    /// - Returns: The marked content and each MCID's segment.
    static func marked(
        _ content: [UInt8],
        segments: [StructureRecorder.Segment],
        bytesPerGlyph: (ArraySlice<UInt8>) -> Int?,
        type: (Int) -> String
    ) -> Marked? {
        var walk = Walk(
            content: content,
            segments: segments,
            types: segments.map { $0.owner >= 0 ? type($0.owner) : "" }
        )
        var scanner = ArtifactMarking.Scanner(content)
        var inText = false
        var inPath = false
        var clipping = false
        var pathStart = 0
        var spans = 0
        var width: Int?
        while let (op, operands) = scanner.nextOperator() {
            let word = ArtifactMarking.code(content, op)
            switch word {
            case save, restore:
                guard !inText, !inPath else { return nil }
                walk.close(at: op.lowerBound)
            case beginText:
                guard !inText, !inPath else { return nil }
                walk.close(at: op.lowerBound)
                inText = true
            case endText:
                guard inText, spans == 0 else { return nil }
                walk.close(at: op.lowerBound)
                inText = false
            case beginMarked, beginMarkedWithProperties:
                // Cairo's `/Span << /ActualText … >> BDC` around a cluster: inside the element of its glyphs.
                guard inText, let segment = walk.peekGlyph() else { return nil }
                walk.switchTo(segment, at: operands)
                spans += 1
            case endMarked:
                guard inText, spans > 0 else { return nil }
                spans -= 1
            case font:
                guard let name = walk.firstName(in: operands..<op.lowerBound), let bytes = bytesPerGlyph(name)
                else { return nil }
                width = bytes
            case showText, showTexts:
                guard inText, let width,
                    walk.show(operands..<op.lowerBound, width: width, array: word == showTexts, inSpan: spans > 0)
                else { return nil }
            case nextLineShow, spacedShow:
                return nil
            case xObject, shading, inlineImage:
                guard !inText, !inPath, let segment = walk.takePaint() else { return nil }
                walk.switchTo(segment, at: operands)
            case moveTo, rectangle:
                guard !inText else { return nil }
                if !inPath {
                    inPath = true
                    pathStart = operands
                }
            case let code where clips.contains(code):
                clipping = true
            case noPaint:
                inPath = false
                clipping = false
            case let code where paints.contains(code):
                guard inPath, !clipping, let segment = walk.takePaint() else { return nil }
                walk.switchTo(segment, at: pathStart)
                inPath = false
            default: break
            }
        }
        guard scanner.complete, !inText, !inPath, spans == 0, walk.isExhausted() else { return nil }
        walk.close(at: content.count)
        walk.output += content[walk.copied...]
        return Marked(content: walk.output, segmentOfMCID: walk.segmentOfMCID)
    }

    /// The output being written and the counts not yet found.
    private struct Walk {
        let content: [UInt8]
        /// Each segment's structure type, as the bytes written after the slash.
        let types: [[UInt8]]
        var owners: [Int]
        var glyphs: [Int]
        var paints: [Int]
        var cursor = 0
        var output: [UInt8] = []
        var copied = 0
        /// The segment whose marked content is open.
        var open: Int?
        var segmentOfMCID: [Int] = []

        init(content: [UInt8], segments: [StructureRecorder.Segment], types: [String]) {
            self.content = content
            self.types = types.map { Array($0.utf8) }
            owners = segments.map(\.owner)
            glyphs = segments.map(\.glyphs)
            paints = segments.map(\.paints)
            output.reserveCapacity(content.count + content.count / 8)
        }

        /// Whether every glyph and painting of the segments was found.
        mutating func isExhausted() -> Bool {
            skipSpent()
            return cursor == owners.count
        }

        private mutating func skipSpent() {
            while cursor < owners.count, glyphs[cursor] == 0, paints[cursor] == 0 { cursor += 1 }
        }

        /// The segment the next glyph belongs to, without counting it.
        mutating func peekGlyph() -> Int? {
            skipSpent()
            return cursor < owners.count && glyphs[cursor] > 0 ? cursor : nil
        }

        mutating func takeGlyph() -> Int? {
            guard let segment = peekGlyph() else { return nil }
            glyphs[segment] -= 1
            return segment
        }

        mutating func takePaint() -> Int? {
            skipSpent()
            guard cursor < owners.count, paints[cursor] > 0 else { return nil }
            paints[cursor] -= 1
            return cursor
        }

        private static let (showTexts, showText) = (Array("]TJ".utf8), Array("Tj".utf8))
        private static let artifact = Array("\n/Artifact BMC\n".utf8)
        private static let (mcidKey, properties) = (Array(" <</MCID ".utf8), Array(">> BDC\n".utf8))
        private static let (endMarked, endMarkedAfter) = (Array("\nEMC\n".utf8), Array("\nEMC".utf8))

        /// Writes the marked-content operator that opens `segment`'s content, on a line of its own.
        private mutating func writeOpening(_ segment: Int) {
            guard owners[segment] >= 0 else {
                output += Self.artifact
                return
            }
            let mcid = segmentOfMCID.count
            segmentOfMCID.append(segment)
            output.append(0x0A)
            output.append(0x2F)
            output += types[segment]
            output += Self.mcidKey
            var digits = 1
            while digits * 10 <= mcid { digits *= 10 }
            while digits > 0 {
                output.append(UInt8(0x30 + mcid / digits % 10))
                digits /= 10
            }
            output += Self.properties
        }

        /// Closes the open marked content before `index`.
        mutating func close(at index: Int) {
            guard open != nil else { return }
            output += content[copied..<index]
            output += Self.endMarked
            copied = index
            open = nil
        }

        /// Makes `segment`'s marked content the open one from `index` on.
        mutating func switchTo(_ segment: Int, at index: Int) {
            guard open != segment else { return }
            close(at: index)
            output += content[copied..<index]
            writeOpening(segment)
            copied = index
            open = segment
        }

        /// Splits a text-showing operator at `index` (between glyphs) for `segment`: the part before
        /// is shown and closed, the rest shown in `segment`'s marked content.
        private mutating func split(at index: Int, for segment: Int, array: Bool, inString: UInt8?) {
            output += content[copied..<index]
            if let inString { output.append(inString == 0x28 ? 0x29 : 0x3E) }
            output += array ? Self.showTexts : Self.showText
            output += Self.endMarkedAfter
            writeOpening(segment)
            if array { output.append(0x5B) }
            if let inString { output.append(inString) }
            copied = index
            open = segment
        }

        /// The first name among the tokens in `range`, without its slash.
        func firstName(in range: Range<Int>) -> ArraySlice<UInt8>? {
            guard let slash = content[range].firstIndex(of: 0x2F) else { return nil }
            var end = slash + 1
            while end < range.upperBound, !Self.ends(content[end]) { end += 1 }
            return content[(slash + 1)..<end]
        }

        private static func ends(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00, 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x2F: true
            default: false
            }
        }

        /// Counts the glyphs of a `Tj` or `TJ` whose operands are `range`, `width` bytes a glyph,
        /// and marks them; `false` when there are more glyphs than the segments hold.
        ///
        /// Inside a span of Cairo's (`inSpan`) the owner cannot change.
        mutating func show(_ range: Range<Int>, width: Int, array: Bool, inSpan: Bool) -> Bool {
            var index = range.lowerBound
            var first = true
            while index < range.upperBound {
                let byte = content[index]
                guard byte == 0x28 || byte == 0x3C else {
                    index += 1
                    continue
                }
                let isHex = byte == 0x3C
                let stringStart = index
                index += 1
                var bytesInGlyph = 0
                var nesting = 1
                while index < range.upperBound {
                    let at = index
                    var ended = false
                    // One byte of the string: its encoded extent is at..<index.
                    if isHex {
                        let digit = content[index]
                        if digit == 0x3E {
                            index += 1
                            ended = true
                        } else if Self.isHexDigit(digit) {
                            index += 1
                            while index < range.upperBound, !Self.isHexDigit(content[index]), content[index] != 0x3E {
                                index += 1
                            }
                            guard index < range.upperBound, Self.isHexDigit(content[index]) else { return false }
                            index += 1
                        } else {
                            index += 1
                            continue
                        }
                    } else {
                        let character = content[index]
                        if character == 0x5C {
                            index += 1
                            guard index < range.upperBound else { return false }
                            if content[index] >= 0x30, content[index] <= 0x37 {
                                var digits = 0
                                while digits < 3, index < range.upperBound, content[index] >= 0x30,
                                    content[index] <= 0x37
                                {
                                    index += 1
                                    digits += 1
                                }
                            } else if content[index] == 0x0A || content[index] == 0x0D {
                                index += 1  // a line continuation: no byte
                                continue
                            } else {
                                index += 1
                            }
                        } else if character == 0x28 {
                            nesting += 1
                            index += 1
                        } else if character == 0x29 {
                            nesting -= 1
                            index += 1
                            if nesting == 0 { ended = true }
                        } else {
                            index += 1
                        }
                    }
                    if ended { break }
                    if bytesInGlyph == 0 {
                        guard let segment = takeGlyph() else { return false }
                        if open != segment {
                            guard !inSpan else { return false }
                            if first {
                                switchTo(segment, at: range.lowerBound)
                            } else if at == stringStart + 1 {
                                split(at: stringStart, for: segment, array: array, inString: nil)
                            } else {
                                split(at: at, for: segment, array: array, inString: byte)
                            }
                        }
                        first = false
                    }
                    bytesInGlyph = (bytesInGlyph + 1) % width
                }
                guard bytesInGlyph == 0 else { return false }
            }
            return true
        }

        private static func isHexDigit(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }
    }
}
