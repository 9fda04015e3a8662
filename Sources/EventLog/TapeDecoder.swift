/// Reads `Decodable` records from JSON through a ``JSONTape``.
///
/// It reports errors as `DecodingError`s whose coding paths name the offending field, as
/// `JSONDecoder` does, so an import can say `$.events[3].selection.seats`; a text that is not JSON
/// is a ``JSONSyntaxError`` with its line and column. Built for the store's hot paths
/// (`docs/performance.md`): a value is a tape and a node index, and its coding path is worked out from the tape only when an error asks for it.
struct TapeDecoder {
    /// Decodes a `T` from the JSON text `bytes`.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let tape = try JSONTape(bytes)
        return try RecordDecoding(tape: tape, node: 0).decodeValue(type)
    }
}

/// The decoder for one value of a tape.
struct RecordDecoding: Decoder {
    let tape: JSONTape
    let node: Int

    var codingPath: [any CodingKey] { tape.path(to: node) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try expect(.object, "a JSON object")
        return KeyedDecodingContainer(RecordKeyedDecoding<Key>(tape: tape, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try expect(.array, "a JSON array")
        return RecordUnkeyedDecoding(tape: tape, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func expect(_ kind: JSONTape.Kind, _ what: String) throws {
        let found = tape.nodes[node].kind
        guard found == kind else {
            if found == .null {
                throw DecodingError.valueNotFound(
                    Any.self,
                    .init(codingPath: codingPath, debugDescription: "expected \(what), found null")
                )
            }
            throw mismatch(what)
        }
    }

    func mismatch(_ what: String) -> DecodingError {
        let found =
            switch tape.nodes[node].kind {
            case .object: "an object"
            case .array: "an array"
            case .string, .escapedString: "a string"
            case .number: "a number"
            case .true, .false: "a boolean"
            case .null: "null"
            }
        return DecodingError.typeMismatch(
            Any.self,
            .init(codingPath: codingPath, debugDescription: "expected \(what), found \(found)")
        )
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return unsafeBitCast(try decode(String.self), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(try decode(Int.self), to: T.self) }
        if T.self == Int64.self { return unsafeBitCast(try decode(Int64.self), to: T.self) }
        return try T(from: self)
    }
}

extension RecordDecoding: SingleValueDecodingContainer {
    func decodeNil() -> Bool { tape.nodes[node].kind == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch tape.nodes[node].kind {
        case .true: return true
        case .false: return false
        case .null: try expect(.true, "true or false")
        default: throw mismatch("true or false")
        }
        return false
    }

    func decode(_ type: String.Type) throws -> String {
        let kind = tape.nodes[node].kind
        guard kind == .string || kind == .escapedString else {
            try expect(.string, "a string")
            throw mismatch("a string")
        }
        guard let text = tape.string(at: node) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "not valid UTF-8"))
        }
        if tape.refusesControlCharacters, let control = text.unicodeScalars.first(where: \.isControlOrOverride) {
            let code = String(control.value, radix: 16, uppercase: true)
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath,
                    debugDescription:
                        "the text holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code):"
                        + " text in a file may not hold control characters (escape sequences, NUL, bidirectional overrides)"
                )
            )
        }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard let value = Double(try numberText()) else { throw mismatch("a number") }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    private func numberText() throws -> String {
        guard tape.nodes[node].kind == .number else {
            try expect(.number, "a number")
            throw mismatch("a number")
        }
        let value = tape.nodes[node]
        return String(decoding: tape.bytes[Int(value.start)..<Int(value.end)], as: UTF8.self)
    }

    /// An integer that fits `T`, written with digits only (`10`, not `10.0` or `1e1`).
    private func integer<T: FixedWidthInteger>() throws -> T {
        guard tape.nodes[node].kind == .number else {
            try expect(.number, "a whole number")
            throw mismatch("a whole number")
        }
        let value = tape.nodes[node]
        var result: T? = 0
        var index = Int(value.start)
        let negative = tape.bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        while index < Int(value.end), let current = result {
            let byte = tape.bytes[index]
            guard byte >= 0x30, byte <= 0x39 else {
                result = nil
                break
            }
            let digit = T(byte - 0x30)
            let (times, overflow) = current.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) =
                negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
            result = overflow || overflow2 ? nil : sum
            index += 1
        }
        if let result { return result }
        let text = try numberText()
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath,
                    debugDescription: "expected a whole number written with digits only, such as 10, found \(text)"
                )
            )
        }
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: codingPath,
                debugDescription: "expected a whole number from \(T.min) to \(T.max), found \(text)"
            )
        )
    }
}

/// The members of one JSON object.
struct RecordKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let tape: JSONTape
    let node: Int

    var codingPath: [any CodingKey] { tape.path(to: node) }

    var allKeys: [Key] {
        var keys: [Key] = []
        forEachMember { keyNode, _ in
            if let name = tape.string(at: keyNode), let key = Key(stringValue: name) { keys.append(key) }
            return false
        }
        return keys
    }

    private func forEachMember(_ body: (_ keyNode: Int, _ valueNode: Int) -> Bool) {
        let nodes = tape.nodes
        var index = node + 1
        for _ in 0..<Int(nodes[node].count) {
            if body(index, index + 1) { return }
            index = Int(nodes[index + 1].next)
        }
    }

    /// The value node of `key`, or `nil`.
    private func find(_ key: Key) -> Int? {
        let name = key.stringValue
        var found: Int?
        forEachMember { keyNode, valueNode in
            guard tape.keyEquals(keyNode, name) else { return false }
            found = valueNode
            return true
        }
        return found
    }

    private func value(for key: Key) throws -> RecordDecoding {
        guard let valueNode = find(key) else {
            throw DecodingError.keyNotFound(
                key,
                .init(codingPath: codingPath, debugDescription: "no value for \"\(key.stringValue)\"")
            )
        }
        return RecordDecoding(tape: tape, node: valueNode)
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try value(for: key).decodeNil() }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(for: key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(for: key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(for: key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(for: key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(for: key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(for: key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(for: key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(for: key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(for: key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(for: key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(for: key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(for: key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(for: key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(for: key).decode(type) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try value(for: key).decodeValue(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let valueNode = find(key), tape.nodes[valueNode].kind != .null else { return nil }
        return try RecordDecoding(tape: tape, node: valueNode).decodeValue(type)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let valueNode = find(key), tape.nodes[valueNode].kind != .null else { return nil }
        return try RecordDecoding(tape: tape, node: valueNode).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type,
        forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try value(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try value(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let key = Key(stringValue: "super") else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "no \"super\" key"))
        }
        return try value(for: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try value(for: key) }
}

/// The elements of one JSON array, read in order.
struct RecordUnkeyedDecoding: UnkeyedDecodingContainer {
    let tape: JSONTape
    let node: Int
    private(set) var currentIndex = 0
    private var cursor: Int

    init(tape: JSONTape, node: Int) {
        self.tape = tape
        self.node = node
        cursor = node + 1
    }

    var codingPath: [any CodingKey] { tape.path(to: node) }
    var count: Int? { Int(tape.nodes[node].count) }
    var isAtEnd: Bool { currentIndex >= Int(tape.nodes[node].count) }

    private mutating func next() throws -> RecordDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                .init(codingPath: codingPath, debugDescription: "the array has only \(currentIndex) elements")
            )
        }
        let element = RecordDecoding(tape: tape, node: cursor)
        cursor = Int(tape.nodes[cursor].next)
        currentIndex += 1
        return element
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, tape.nodes[cursor].kind == .null else { return false }
        _ = try next()
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

extension Unicode.Scalar {
    /// A C0 or C1 control character, DEL, or a bidirectional override or isolate: what a terminal
    /// obeys or a reader cannot see, never wanted in a name, an address or a reference.
    var isControlOrOverride: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
