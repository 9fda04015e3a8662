/// What values took, member by member, across many generated values (through `Mirror`): a
/// round trip proves a member is stored only if the generator varied it, so a test checks that
/// every member took at least two values — every optional both present and absent.
///
/// A stored property added to a type, and to neither its mapping nor the generator, shows here as
/// a member that never varied; added to the generator but not to the mapping, it fails the round
/// trip itself.
struct Coverage {
    private(set) var values: [String: Set<String>] = [:]

    mutating func record(_ value: Any, at path: String = "") {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first {
                values[path + "?", default: []].insert("some")
                record(some.value, at: path)
            } else {
                values[path + "?", default: []].insert("nil")
            }
        case .collection, .set, .dictionary:
            values[path + ".count", default: []].insert(mirror.children.isEmpty ? "empty" : "some")
            for child in mirror.children { record(child.value, at: path + "[]") }
        case .enum:
            if let child = mirror.children.first {
                values[path + ".case", default: []].insert(child.label ?? "?")
                record(child.value, at: path + "." + (child.label ?? "?"))
            } else {
                values[path + ".case", default: []].insert(String(describing: value))
            }
        default:
            if mirror.children.isEmpty {
                values[path, default: []].insert(String(describing: value))
            } else {
                for (offset, child) in mirror.children.enumerated() {
                    record(child.value, at: path + "." + (child.label ?? "\(offset)"))
                }
            }
        }
    }

    /// Members that took one value only, leaving out those the store fixes (`constant`) and their insides.
    func unvaried(except constant: Set<String> = []) -> [String] {
        values.filter { path, seen in
            seen.count < 2 && !constant.contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
        }.keys.sorted()
    }
}
