import Foundation

/// An append-only incremental update of a PDF: changed objects written again under their own
/// numbers, new objects after them, and a cross-reference section and trailer for those alone.
///
/// The original bytes stay as they were, so the update costs what it adds, not what the file
/// holds (a qpdf rewrite of a 400-row statement cost more than drawing it: docs/performance.md).
struct PDFUpdate {
    /// The file being updated.
    let reader: PDFObjectReader
    /// Objects written again or added, by number: their full body (dictionary, or dictionary and stream).
    private var bodies: [Int: [UInt8]] = [:]
    /// The next free object number.
    private var nextNumber: Int

    init(_ reader: PDFObjectReader) {
        self.reader = reader
        nextNumber = reader.size
    }

    /// Sets entries of object `number`'s dictionary, replacing any with the same keys.
    ///
    /// Values are PDF syntax, such as `/Column`, `(text)` or `12 0 R`. Objects that are not
    /// dictionaries are left alone.
    mutating func set(_ entries: [(key: String, value: String)], in number: Int) {
        guard let range = reader.dictionary(number) else { return }
        let original = bodies[number] ?? Array(reader.bytes[range])
        // Parse the current body (the original, or an earlier change) again to replace keys.
        var kept: [UInt8] = Array("<<".utf8)
        let current = PDFObjectReader.entries(of: original)
        let replaced = Set(entries.map(\.key))
        for (key, value) in current where !replaced.contains(key) { kept += Array(" /\(key) ".utf8) + value }
        for (key, value) in entries { kept += Array(" /\(key) \(value)".utf8) }
        kept += Array(" >>".utf8)
        bodies[number] = kept
    }

    /// Adds a new object with `dictionary` (PDF syntax, without `<< >>`) and returns its number.
    mutating func add(_ dictionary: String) -> Int {
        let number = nextNumber
        nextNumber += 1
        bodies[number] = Array("<< \(dictionary) >>".utf8)
        return number
    }

    /// A new object number, for an object written later with ``put(_:dictionary:)`` (objects that refer to each other).
    mutating func reserve() -> Int {
        nextNumber += 1
        return nextNumber - 1
    }

    /// Writes object `number` (from ``reserve()``) as `dictionary` (PDF syntax, without `<< >>`).
    mutating func put(_ number: Int, dictionary: String) {
        bodies[number] = Array("<< \(dictionary) >>".utf8)
    }

    /// Adds a new stream holding `data` unfiltered, with `dictionary` entries, and returns its number.
    mutating func addStream(_ data: Data, dictionary: String) -> Int {
        let number = nextNumber
        nextNumber += 1
        bodies[number] =
            Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8) + [UInt8](data)
            + Array("\nendstream".utf8)
        return number
    }

    /// Writes stream object `number` again with `data`, already encoded as `dictionary` (PDF
    /// syntax without `<< >>` and `/Length`) says.
    mutating func replaceStream(_ number: Int, with data: [UInt8], dictionary: String) {
        bodies[number] =
            Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8) + data + Array("\nendstream".utf8)
    }

    /// The original bytes followed by the update, whose trailer carries a file identifier made from
    /// the original bytes (Cairo writes none; the same file always gets the same one).
    func written() -> Data {
        var output = reader.bytes
        if output.last != 0x0A { output.append(0x0A) }
        var offsets: [Int: Int] = [:]
        for number in bodies.keys.sorted() {
            offsets[number] = output.count
            output += Array("\(number) 0 obj\n".utf8)
            output += bodies[number] ?? []
            output += Array("\nendobj\n".utf8)
        }
        let table = output.count
        output += Array("xref\n".utf8)
        var numbers = offsets.keys.sorted()[...]
        while let first = numbers.first {
            var run = 1
            while numbers.dropFirst(run).first == first + run { run += 1 }
            output += Array("\(first) \(run)\n".utf8)
            for number in first..<(first + run) {
                let offset = String(offsets[number] ?? 0)
                output += Array(
                    (String(repeating: "0", count: max(0, 10 - offset.count)) + offset + " 00000 n \n").utf8
                )
            }
            numbers = numbers.dropFirst(run)
        }
        let identifier = Self.identifier(reader.bytes)
        var trailer = "trailer\n<< /Size \(nextNumber) /Root \(reader.root) 0 R"
        if let info = reader.info { trailer += " /Info \(info) 0 R" }
        trailer += " /Prev \(reader.crossReferenceOffset) /ID [<\(identifier)> <\(identifier)>] >>\n"
        output += Array((trailer + "startxref\n\(table)\n%%EOF\n").utf8)
        return Data(output)
    }

    /// 16 bytes in hex from two FNV-style hashes of `bytes`, a word at a time: the same file, the same identifier.
    static func identifier(_ bytes: [UInt8]) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        // Eight bytes at a time, then the rest one by one.
        bytes.withUnsafeBytes { buffer in
            let words = buffer.count / 8
            for index in 0..<words {
                let word = buffer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                first = (first ^ word) &* 0x0000_0100_0000_01B3
                second = (second &+ word) &* 0x0000_0100_0000_01B3
            }
            for index in (words * 8)..<buffer.count {
                first = (first ^ UInt64(buffer[index])) &* 0x0000_0100_0000_01B3
                second = (second &+ UInt64(buffer[index])) &* 0x0000_0100_0000_01B3
            }
        }
        func hex(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return hex(first) + hex(second)
    }

    /// A PDF text string for `text`: a literal string when it is printable ASCII, else UTF-16BE in hex.
    static func string(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)")
            return "(\(escaped))"
        }
        return "<FEFF"
            + text.utf16.map { unit in
                let hex = String(unit, radix: 16, uppercase: true)
                return String(repeating: "0", count: 4 - hex.count) + hex
            }.joined() + ">"
    }
}

extension PDFObjectReader {
    /// The entries of the dictionary in `body` (which starts with `<<`), as keys and value bytes.
    static func entries(of body: [UInt8]) -> [(key: String, value: [UInt8])] {
        let reader = PDFObjectReader(bytes: body)
        guard let range = try? reader.valueRange(at: 0) else { return [] }
        return reader.entries(in: range).map { ($0.key, Array(body[$0.value])) }
    }
}
