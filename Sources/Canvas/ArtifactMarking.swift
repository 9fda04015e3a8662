/// Marks what a page draws outside every structure element as an artifact (`/Artifact BMC … EMC`).
///
/// Cairo 1.16 has no artifact tag: what is drawn outside a structure element (page numbers,
/// running headers and footers, the PAID or VOID watermark, backgrounds and rules, a table's
/// header row repeated on a later page) is left unmarked, which a screen reader may read and
/// PDF/UA forbids. Each such graphics object (a text object, a path, an image) is wrapped in a
/// marked-content sequence of its own, so marked content nests with `q`/`Q` and text objects as
/// Cairo wrote them. Content inside structure elements is not touched.
enum ArtifactMarking {
    /// An operator's bytes packed into one integer, so that it is told apart without comparing
    /// strings (a statement page has thousands); 0 for a word longer than four bytes.
    static func code(_ bytes: [UInt8], _ range: Range<Int>) -> UInt32 {
        guard range.count <= 4 else { return 0 }
        var value: UInt32 = 0
        for index in range { value = value << 8 | UInt32(bytes[index]) }
        return value
    }

    private static func code(_ text: String) -> UInt32 {
        let bytes = Array(text.utf8)
        return code(bytes, 0..<bytes.count)
    }

    private static let (beginMarked, beginMarkedWithProperties, endMarked) = (code("BMC"), code("BDC"), code("EMC"))
    private static let (beginText, endText) = (code("BT"), code("ET"))
    private static let (xObject, shading, inlineImage) = (code("Do"), code("sh"), code("EI"))
    private static let (moveTo, rectangle) = (code("m"), code("re"))
    /// Operators that paint or end a path.
    private static let pathEnds = ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"].map(code)

    /// `content` (a page's decoded content stream) with its unmarked graphics objects marked as
    /// artifacts; `nil` when it is not as Cairo writes it (marked content inside a text object or
    /// a path, or unbalanced), so that the caller leaves the page as it is.
    static func marked(_ content: [UInt8]) -> [UInt8]? {
        var scanner = Scanner(content)
        var output: [UInt8] = []
        output.reserveCapacity(content.count + content.count / 16)
        var copied = 0
        var depth = 0
        // The depth a text object began at: Cairo marks a glyph's `/ActualText` inside the text
        // object (`/Span << /ActualText … >> BDC … EMC`), which must close within it.
        var textDepth = 0
        var inText = false
        var inPath = false
        var open = false
        func begin(at index: Int) {
            output += content[copied..<index]
            output += Array("/Artifact BMC\n".utf8)
            copied = index
            open = true
        }
        func end(at index: Int) {
            output += content[copied..<index]
            output += Array("\nEMC".utf8)
            copied = index
            open = false
        }
        while let (op, operands) = scanner.nextOperator() {
            switch Self.code(content, op) {
            case Self.beginMarked, Self.beginMarkedWithProperties:
                guard !inPath else { return nil }
                depth += 1
            case Self.endMarked:
                guard !inPath, depth > (inText ? textDepth : 0) else { return nil }
                depth -= 1
            case Self.beginText:
                inText = true
                textDepth = depth
                if depth == 0 { begin(at: op.lowerBound) }
            case Self.endText:
                guard depth == textDepth else { return nil }
                inText = false
                if open { end(at: op.upperBound) }
            case Self.xObject, Self.shading, Self.inlineImage:
                if depth == 0, !inText, !inPath {
                    begin(at: operands)
                    end(at: op.upperBound)
                }
            case Self.moveTo, Self.rectangle:
                if !inText, !inPath {
                    inPath = true
                    if depth == 0 { begin(at: operands) }
                }
            case let code where inPath && Self.pathEnds.contains(code):
                inPath = false
                if open { end(at: op.upperBound) }
            default: break
            }
        }
        guard scanner.complete, depth == 0, !inText, !inPath, !open else { return nil }
        output += content[copied...]
        return output
    }

    /// Reads a content stream an operator at a time.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// Whether the stream was read to its end without a broken token.
        var complete = true

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        private static let (constantTrue, constantNull) = (ArtifactMarking.code("true"), ArtifactMarking.code("null"))
        private static let (beginImage, imageData) = (ArtifactMarking.code("BI"), ArtifactMarking.code("ID"))

        /// The next operator's range and where its operands start (the operator itself when it has none).
        ///
        /// An inline image (`BI … ID data EI`) comes back as its `EI`, with the `BI` as its operands' start.
        mutating func nextOperator() -> (Range<Int>, operands: Int)? {
            var operands: Int?
            while let token = nextToken() {
                if operands == nil { operands = token.lowerBound }
                let first = bytes[token.lowerBound]
                guard Self.isRegular(first), !Self.isNumeric(first) else { continue }
                let word = ArtifactMarking.code(bytes, token)
                if word == Self.constantTrue || word == Self.constantNull || token.count == 5 {  // true null false
                    continue
                }
                if word == Self.imageData {
                    guard let end = skipImageData() else {
                        complete = false
                        return nil
                    }
                    return (end - 2..<end, operands ?? token.lowerBound)
                }
                if word == Self.beginImage { continue }
                return (token, operands ?? token.lowerBound)
            }
            return nil
        }

        /// Skips an inline image's data to just past its `EI`.
        private mutating func skipImageData() -> Int? {
            var at = index + 1
            while at + 2 <= bytes.count {
                if bytes[at] == 0x45, bytes[at + 1] == 0x49, Self.isSpace(bytes[at - 1]),
                    at + 2 == bytes.count || Self.isSpace(bytes[at + 2])
                {
                    index = at + 2
                    return index
                }
                at += 1
            }
            return nil
        }

        /// The next token's range: a number, name, operator, string, dictionary or array bracket.
        private mutating func nextToken() -> Range<Int>? {
            while index < bytes.count, Self.isSpace(bytes[index]) || bytes[index] == 0x25 {
                if bytes[index] == 0x25 {
                    while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
                } else {
                    index += 1
                }
            }
            guard index < bytes.count else { return nil }
            let start = index
            switch bytes[index] {
            case 0x28:  // ( a literal string, balanced, with backslash escapes
                var nesting = 0
                while index < bytes.count {
                    switch bytes[index] {
                    case 0x5C: index += 1
                    case 0x28: nesting += 1
                    case 0x29: nesting -= 1
                    default: break
                    }
                    index += 1
                    if nesting == 0 { break }
                }
                if nesting != 0 { complete = false }
            case 0x3C where index + 1 < bytes.count && bytes[index + 1] == 0x3C, 0x3E:  // << >>
                index += bytes[index] == 0x3E && index + 1 < bytes.count && bytes[index + 1] == 0x3E ? 2 : 1
                if bytes[start] == 0x3C { index += 1 }
            case 0x3C:  // <hex string>
                while index < bytes.count, bytes[index] != 0x3E { index += 1 }
                index += 1
            case 0x5B, 0x5D, 0x7B, 0x7D: index += 1
            case 0x2F:  // a name
                index += 1
                while index < bytes.count, Self.isRegular(bytes[index]) { index += 1 }
            default:
                while index < bytes.count, Self.isRegular(bytes[index]) { index += 1 }
                if index == start { index += 1 }
            }
            return start..<min(index, bytes.count)
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00: return true
            default: return false
            }
        }

        private static func isRegular(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00, 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25:
                return false
            default: return true
            }
        }

        private static func isNumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E
        }
    }
}
