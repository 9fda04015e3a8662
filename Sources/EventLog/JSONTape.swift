import Foundation

/// A parsed JSON text: its bytes and one node per value, in document order.
///
/// ``TapeDecoder`` reads records from a tape instead of a tree of boxed values: parsing is one
/// pass over the bytes that appends fixed-size nodes to one array, and a container's members are
/// found by walking its children with each node's `next` index.
///
/// - Complexity: O(n) time and memory in the length of the text.
final class JSONTape {
    enum Kind: UInt8 {
        case object, array, string, escapedString, number, `true`, `false`, null
    }

    struct Node {
        var kind: Kind
        /// The value's first byte; for strings, the first byte after the opening quote.
        var start: Int32
        /// One past the value's last byte; for strings, the closing quote.
        var end: Int32
        /// The index of the node after this value and everything in it.
        var next: Int32
        /// Members of an object (each a key node then a value node) or elements of an array.
        var count: Int32
    }

    let bytes: [UInt8]
    let nodes: [Node]
    /// Whether a string read from this tape may not hold control characters (files from outside).
    let refusesControlCharacters: Bool

    /// Parses `bytes` as one JSON value, with nothing but whitespace after it.
    init(_ bytes: [UInt8], refusingControlCharacters: Bool = false) throws(JSONSyntaxError) {
        self.bytes = bytes
        refusesControlCharacters = refusingControlCharacters
        guard bytes.count < Int(Int32.max) else {
            throw JSONSyntaxError(line: 1, column: 1, reason: "larger than 2 GB: split it into several files")
        }
        // A byte order mark, as some Windows editors write, is not part of the JSON.
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        nodes = try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
            var parser = Parser(bytes: buffer)
            parser.nodes.reserveCapacity(bytes.count / 8 + 1)
            try parser.parseValue(at: &position, depth: 0)
            parser.skipWhitespace(&position)
            if position < buffer.count { throw parser.error(at: position, "unexpected text after the JSON value") }
            return parser.nodes
        }
    }

    /// The string a string node holds, with escapes resolved; `nil` if it is not valid UTF-8.
    func string(at index: Int) -> String? {
        let node = nodes[index]
        let range = Int(node.start)..<Int(node.end)
        if node.kind == .string {
            return bytes.withUnsafeBufferPointer {
                String(validating: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
            }
        }
        return Self.unescape(bytes[range])
    }

    /// Whether a key node spells `key` exactly.
    func keyEquals(_ index: Int, _ key: String) -> Bool {
        let node = nodes[index]
        if node.kind == .escapedString { return string(at: index) == key }
        let length = Int(node.end - node.start)
        var key = key
        return key.withUTF8 { utf8 in
            guard utf8.count == length else { return false }
            return bytes.withUnsafeBufferPointer { buffer in
                memoryEquals(utf8, UnsafeBufferPointer(rebasing: buffer[Int(node.start)..<Int(node.end)]))
            }
        }
    }

    /// The keys and indexes from the root to node `target`, for error messages.
    ///
    /// - Complexity: O(depth × members), paid only when an error is reported.
    func path(to target: Int) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var current = 0
        descending: while current != target {
            let node = nodes[current]
            var child = current + 1
            for index in 0..<Int(node.count) {
                let value = node.kind == .object ? child + 1 : child
                let next = Int(nodes[value].next)
                if target >= child, target < next {
                    if node.kind == .object {
                        keys.append(RecordIndexKey(stringValue: string(at: child) ?? "?"))
                    } else {
                        keys.append(RecordIndexKey(intValue: index))
                    }
                    current = value
                    continue descending
                }
                child = next
            }
            break
        }
        return keys
    }

    /// The line and column (from 1) of byte `offset`.
    static func lineAndColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column =
            String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<min(offset, bytes.count)]), as: UTF8.self)
            .count + 1
        return (line, column)
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                continue
            }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = hexValue(bytes[index..<index + 4])
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= bytes.endIndex, bytes[index] == UInt8(ascii: "\\") {
                    let low = hexValue(bytes[index + 2..<index + 6])
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                output.append(contentsOf: Array(String(Character(unicode)).utf8))
            default: output.append(escape)  // \" \\ \/
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32 {
        digits.reduce(0) { value, digit in
            let nibble: UInt8 =
                switch digit {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
                default: digit - UInt8(ascii: "A") + 10
                }
            return value << 4 | UInt32(nibble)
        }
    }
}

private func memoryEquals(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    guard left.count == right.count else { return false }
    guard let a = left.baseAddress, let b = right.baseAddress else { return true }
    return memcmp(a, b, left.count) == 0
}

/// The recursive-descent parser that fills a tape.
private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var nodes: [JSONTape.Node] = []

    mutating func append(_ node: JSONTape.Node) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    mutating func finish(_ index: Int, end: Int, count: Int) {
        nodes[index].end = Int32(end)
        nodes[index].count = Int32(count)
        nodes[index].next = Int32(nodes.count)
    }
    /// Deeper than any record; guards the stack against hostile input.
    static let maximumDepth = 256

    func error(at offset: Int, _ reason: String) -> JSONSyntaxError {
        let (line, column) = JSONTape.lineAndColumn(of: offset, in: bytes)
        return JSONSyntaxError(line: line, column: column, reason: reason)
    }

    func skipWhitespace(_ position: inout Int) {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func parseValue(at position: inout Int, depth: Int) throws(JSONSyntaxError) {
        skipWhitespace(&position)
        guard position < bytes.count else { throw error(at: position, "the text ends where a value was expected") }
        guard depth < Self.maximumDepth else {
            throw error(at: position, "nested deeper than \(Self.maximumDepth) levels")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): try parseObject(at: &position, depth: depth)
        case UInt8(ascii: "["): try parseArray(at: &position, depth: depth)
        case UInt8(ascii: "\""): try parseString(at: &position)
        case UInt8(ascii: "t"): try parseLiteral("true", .true, at: &position)
        case UInt8(ascii: "f"): try parseLiteral("false", .false, at: &position)
        case UInt8(ascii: "n"): try parseLiteral("null", .null, at: &position)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber(at: &position)
        default: throw error(at: position, "expected a value, found '\(Character(Unicode.Scalar(bytes[position])))'")
        }
    }

    private mutating func parseObject(at position: inout Int, depth: Int) throws(JSONSyntaxError) {
        let index = append(.init(kind: .object, start: Int32(position), end: 0, next: 0, count: 0))
        position += 1
        var count = 0
        skipWhitespace(&position)
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return finish(index, end: position, count: 0)
        }
        while true {
            skipWhitespace(&position)
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error(at: position, "expected a member name in quotes")
            }
            try parseString(at: &position)
            skipWhitespace(&position)
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error(at: position, "expected ':' after the member name")
            }
            position += 1
            try parseValue(at: &position, depth: depth + 1)
            count += 1
            skipWhitespace(&position)
            guard position < bytes.count else { throw error(at: position, "the text ends inside an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error(at: position, "expected ',' or '}'") }
            position += 1
            return finish(index, end: position, count: count)
        }
    }

    private mutating func parseArray(at position: inout Int, depth: Int) throws(JSONSyntaxError) {
        let index = append(.init(kind: .array, start: Int32(position), end: 0, next: 0, count: 0))
        position += 1
        var count = 0
        skipWhitespace(&position)
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return finish(index, end: position, count: 0)
        }
        while true {
            try parseValue(at: &position, depth: depth + 1)
            count += 1
            skipWhitespace(&position)
            guard position < bytes.count else { throw error(at: position, "the text ends inside an array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error(at: position, "expected ',' or ']'") }
            position += 1
            return finish(index, end: position, count: count)
        }
    }

    private mutating func parseString(at position: inout Int) throws(JSONSyntaxError) {
        let opening = position
        position += 1
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let kind: JSONTape.Kind = escaped ? .escapedString : .string
                _ = append(
                    .init(kind: kind, start: Int32(opening + 1), end: Int32(position), next: 0, count: 0)
                )
                finish(nodes.count - 1, end: position, count: 0)
                position += 1
                return
            }
            if byte < 0x20 { throw error(at: position, "a control character inside a string must be escaped") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard position + 1 < bytes.count else { break }
                switch bytes[position + 1] {
                case UInt8(ascii: "u"):
                    let digits = position + 2..<position + 6
                    guard digits.upperBound <= bytes.count, digits.allSatisfy({ bytes[$0].isHexDigit }) else {
                        throw error(at: position, "\\u must be followed by four hexadecimal digits")
                    }
                    position += 6
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                    continue
                default: throw error(at: position, "unknown escape in a string")
                }
            }
            position += 1
        }
        throw error(at: opening, "a string is not closed")
    }

    private mutating func parseLiteral(
        _ word: StaticString,
        _ kind: JSONTape.Kind,
        at position: inout Int
    ) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        let matches =
            position + length <= bytes.count
            && (0..<length).allSatisfy { bytes[position + $0] == word.utf8Start[$0] }
        guard matches else {
            var end = position
            while end < bytes.count, end - position < 20, (bytes[end] | 0x20) >= 0x61, (bytes[end] | 0x20) <= 0x7A {
                end += 1
            }
            let found = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
            throw error(at: position, "expected \(word), found '\(found)'")
        }
        let index = append(.init(kind: kind, start: Int32(position), end: 0, next: 0, count: 0))
        position += length
        finish(index, end: position, count: 0)
    }

    private mutating func parseNumber(at position: inout Int) throws(JSONSyntaxError) {
        let start = position
        func digits(_ position: inout Int) -> Int {
            let first = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            return position - first
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard digits(&position) > 0 else { throw error(at: position, "a number needs digits") }
        if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 {
            throw error(at: integerStart, "a number cannot start with 0")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&position) > 0 else { throw error(at: position, "digits must follow the decimal point") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&position) > 0 else { throw error(at: position, "digits must follow the exponent") }
        }
        let index = append(.init(kind: .number, start: Int32(start), end: 0, next: 0, count: 0))
        finish(index, end: position, count: 0)
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}

/// Where a text is not JSON: the line and column (both from 1) and what was expected there.
public struct JSONSyntaxError: Error, Sendable, Hashable {
    /// The line, from 1.
    public var line: Int
    /// The column in characters, from 1.
    public var column: Int
    /// What is wrong, such as "expected a member name in quotes".
    public var reason: String
}
