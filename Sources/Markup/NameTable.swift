/// Values by name — an element's attributes and where each starts — kept in the order they were
/// set and looked up by a linear scan.
///
/// An element has a handful of attributes at most; a `Dictionary` hashed every name to store or
/// find it, which made the attributes of a 400-row statement's cells a visible part of its time
/// (`docs/performance.md`). Reads like a dictionary: `table["class"]`, a dictionary literal, and
/// iteration as `(key, value)` pairs. Equality does not depend on order.
public struct NameTable<Value: Sendable & Hashable>: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One array of pairs rather than two arrays: one allocation per table, not two.
    private var entries: [Entry] = []

    private struct Entry: Sendable {
        var name: String
        var value: Value
    }

    /// An empty table.
    public init() {}

    public init(dictionaryLiteral elements: (String, Value)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// How many names have a value.
    public var count: Int { entries.count }

    /// Whether no name has a value.
    public var isEmpty: Bool { entries.isEmpty }

    /// The value of `name`; setting `nil` removes it.
    public subscript(name: String) -> Value? {
        get {
            for entry in entries where entry.name == name { return entry.value }
            return nil
        }
        set {
            let index = entries.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append(Entry(name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Adds `value` for `name`, which the table must not have yet (the parser has checked), without
    /// looking for it; room for two is made at the first, as an element's attributes are one or two.
    mutating func appendNew(_ name: String, _ value: Value) {
        assert(self[name] == nil, "\(name) is in the table already")
        if entries.isEmpty { entries.reserveCapacity(2) }
        entries.append(Entry(name: name, value: value))
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        entries.lazy.map { (key: $0.name, value: $0.value) }.makeIterator()
    }

    public static func == (lhs: NameTable, rhs: NameTable) -> Bool {
        lhs.count == rhs.count && lhs.allSatisfy { rhs[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent, as equality is.
        var combined = 0
        for (name, value) in self {
            var pair = Hasher()
            pair.combine(name)
            pair.combine(value)
            combined ^= pair.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
