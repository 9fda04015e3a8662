/// Values by name — an element's attributes and where each starts — kept in the order they were
/// set and looked up by a linear scan.
///
/// An element has a handful of attributes at most; a `Dictionary` hashed every name to store or
/// find it, which made the attributes of a 400-row statement's cells a visible part of its time
/// (`docs/performance.md`). Reads like a dictionary: `table["class"]`, a dictionary literal, and
/// iteration as `(key, value)` pairs. Equality does not depend on order.
public struct NameTable<Value: Sendable & Hashable>: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    private var names: [String] = []
    private var values: [Value] = []

    /// An empty table.
    public init() {}

    public init(dictionaryLiteral elements: (String, Value)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// How many names have a value.
    public var count: Int { names.count }

    /// Whether no name has a value.
    public var isEmpty: Bool { names.isEmpty }

    /// The value of `name`; setting `nil` removes it.
    public subscript(name: String) -> Value? {
        get {
            for index in names.indices where names[index] == name { return values[index] }
            return nil
        }
        set {
            let index = names.firstIndex(of: name)
            switch (index, newValue) {
            case (let index?, let value?): values[index] = value
            case (let index?, nil):
                names.remove(at: index)
                values.remove(at: index)
            case (nil, let value?):
                names.append(name)
                values.append(value)
            case (nil, nil): break
            }
        }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        zip(names, values).lazy.map { (key: $0, value: $1) }.makeIterator()
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
