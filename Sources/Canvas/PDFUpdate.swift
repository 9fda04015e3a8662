import Foundation

/// Changes to a PDF Cairo wrote: changed objects written again under their own numbers, new
/// objects after them, and a new cross-reference table (``written()``).
///
/// Cairo's other objects are copied as they are, so the change costs a copy of the file and what
/// it adds (a qpdf rewrite of a 400-row statement cost more than drawing it: docs/performance.md).
struct PDFUpdate {
    /// The file being updated.
    let reader: PDFObjectReader
    /// Cairo's objects written again, by number: their full body (dictionary, or dictionary and stream).
    private var changed: [Int: [UInt8]] = [:]
    /// The new objects, each as `N 0 obj … endobj`, one after another in the order they were written.
    private var added: [UInt8] = []
    /// Where each new object (numbered from the reader's `/Size` on) starts in `added`; -1 until written.
    private var addedAt: [Int] = []
    /// The next free object number.
    private var nextNumber: Int

    init(_ reader: PDFObjectReader) {
        self.reader = reader
        nextNumber = reader.size
    }

    /// Sets entries of object `number`'s dictionary, replacing any with the same keys.
    ///
    /// Values are PDF syntax, such as `/Column`, `(text)` or `12 0 R`. Only Cairo's objects that
    /// are dictionaries are changed; others are left alone.
    mutating func set(_ entries: [(key: String, value: String)], in number: Int) {
        guard let range = reader.dictionary(number) else { return }
        let original = changed[number] ?? Array(reader.bytes[range])
        // Parse the current body (the original, or an earlier change) again to replace keys.
        var kept: [UInt8] = Array("<<".utf8)
        let current = PDFObjectReader.entries(of: original)
        let replaced = Set(entries.map(\.key))
        for (key, value) in current where !replaced.contains(key) { kept += Array(" /\(key) ".utf8) + value }
        for (key, value) in entries { kept += Array(" /\(key) \(value)".utf8) }
        kept += Array(" >>".utf8)
        changed[number] = kept
    }

    /// Adds a new object with `dictionary` (PDF syntax, without `<< >>`) and returns its number.
    mutating func add(_ dictionary: String) -> Int {
        let number = reserve()
        put(number, dictionary: dictionary)
        return number
    }

    /// A new object number, for an object written later with ``put(_:dictionary:)`` (objects that refer to each other).
    mutating func reserve() -> Int {
        nextNumber += 1
        addedAt.append(-1)
        return nextNumber - 1
    }

    /// Writes object `number` (from ``reserve()``) as `dictionary` (PDF syntax, without `<< >>`).
    mutating func put(_ number: Int, dictionary: String) {
        put(number) { $0 += Array(dictionary.utf8) }
    }

    /// Writes object `number` (from ``reserve()``) as the dictionary whose entries `write` appends
    /// (PDF syntax, without `<< >>`): for the thousands of structure elements of a long statement.
    mutating func put(_ number: Int, _ write: (inout [UInt8]) -> Void) {
        begin(number)
        added += Self.open
        write(&added)
        added += Self.close
        added += Self.endObject
    }

    /// Adds a new stream holding `data` unfiltered, with `dictionary` entries, and returns its number.
    mutating func addStream(_ data: Data, dictionary: String) -> Int {
        let number = reserve()
        begin(number)
        added += Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8)
        added += data
        added += Self.endStream
        added += Self.endObject
        return number
    }

    /// Writes Cairo's stream object `number` again with `data`, already encoded as `dictionary`
    /// (PDF syntax without `<< >>` and `/Length`) says.
    mutating func replaceStream(_ number: Int, with data: [UInt8], dictionary: String) {
        var body = Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8)
        body.reserveCapacity(body.count + data.count + 10)
        body += data
        body += Self.endStream
        changed[number] = body
    }

    /// Whether Cairo's object `number` is written again.
    func changes(_ number: Int) -> Bool { changed[number] != nil }

    private static let (open, close) = (Array("<< ".utf8), Array(" >>".utf8))
    private static let (endStream, endObject) = (Array("\nendstream".utf8), Array("\nendobj\n".utf8))

    /// Starts new object `number` at the end of `added`: `N 0 obj`.
    private mutating func begin(_ number: Int) {
        addedAt[number - reader.size] = added.count
        added.appendPDF(integer: number)
        added.appendPDF(" 0 obj\n")
    }

    /// The file with the changes made, and one cross-reference table for all its objects.
    ///
    /// Cairo's objects come in their order, each changed one in its place, the new ones after
    /// them. The trailer carries a file identifier made from Cairo's bytes (Cairo writes none; the
    /// same file always gets the same one).
    ///
    /// Objects written again replace Cairo's rather than follow them in an incremental update:
    /// Cairo leaves the page contents uncompressed for us (``PDFDocument``), and they would
    /// otherwise stay in the file as dead bytes. Each of Cairo's objects runs from its offset to
    /// the next object's (Cairo writes nothing between them), so it is copied without being read.
    ///
    /// The file is written once, into a block of exactly its size that the returned `Data` takes over:
    /// written into an array and copied into a `Data`, a statement's finished file was alive twice at
    /// the heap's peak (`docs/performance.md`, stream31).
    func written() -> Data {
        let bytes = reader.bytes
        var order: [(number: Int, offset: Int)] = []
        order.reserveCapacity(reader.size)
        for (number, offset) in reader.offsets.enumerated() {
            // A number Cairo lists at another object's offset is left free (``PDFObjectReader/isWhereItSays(_:)``).
            if let offset, changed[number] != nil || reader.isWhereItSays(number) { order.append((number, offset)) }
        }
        order.sort { $0.offset < $1.offset }
        let start = order.first?.offset ?? reader.crossReferenceOffset
        // Each object's end: the next one's offset, or the cross-reference table's for the last.
        func end(_ index: Int) -> Int {
            index + 1 < order.count ? order[index + 1].offset : reader.crossReferenceOffset
        }
        var size = start
        for (index, object) in order.enumerated() {
            if let body = changed[object.number] {
                size += FileWriter.digits(object.number) + Self.objectHeader.count + body.count + Self.endObject.count
            } else {
                size += end(index) - object.offset
            }
        }
        let base = size
        size += added.count
        let table = size
        let identifier = Self.identifier(bytes)
        var trailer = "trailer\n<< /Size \(nextNumber) /Root \(reader.root) 0 R"
        if let info = reader.info { trailer += " /Info \(info) 0 R" }
        trailer += " /ID [<\(identifier)> <\(identifier)>] >>\nstartxref\n\(table)\n%%EOF\n"
        size += Self.tableHeader.count + FileWriter.digits(nextNumber) + 1 + Self.freeEntry.count * nextNumber
        size += trailer.utf8.count

        var output = FileWriter(capacity: size)
        output.append(bytes[0..<start])
        var offsets = [Int](repeating: -1, count: nextNumber)
        for (index, object) in order.enumerated() {
            offsets[object.number] = output.count
            if let body = changed[object.number] {
                output.append(integer: object.number)
                output.append(Self.objectHeader[...])
                output.append(body[...])
                output.append(Self.endObject[...])
            } else {
                output.append(bytes[object.offset..<end(index)])
            }
        }
        output.append(added[...])
        for (index, at) in addedAt.enumerated() where at >= 0 { offsets[reader.size + index] = base + at }
        output.append(Self.tableHeader[...])
        output.append(integer: nextNumber)
        output.append([0x0A][...])
        for offset in offsets {
            if offset < 0 {
                output.append(Self.freeEntry[...])
            } else {
                output.append(integer: offset, digits: 10)
                output.append(Self.usedEntry[...])
            }
        }
        output.append(Array(trailer.utf8)[...])
        return output.finished()
    }

    private static let (objectHeader, tableHeader) = (Array(" 0 obj\n".utf8), Array("xref\n0 ".utf8))
    private static let (freeEntry, usedEntry) = (Array("0000000000 65535 f \n".utf8), Array(" 00000 n \n".utf8))

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
            let escaped = text.replacingASCII { byte in
                switch byte {
                case UInt8(ascii: "\\"): "\\\\"
                case UInt8(ascii: "("): "\\("
                case UInt8(ascii: ")"): "\\)"
                default: nil
                }
            }
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

extension [UInt8] {
    /// Appends the bytes of `text`, without making a string or an array of it.
    mutating func appendPDF(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends `value` (not negative) in decimal, padded with zeros to `digits`.
    mutating func appendPDF(integer value: Int, digits: Int = 1) {
        var divisor = 1
        var width = 1
        while divisor <= value / 10 {
            divisor *= 10
            width += 1
        }
        for _ in width..<Swift.max(width, digits) { append(0x30) }
        while divisor > 0 {
            append(UInt8(truncatingIfNeeded: 0x30 + value / divisor % 10))
            divisor /= 10
        }
    }

    /// Appends a reference to object `number`: `N 0 R`.
    mutating func appendPDF(reference number: Int) {
        appendPDF(integer: number)
        append(0x20)
        append(0x30)
        append(0x20)
        append(0x52)
    }
}

/// A file written into one block of the size it was measured to have, handed to a `Data` without a copy.
private struct FileWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: Swift.max(capacity, 1))
    }

    /// The number of decimal digits of `value` (not negative).
    static func digits(_ value: Int) -> Int {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        return digits
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        precondition(count + bytes.count <= capacity, "the PDF was measured shorter than it is written")
        bytes.withUnsafeBufferPointer { buffer in
            guard let source = buffer.baseAddress else { return }
            (base + count).initialize(from: source, count: buffer.count)
        }
        count += bytes.count
    }

    /// Appends `value` (not negative) in decimal, padded with zeros to `digits`.
    mutating func append(integer value: Int, digits: Int = 1) {
        let width = Swift.max(Self.digits(value), digits)
        precondition(count + width <= capacity, "the PDF was measured shorter than it is written")
        var rest = value
        for index in (0..<width).reversed() {
            (base + count + index).initialize(to: UInt8(truncatingIfNeeded: 0x30 + rest % 10))
            rest /= 10
        }
        count += width
    }

    /// The bytes written, owned by the `Data` from now on.
    consuming func finished() -> Data {
        precondition(count == capacity, "the PDF was measured longer than it is written")
        return Data(
            bytesNoCopy: UnsafeMutableRawPointer(base),
            count: count,
            deallocator: .custom { pointer, _ in pointer.deallocate() }
        )
    }
}
