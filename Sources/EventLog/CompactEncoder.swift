/// Writes `Encodable` records as compact JSON, straight into a byte buffer.
///
/// The store writes a JSON record for every event, invoice and changed subscription, so this is on
/// the hot path of imports and invoice runs. Foundation's `JSONEncoder` builds a tree of boxed
/// values and then serialises it; this encoder writes each value as it is encoded, which makes it
/// several times faster (`docs/performance.md`).
///
/// Codable never says when a container is finished, so containers are closed lazily: each open
/// container is a level on a stack, and writing at level *n* first closes every level above *n*.
/// Keys come out in the order the type encodes them (declaration order for synthesised
/// conformances), so the same record always gives the same bytes. Records hold no dictionaries,
/// whose order would vary.
///
/// The output is what `JSONDecoder` and ``TapeDecoder`` read: UTF-8, no insignificant
/// whitespace, `/` not escaped.
struct CompactEncoder {
    /// The JSON text of `value`.
    static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encodeBytes(value), as: UTF8.self)
    }

    /// The JSON text of `value` as UTF-8 bytes: what the store binds, with no string made.
    static func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let writer = RecordWriter()
        try writer.encodeValue(value, level: 0)
        writer.closeLevels(above: -1)
        return writer.bytes
    }
}

/// The state shared by an encoding's containers: the bytes written and the open containers.
final class RecordWriter: Encoder {
    // The state lives behind `let` pointers rather than in `var` properties: a class's `var`s are
    // checked for exclusive access at run time on every use, which was a tenth of an import's
    // time. A writer is used by one encoding on one thread, so there is nothing to check. The
    // bytes and the open containers are plain buffers rather than arrays: an array's append
    // checks that its storage is unique and goes through a generic copy, 100 instructions for
    // each of the 100-odd strings of an invoice (`docs/performance.md`).
    private let output = UnsafeMutablePointer<Buffer<UInt8>>.allocate(capacity: 1)
    private let openStorage = UnsafeMutablePointer<Buffer<(closer: UInt8, members: Int)>>.allocate(capacity: 1)
    private let levelStorage = UnsafeMutablePointer<Int>.allocate(capacity: 1)

    /// A growable buffer of trivial values, freed by the writer.
    struct Buffer<Element> {
        var start: UnsafeMutablePointer<Element>
        var count = 0
        var capacity: Int

        init(capacity: Int) {
            start = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        /// Makes room for `extra` more elements.
        mutating func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: max(capacity * 2, count + extra))
            grown.moveInitialize(from: start, count: count)
            start.deallocate()
            start = grown
            capacity = max(capacity * 2, count + extra)
        }
    }

    /// The JSON written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: output.pointee.start, count: output.pointee.count)) }

    /// How many bytes are written so far.
    var byteCount: Int { output.pointee.count }

    /// The level the next container requested through `Encoder` opens at.
    private var level: Int {
        unsafeAddress { UnsafePointer(levelStorage) }
        unsafeMutableAddress { levelStorage }
    }

    init() {
        output.initialize(to: Buffer(capacity: 1024))
        openStorage.initialize(to: Buffer(capacity: 16))
        levelStorage.initialize(to: 0)
    }

    deinit {
        output.pointee.start.deallocate()
        output.deallocate()
        openStorage.pointee.start.deallocate()
        openStorage.deallocate()
        levelStorage.deallocate()
    }

    /// Appends one byte.
    func append(_ byte: UInt8) {
        output.pointee.reserve(1)
        output.pointee.start[output.pointee.count] = byte
        output.pointee.count += 1
    }

    /// Appends `bytes`.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        output.pointee.reserve(bytes.count)
        (output.pointee.start + output.pointee.count).update(from: base, count: bytes.count)
        output.pointee.count += bytes.count
    }

    /// How many containers are open.
    var openCount: Int { openStorage.pointee.count }

    /// Pushes a container whose opener was just written; returns its level.
    func push(closer: UInt8) -> Int {
        openStorage.pointee.reserve(1)
        openStorage.pointee.start[openStorage.pointee.count] = (closer, 0)
        openStorage.pointee.count += 1
        return openStorage.pointee.count - 1
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RecordKeyedContainer<Key>(writer: self, level: openContainer(UInt8(ascii: "{"))))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        RecordUnkeyedContainer(writer: self, level: openContainer(UInt8(ascii: "[")))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        RecordSingleValueContainer(writer: self)
    }

    /// Opens a container at the current level, or reuses the one open there: a type may ask for
    /// its container twice.
    func openContainer(_ opener: UInt8) -> Int {
        closeLevels(above: level)
        if openCount == level + 1, openStorage.pointee.start[level].closer == opener + 2 { return level }
        append(opener)
        return push(closer: opener + 2)
    }

    /// Writes the closers of the containers above `level`.
    func closeLevels(above level: Int) {
        while openStorage.pointee.count > level + 1 {
            openStorage.pointee.count -= 1
            append(openStorage.pointee.start[openStorage.pointee.count].closer)
        }
    }

    /// Starts a member of the container at `level`: closes deeper containers, writes the comma.
    func beginMember(at level: Int) {
        closeLevels(above: level)
        if openStorage.pointee.start[level].members > 0 { append(UInt8(ascii: ",")) }
        openStorage.pointee.start[level].members += 1
    }

    func writeKey(_ key: some CodingKey, at level: Int) {
        beginMember(at: level)
        writeString(key.stringValue)
        append(UInt8(ascii: ":"))
    }

    /// Encodes a nested value whose containers open at `level`; `{}` if it wrote nothing.
    func encodeValue<T: Encodable>(_ value: T, level: Int) throws {
        if T.self == String.self { return writeString(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return writeInteger(unsafeBitCast(value, to: Int.self)) }
        if T.self == Int64.self { return writeInteger(unsafeBitCast(value, to: Int64.self)) }
        let saved = self.level
        let start = byteCount
        self.level = level
        defer { self.level = saved }
        try value.encode(to: self)
        if byteCount == start { writeLiteral("{}") }
    }

    func writeLiteral(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    func writeInteger<T: BinaryInteger>(_ value: T) {
        if value < 0 { append(UInt8(ascii: "-")) }
        writeDigits(UInt64(value.magnitude), width: 1)
    }

    /// Writes `value` in decimal, zero-padded to `width` digits (at most 20).
    ///
    /// Built backwards in a stack buffer, then appended in one piece.
    func writeDigits(_ value: UInt64, width: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var index = 20
            var rest = value
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            while 20 - index < min(width, 20) {
                index -= 1
                buffer[index] = UInt8(ascii: "0")
            }
            append(UnsafeBufferPointer(rebasing: buffer[index...]))
        }
    }

    func writeFloatingPoint<T: FloatingPoint & LosslessStringConvertible>(_ value: T) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) is not JSON"))
        }
        var text = value.description
        text.withUTF8 { append($0) }
    }

    func writeString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            // The usual string needs no escape: one pass to check, one copy between the quotes.
            var plain = true
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                plain = false
                break
            }
            if plain {
                output.pointee.reserve(utf8.count + 2)
                let base = output.pointee.start + output.pointee.count
                base[0] = UInt8(ascii: "\"")
                if let source = utf8.baseAddress { (base + 1).update(from: source, count: utf8.count) }
                base[utf8.count + 1] = UInt8(ascii: "\"")
                output.pointee.count += utf8.count + 2
                return
            }
            append(UInt8(ascii: "\""))
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case 0x22: writeLiteral(#"\""#)
                case 0x5C: writeLiteral(#"\\"#)
                case 0x0A: writeLiteral(#"\n"#)
                case 0x0D: writeLiteral(#"\r"#)
                case 0x09: writeLiteral(#"\t"#)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    writeLiteral(#"\u00"#)
                    hex.withUTF8Buffer { digits in
                        append(digits[Int(byte >> 4)])
                        append(digits[Int(byte & 0xF)])
                    }
                }
            }
            append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
            append(UInt8(ascii: "\""))
        }
    }
}

/// An object being written.
struct RecordKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: RecordWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        writer.writeKey(key, at: level)
        writer.writeLiteral("null")
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        writer.writeKey(key, at: level)
        writer.writeLiteral(value ? "true" : "false")
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        writer.writeKey(key, at: level)
        writer.writeString(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        writer.writeKey(key, at: level)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        writer.writeKey(key, at: level)
        writer.writeInteger(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        writer.writeKey(key, at: level)
        try writer.writeFloatingPoint(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        writer.writeKey(key, at: level)
        try writer.encodeValue(value, level: level + 1)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type,
        forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        writer.writeKey(key, at: level)
        writer.append(UInt8(ascii: "{"))
        return KeyedEncodingContainer(
            RecordKeyedContainer<NestedKey>(writer: writer, level: writer.push(closer: UInt8(ascii: "}")))
        )
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.writeKey(key, at: level)
        writer.append(UInt8(ascii: "["))
        return RecordUnkeyedContainer(writer: writer, level: writer.push(closer: UInt8(ascii: "]")))
    }

    mutating func superEncoder() -> any Encoder {
        writer.writeKey(RecordIndexKey(stringValue: "super"), at: level)
        return RecordNestedEncoder(writer: writer, level: level + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        writer.writeKey(key, at: level)
        return RecordNestedEncoder(writer: writer, level: level + 1)
    }
}

/// An array being written.
struct RecordUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: RecordWriter
    let level: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: RecordWriter, level: Int) {
        self.writer = writer
        self.level = level
    }

    mutating func encodeNil() throws {
        writer.beginMember(at: level)
        writer.writeLiteral("null")
        count += 1
    }

    mutating func encode(_ value: String) throws {
        writer.beginMember(at: level)
        writer.writeString(value)
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        writer.beginMember(at: level)
        try writer.encodeValue(value, level: level + 1)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        writer.beginMember(at: level)
        writer.append(UInt8(ascii: "{"))
        count += 1
        return KeyedEncodingContainer(
            RecordKeyedContainer<NestedKey>(writer: writer, level: writer.push(closer: UInt8(ascii: "}")))
        )
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.beginMember(at: level)
        writer.append(UInt8(ascii: "["))
        count += 1
        return RecordUnkeyedContainer(writer: writer, level: writer.push(closer: UInt8(ascii: "]")))
    }

    mutating func superEncoder() -> any Encoder {
        writer.beginMember(at: level)
        count += 1
        return RecordNestedEncoder(writer: writer, level: level + 1)
    }
}

/// One scalar, or a value whose containers open at the writer's current level.
struct RecordSingleValueContainer: SingleValueEncodingContainer {
    let writer: RecordWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.writeLiteral("null") }
    mutating func encode(_ value: Bool) throws { writer.writeLiteral(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { writer.writeString(value) }
    mutating func encode(_ value: Double) throws { try writer.writeFloatingPoint(value) }
    mutating func encode(_ value: Float) throws { try writer.writeFloatingPoint(value) }
    mutating func encode(_ value: Int) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.encodeValue(value, level: writer.currentLevel) }
}

/// The encoder handed to `superEncoder()`: its containers open one level below its key.
struct RecordNestedEncoder: Encoder {
    let writer: RecordWriter
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.withLevel(level) { writer.container(keyedBy: type) }
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.withLevel(level) { writer.unkeyedContainer() }
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        RecordSingleValueContainer(writer: writer)
    }
}

extension RecordWriter {
    /// The level containers requested now open at.
    var currentLevel: Int { level }

    func withLevel<T>(_ level: Int, _ body: () -> T) -> T {
        let saved = self.level
        self.level = level
        defer { self.level = saved }
        return body()
    }
}

/// A key by name or position, for super encoders and decoding errors.
struct RecordIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = "\(intValue)"
        self.intValue = intValue
    }
}
