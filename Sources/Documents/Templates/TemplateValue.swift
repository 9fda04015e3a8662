import Foundation

/// What a template sees: text, numbers, flags, lists and objects of named values.
///
/// View models become template values through their `Encodable` conformance (``TemplateValue/init(view:)`` for a
/// document's, ``TemplateValue/init(encoding:)`` for any other), so a field added to a view model is in the
/// templates at once; data read from JSON (for `ledgerprint render`) through ``TemplateValue/init(json:)``.
public indirect enum TemplateValue: Sendable, Hashable {
    case text(String)
    case number(Int64)
    case decimal(Double)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case null

    /// How `{{name}}` prints it: lists and objects print nothing.
    var text: String {
        switch self {
        case .text(let text): return text
        case .number(let number): return String(number)
        case .decimal(let number): return number.description
        case .flag(let flag): return flag ? "true" : "false"
        case .list, .object, .null: return ""
        }
    }

    /// Whether `{{^name}}` shows its content: null, false and empty lists.
    var isFalsy: Bool {
        switch self {
        case .null, .flag(false): return true
        case .list(let items): return items.isEmpty
        default: return false
        }
    }

    /// The value of a view model, through its `Encodable` conformance; `nil` optionals are left out.
    public init(encoding value: some Encodable) throws {
        self = try TemplateValueEncoder.value(of: value)
    }

    /// The value of a document's view model: its fields, with its ``FramedView/frame``'s fields beside them at
    /// the top level (a field of the document's own wins).
    ///
    /// A separate initializer rather than a check for `FramedView` in ``init(encoding:)``: that cast made the
    /// Swift runtime scan the binary's conformance records before every printed document (docs/performance.md,
    /// session 18).
    public init(view: some FramedView) throws {
        let encoded = try TemplateValueEncoder.value(of: view)
        guard case .object(var members) = encoded, case .object(let frame)? = members["frame"] else {
            self = encoded
            return
        }
        members["frame"] = nil
        members.merge(frame) { own, _ in own }
        self = .object(members)
    }

    /// The value of what `JSONSerialization` read: dictionaries, arrays, strings, numbers, booleans.
    public init(json: Any) {
        switch json {
        case let text as String: self = .text(text)
        case let number as NSNumber:
            // JSON's true and false arrive as NSNumbers of type "c" (char); integers as "i" or "q".
            switch String(cString: number.objCType) {
            case "c": self = .flag(number.boolValue)
            case "d", "f": self = .decimal(number.doubleValue)
            default: self = .number(number.int64Value)
            }
        case let items as [Any]: self = .list(items.map(TemplateValue.init(json:)))
        case let members as [String: Any]: self = .object(members.mapValues(TemplateValue.init(json:)))
        default: self = .null
        }
    }
}

/// Builds a ``TemplateValue`` from an `Encodable` value.
final class TemplateValueEncoder: Encoder {
    /// What was encoded: a scalar, or the box an object or list is being written into.
    private enum Storage {
        case none
        case value(TemplateValue)
        case object(ObjectBox)
        case list(ListBox)
    }

    final class ObjectBox {
        /// Room for a view model's fields from the start: growing a dictionary one field at a time
        /// rehashed a statement row's eleven members four times (`docs/performance.md`).
        var members = [String: TemplateValue](minimumCapacity: 16)
        /// Nested containers, read when the whole value is done (Codable never says when they are).
        var nested: [(key: String, encoder: TemplateValueEncoder)] = []

        var value: TemplateValue {
            var members = members
            for (key, encoder) in nested { members[key] = encoder.result }
            return .object(members)
        }
    }

    final class ListBox {
        var items: [TemplateValue] = []
        var nested: [(index: Int, encoder: TemplateValueEncoder)] = []

        var value: TemplateValue {
            var items = items
            for (index, encoder) in nested { items[index] = encoder.result }
            return .list(items)
        }
    }

    /// What was encoded, as a value.
    var result: TemplateValue {
        switch storage {
        case .none: return .null
        case .value(let value): return value
        case .object(let box): return box.value
        case .list(let box): return box.value
        }
    }

    private var storage = Storage.none
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func value<T: Encodable>(of value: T) throws -> TemplateValue {
        if T.self == String.self { return .text(unsafeBitCast(value, to: String.self)) }
        if T.self == Bool.self { return .flag(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Int.self { return .number(Int64(unsafeBitCast(value, to: Int.self))) }
        if T.self == Int64.self { return .number(unsafeBitCast(value, to: Int64.self)) }
        if T.self == [String].self { return .list(unsafeBitCast(value, to: [String].self).map(TemplateValue.text)) }
        if T.self == [String: String].self {
            return .object(unsafeBitCast(value, to: [String: String].self).mapValues(TemplateValue.text))
        }
        if T.self == [ActivityView].self {
            return .list(unsafeBitCast(value, to: [ActivityView].self).map(\.templateValue))
        }
        let encoder = TemplateValueEncoder()
        try value.encode(to: encoder)
        return encoder.result
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let box) = storage { return KeyedEncodingContainer(KeyedContainer(box: box)) }
        let box = ObjectBox()
        storage = .object(box)
        return KeyedEncodingContainer(KeyedContainer(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .list(let box) = storage { return UnkeyedContainer(box: box) }
        let box = ListBox()
        storage = .list(box)
        return UnkeyedContainer(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }

    private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { box.members[key.stringValue] = .null }
        mutating func encode(_ value: String, forKey key: Key) throws { box.members[key.stringValue] = .text(value) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { box.members[key.stringValue] = .flag(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { box.members[key.stringValue] = .number(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.members[key.stringValue] = try TemplateValueEncoder.value(of: value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type,
            forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            nested(key.stringValue).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            nested(key.stringValue).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { nested("super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { nested(key.stringValue) }

        private func nested(_ key: String) -> TemplateValueEncoder {
            let encoder = TemplateValueEncoder()
            box.nested.append((key, encoder))
            return encoder
        }
    }

    private struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: ListBox
        var codingPath: [any CodingKey] { [] }
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.null) }
        mutating func encode(_ value: String) throws { box.items.append(.text(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try TemplateValueEncoder.value(of: value))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            nested().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nested().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { nested() }

        private func nested() -> TemplateValueEncoder {
            let encoder = TemplateValueEncoder()
            box.nested.append((box.items.count, encoder))
            box.items.append(.null)
            return encoder
        }
    }

    private struct SingleValueContainer: SingleValueEncodingContainer {
        let encoder: TemplateValueEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { encoder.storage = .value(.null) }
        mutating func encode(_ value: Bool) throws { encoder.storage = .value(.flag(value)) }
        mutating func encode(_ value: String) throws { encoder.storage = .value(.text(value)) }
        mutating func encode(_ value: Double) throws { encoder.storage = .value(.decimal(value)) }
        mutating func encode(_ value: Float) throws { encoder.storage = .value(.decimal(Double(value))) }
        mutating func encode(_ value: Int) throws { encoder.storage = .value(.number(Int64(value))) }
        mutating func encode(_ value: Int8) throws { encoder.storage = .value(.number(Int64(value))) }
        mutating func encode(_ value: Int16) throws { encoder.storage = .value(.number(Int64(value))) }
        mutating func encode(_ value: Int32) throws { encoder.storage = .value(.number(Int64(value))) }
        mutating func encode(_ value: Int64) throws { encoder.storage = .value(.number(value)) }
        mutating func encode(_ value: UInt) throws { encoder.storage = .value(.number(Int64(clamping: value))) }
        mutating func encode(_ value: UInt8) throws { encoder.storage = .value(.number(Int64(value))) }
        mutating func encode(_ value: UInt16) throws { encoder.storage = .value(.number(Int64(value))) }
        mutating func encode(_ value: UInt32) throws { encoder.storage = .value(.number(Int64(value))) }
        mutating func encode(_ value: UInt64) throws { encoder.storage = .value(.number(Int64(clamping: value))) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.storage = .value(try TemplateValueEncoder.value(of: value))
        }
    }
}

extension ActivityView {
    /// The row as its `Encodable` conformance gives it, built at once.
    ///
    /// A statement has hundreds of rows, and going through `Encoder` cost 20,000 instructions a row
    /// (`docs/performance.md`). `MustacheTests` checks that it is the same value, so a field added to
    /// the row and not here fails.
    var templateValue: TemplateValue {
        .object([
            "date": .text(date), "reference": .text(reference), "description": .text(description),
            "charge": .text(charge), "credit": .text(credit), "balance": .text(balance),
            "chargeValue": .number(chargeValue), "creditValue": .number(creditValue),
            "balanceValue": .number(balanceValue), "zebra": .flag(zebra),
        ])
    }
}
