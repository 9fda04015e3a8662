import Foundation

/// Reads the objects of a PDF as Cairo 1.16 writes it: a classic cross-reference table and
/// uncompressed object dictionaries (only stream data is compressed).
///
/// Just enough of PDF's syntax to find an object's dictionary, read a name, a number, a string,
/// a reference or an array of references from it, and copy it with entries changed; used by
/// ``PDFUpdate`` to add what Cairo cannot write. Not a general PDF parser: a file with a
/// cross-reference stream (PDF 1.5 object streams) is refused.
struct PDFObjectReader {
    /// The file's bytes.
    let bytes: [UInt8]
    /// The byte offset of each object by number; `nil` where the number is free.
    private(set) var offsets: [Int?] = []
    /// The trailer's `/Size`: one more than the highest object number.
    private(set) var size = 0
    /// The catalog's object number.
    private(set) var root = 0
    /// The document information dictionary's object number, if any.
    private(set) var info: Int?
    /// Where the cross-reference table starts (the new trailer's `/Prev`).
    private(set) var crossReferenceOffset = 0

    /// A reader over a fragment of PDF syntax (one object's body), with no cross-reference table.
    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the cross-reference table and trailer of `data`.
    init(_ data: Data) throws(CanvasError) {
        try self.init(file: [UInt8](data))
    }

    /// Reads the cross-reference table and trailer of the file `file`, keeping the array itself
    /// (no copy: a statement's file as Cairo writes it runs to hundreds of kilobytes).
    init(file: [UInt8]) throws(CanvasError) {
        bytes = file
        guard let start = Self.lastIndex(of: Array("startxref".utf8), in: bytes),
            let offset = Self.integer(bytes, Self.token(in: bytes, from: start + 9)), offset < bytes.count,
            bytes[offset...].starts(with: Array("xref".utf8))
        else { throw Self.unreadable("it has no cross-reference table where startxref says") }
        crossReferenceOffset = offset
        var index = offset + 4
        var table: [Int: Int] = [:]
        while true {
            let first = Self.token(in: bytes, from: index)
            guard let number = Self.integer(bytes, first) else {
                index = first.start
                break
            }
            let count = Self.token(in: bytes, from: first.end)
            guard let entries = Self.integer(bytes, count) else {
                throw Self.unreadable("a cross-reference subsection is broken")
            }
            var line = count.end
            while line < bytes.count, bytes[line] == 0x0D || bytes[line] == 0x0A || bytes[line] == 0x20 { line += 1 }
            for entry in 0..<entries {
                let at = line + entry * 20
                guard at + 18 <= bytes.count else { throw Self.unreadable("the cross-reference table is cut short") }
                if bytes[at + 17] == UInt8(ascii: "n"),
                    let position = Self.integer(bytes, (at, at + 10))
                {
                    table[number + entry] = position
                }
            }
            index = line + entries * 20
        }
        guard bytes[index...].starts(with: Array("trailer".utf8)) else { throw Self.unreadable("it has no trailer") }
        let trailer = try dictionaryRange(at: Self.token(in: bytes, from: index + 7).start)
        size = integer(entry("Size", in: trailer)) ?? 0
        root = reference(entry("Root", in: trailer)) ?? 0
        info = reference(entry("Info", in: trailer))
        guard size > 0, root > 0 else { throw Self.unreadable("its trailer has no /Size or /Root") }
        offsets = (0..<size).map { table[$0] }
    }

    /// The byte range of object `number`'s dictionary (`<<` to `>>`), if it is a dictionary or stream.
    func dictionary(_ number: Int) -> Range<Int>? {
        guard number > 0, number < offsets.count, let offset = offsets[number] else { return nil }
        var index = offset
        for _ in 0..<3 { index = Self.token(in: bytes, from: index).end }  // "N G obj"
        let start = Self.token(in: bytes, from: index).start
        guard start + 1 < bytes.count, bytes[start] == 0x3C, bytes[start + 1] == 0x3C else { return nil }
        return try? dictionaryRange(at: start)
    }

    /// The type (`/S`) of object `number` if it is a structure element, read from the start of its
    /// dictionary where Cairo writes `<< /Type /StructElem /S /TH …`, without parsing the rest.
    func structureType(_ number: Int) -> ArraySlice<UInt8>? {
        guard number > 0, number < offsets.count, var index = offsets[number] else { return nil }
        for _ in 0..<3 { index = Self.token(in: bytes, from: index).end }  // "N G obj"
        let open = Self.token(in: bytes, from: index)
        guard open.start + 1 < bytes.count, bytes[open.start] == 0x3C, bytes[open.start + 1] == 0x3C else {
            return nil
        }
        let typeKey = Self.token(in: bytes, from: open.start + 2)
        let typeValue = Self.token(in: bytes, from: typeKey.end)
        let sKey = Self.token(in: bytes, from: typeValue.end)
        let sValue = Self.token(in: bytes, from: sKey.end)
        guard bytes[typeKey.start..<typeKey.end].elementsEqual("/Type".utf8),
            bytes[typeValue.start..<typeValue.end].elementsEqual("/StructElem".utf8)
        else { return nil }
        if bytes[sKey.start..<sKey.end].elementsEqual("/S".utf8), sValue.end > sValue.start, bytes[sValue.start] == 0x2F
        {
            return bytes[(sValue.start + 1)..<sValue.end]
        }
        // Another order than Cairo's: read the dictionary.
        guard let dictionary = dictionary(number), let type = entry("S", in: dictionary) else { return nil }
        return bytes[type].dropFirst()
    }

    /// The range of the value of `/key` directly inside `dictionary`.
    func entry(_ key: String, in dictionary: Range<Int>) -> Range<Int>? {
        let name = Array(key.utf8)
        var index = dictionary.lowerBound + 2
        while index < dictionary.upperBound - 2 {
            let found = Self.token(in: bytes, from: index)
            guard found.start < dictionary.upperBound - 2, bytes[found.start] == 0x2F,
                let value = try? valueRange(at: found.end)
            else { return nil }
            if found.end - found.start - 1 == name.count, bytes[(found.start + 1)..<found.end].elementsEqual(name) {
                return value
            }
            index = value.upperBound
        }
        return nil
    }

    /// The entries of a dictionary: each key (without its slash), with the ranges of the key and its value.
    func entries(in dictionary: Range<Int>) -> [(key: String, range: Range<Int>, value: Range<Int>)] {
        var result: [(String, Range<Int>, Range<Int>)] = []
        var index = dictionary.lowerBound + 2
        while index < dictionary.upperBound - 2 {
            let key = Self.token(in: bytes, from: index)
            guard key.start < dictionary.upperBound - 2, bytes[key.start] == 0x2F else { break }
            guard let value = try? valueRange(at: key.end) else { break }
            let name = String(decoding: bytes[(key.start + 1)..<key.end], as: UTF8.self)
            result.append((name, key.start..<value.upperBound, value))
            index = value.upperBound
        }
        return result
    }

    /// The name at `range`, without its slash.
    func name(_ range: Range<Int>?) -> String? {
        guard let range, bytes[range.lowerBound] == 0x2F else { return nil }
        return String(decoding: bytes[(range.lowerBound + 1)..<range.upperBound], as: UTF8.self)
    }

    /// The integer at `range`.
    func integer(_ range: Range<Int>?) -> Int? {
        range.flatMap { Int(String(decoding: bytes[$0], as: UTF8.self)) }
    }

    /// The object number of the reference (`N 0 R`) at `range`.
    func reference(_ range: Range<Int>?) -> Int? {
        guard let range, bytes[range.upperBound - 1] == UInt8(ascii: "R") else { return nil }
        return Self.integer(bytes, Self.token(in: bytes, from: range.lowerBound))
    }

    /// The items of the array at `range`; the value itself when it is not an array.
    func items(_ range: Range<Int>?) -> [Range<Int>] {
        guard let range else { return [] }
        guard bytes[range.lowerBound] == 0x5B else { return [range] }
        var result: [Range<Int>] = []
        var index = range.lowerBound + 1
        while true {
            let next = Self.token(in: bytes, from: index)
            guard next.start < range.upperBound - 1, let value = try? valueRange(at: next.start) else { break }
            result.append(value)
            index = value.upperBound
        }
        return result
    }

    /// The text of the literal string at `range` (the bytes Cairo writes for an ASCII link target).
    func literal(_ range: Range<Int>?) -> String? {
        guard let range, bytes[range.lowerBound] == 0x28 else { return nil }
        var text: [UInt8] = []
        var index = range.lowerBound + 1
        while index < range.upperBound - 1 {
            if bytes[index] == 0x5C, index + 1 < range.upperBound - 1 { index += 1 }
            text.append(bytes[index])
            index += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: - Syntax

    /// The range of the value starting at the first token from `index`: a dictionary, array,
    /// string, name, number, keyword, or a reference `N G R` taken whole.
    func valueRange(at index: Int) throws(CanvasError) -> Range<Int> {
        let first = Self.token(in: bytes, from: index)
        guard first.start < bytes.count else { throw Self.unreadable("an object ends early") }
        switch bytes[first.start] {
        case 0x3C where first.start + 1 < bytes.count && bytes[first.start + 1] == 0x3C:
            return try dictionaryRange(at: first.start)
        case 0x3C, 0x28, 0x5B:
            return first.start..<(try closing(from: first.start))
        default:
            // A reference is three tokens: number, generation, R.
            if Self.integer(bytes, first) != nil {
                let second = Self.token(in: bytes, from: first.end)
                let third = Self.token(in: bytes, from: second.end)
                if Self.integer(bytes, second) != nil, third.end == third.start + 1, bytes[third.start] == 0x52 {
                    return first.start..<third.end
                }
            }
            return first.start..<first.end
        }
    }

    private func dictionaryRange(at start: Int) throws(CanvasError) -> Range<Int> {
        start..<(try closing(from: start))
    }

    /// The index just past the end of the dictionary, array or string opening at `start`.
    private func closing(from start: Int) throws(CanvasError) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x28:  // a literal string: balanced parentheses, backslash escapes
                var nesting = 0
                while index < bytes.count {
                    if bytes[index] == 0x5C {
                        index += 2
                        continue
                    }
                    if bytes[index] == 0x28 { nesting += 1 }
                    if bytes[index] == 0x29 {
                        nesting -= 1
                        if nesting == 0 { break }
                    }
                    index += 1
                }
                if depth == 0 { return index + 1 }
            case 0x3C:
                if index + 1 < bytes.count, bytes[index + 1] == 0x3C {
                    depth += 1
                    index += 1
                } else {  // a hex string
                    while index < bytes.count, bytes[index] != 0x3E { index += 1 }
                    if depth == 0 { return index + 1 }
                }
            case 0x3E:
                if index + 1 < bytes.count, bytes[index + 1] == 0x3E {
                    depth -= 1
                    index += 1
                    if depth == 0 { return index + 1 }
                }
            case 0x5B: depth += 1
            case 0x5D:
                depth -= 1
                if depth == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        throw Self.unreadable("a dictionary, array or string is not closed")
    }

    /// The non-negative integer that `token` is, if it is one.
    static func integer(_ bytes: [UInt8], _ token: (start: Int, end: Int)) -> Int? {
        guard token.end > token.start, token.end - token.start < 19 else { return nil }
        var value = 0
        for index in token.start..<token.end {
            let digit = Int(bytes[index]) - 0x30
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// The next token from `index`: where it starts and ends (whitespace and comments skipped).
    static func token(in bytes: [UInt8], from index: Int) -> (start: Int, end: Int) {
        var start = index
        while start < bytes.count, isWhitespace(bytes[start]) || bytes[start] == 0x25 {
            if bytes[start] == 0x25 {  // a comment (Cairo writes "% 1" after a page's type) runs to the line's end
                while start < bytes.count, bytes[start] != 0x0A, bytes[start] != 0x0D { start += 1 }
            } else {
                start += 1
            }
        }
        var end = start
        if end < bytes.count, bytes[end] == 0x2F { end += 1 }  // a name starts with its slash
        while end < bytes.count, !isWhitespace(bytes[end]), !isDelimiter(bytes[end]) { end += 1 }
        if end == start, end < bytes.count { end += 1 }
        return (start, end)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        [0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25].contains(byte)
    }

    private static func lastIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        var index = bytes.count - pattern.count
        while index >= max(0, bytes.count - 4096) {
            if bytes[index..<index + pattern.count].elementsEqual(pattern) { return index }
            index -= 1
        }
        return nil
    }

    static func unreadable(_ reason: String) -> CanvasError {
        .pdfEditing(operation: "read the PDF Cairo wrote", reason: reason)
    }
}
