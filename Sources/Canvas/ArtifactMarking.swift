/// Marks what a page draws outside every structure element as an artifact (`/Artifact BMC … EMC`).
///
/// Cairo 1.16 has no artifact tag: what is drawn outside a structure element (page numbers,
/// running headers and footers, the PAID or VOID watermark, backgrounds and rules, a table's
/// header row repeated on a later page) is left unmarked, which a screen reader may read and
/// PDF/UA forbids. Each such graphics object (a text object, a path, an image) is wrapped in a
/// marked-content sequence of its own, so marked content nests with `q`/`Q` and text objects as
/// Cairo wrote them. Content inside structure elements is not touched.
enum ArtifactMarking {
    /// Whether `name` starts a path: `m` or `re`.
    private static func startsPath(_ name: ArraySlice<UInt8>) -> Bool {
        (name.count == 1 && name.first == UInt8(ascii: "m"))
            || (name.count == 2 && name.first == UInt8(ascii: "r") && name.last == UInt8(ascii: "e"))
    }

    /// Whether `name` paints or ends a path: `S s f F f* B B* b b* n`.
    private static func endsPath(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first else { return false }
        switch name.count {
        case 1: return "SsfFBbn".utf8.contains(first)
        case 2: return name.last == UInt8(ascii: "*") && "fBb".utf8.contains(first)
        default: return false
        }
    }

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
            let name = content[op]
            switch name.count {
            case 3 where name.elementsEqual("BDC".utf8), 3 where name.elementsEqual("BMC".utf8):
                guard !inPath else { return nil }
                depth += 1
            case 3 where name.elementsEqual("EMC".utf8):
                guard !inPath, depth > (inText ? textDepth : 0) else { return nil }
                depth -= 1
            case 2 where name.elementsEqual("BT".utf8):
                inText = true
                textDepth = depth
                if depth == 0 { begin(at: op.lowerBound) }
            case 2 where name.elementsEqual("ET".utf8):
                guard depth == textDepth else { return nil }
                inText = false
                if open { end(at: op.upperBound) }
            case 2 where name.elementsEqual("Do".utf8), 2 where name.elementsEqual("sh".utf8),
                2 where name.elementsEqual("EI".utf8):
                if depth == 0, !inText, !inPath {
                    begin(at: operands)
                    end(at: op.upperBound)
                }
            default:
                if !inText, !inPath, startsPath(name) {
                    inPath = true
                    if depth == 0 { begin(at: operands) }
                } else if inPath, endsPath(name) {
                    inPath = false
                    if open { end(at: op.upperBound) }
                }
            }
        }
        guard scanner.complete, depth == 0, !inText, !inPath, !open else { return nil }
        output += content[copied...]
        return output
    }

    /// Reads a content stream an operator at a time.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// Whether the stream was read to its end without a broken token.
        var complete = true

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        /// The next operator's range and where its operands start (the operator itself when it has none).
        ///
        /// An inline image (`BI … ID data EI`) comes back as its `EI`, with the `BI` as its operands' start.
        mutating func nextOperator() -> (Range<Int>, operands: Int)? {
            var operands: Int?
            while let token = nextToken() {
                if operands == nil { operands = token.lowerBound }
                let first = bytes[token.lowerBound]
                guard Self.isRegular(first), !Self.isNumeric(first) else { continue }
                let word = bytes[token]
                if word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8)
                    || word.elementsEqual("null".utf8)
                {
                    continue
                }
                if word.elementsEqual("ID".utf8) {
                    guard let end = skipImageData() else {
                        complete = false
                        return nil
                    }
                    return (end - 2..<end, operands ?? token.lowerBound)
                }
                if word.elementsEqual("BI".utf8) { continue }
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
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
        }

        private static func isRegular(_ byte: UInt8) -> Bool {
            !isSpace(byte) && ![0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25].contains(byte)
        }

        private static func isNumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E
        }
    }
}
