import Foundation

extension JSONTape {
    /// The first member, in document order, whose object already has a member of the same name,
    /// with that earlier member: `(first, second)` key nodes, or `nil` when every name is unique.
    ///
    /// JSON leaves duplicates to the reader, and a reader that silently keeps one of the values
    /// imports something the file's author did not see, so files from outside are checked with this;
    /// the store's own JSON, written by ``CompactEncoder``, is not.
    ///
    /// - Complexity: O(members²) per object of up to 32 members, compared byte by byte;
    ///   larger objects go through a set of their names, O(members).
    func firstDuplicateKey() -> (first: Int, second: Int)? {
        for object in nodes.indices where nodes[object].kind == .object && nodes[object].count > 1 {
            if let found = duplicateKey(in: object) { return found }
        }
        return nil
    }

    private func duplicateKey(in object: Int) -> (first: Int, second: Int)? {
        var keys: [Int] = []
        keys.reserveCapacity(Int(nodes[object].count))
        var key = object + 1
        for _ in 0..<Int(nodes[object].count) {
            keys.append(key)
            key = Int(nodes[key + 1].next)
        }
        if keys.count <= 32 {
            for (position, second) in keys.enumerated() {
                if let first = keys[..<position].first(where: { sameName($0, second) }) { return (first, second) }
            }
            return nil
        }
        var seen: [[UInt8]: Int] = [:]
        for second in keys {
            if let first = seen.updateValue(second, forKey: keyName(second)) { return (first, second) }
        }
        return nil
    }

    /// Whether two key nodes spell the same name; without escapes, a comparison of their bytes.
    private func sameName(_ left: Int, _ right: Int) -> Bool {
        let a = nodes[left]
        let b = nodes[right]
        guard a.kind == .string, b.kind == .string else { return keyName(left) == keyName(right) }
        guard a.end - a.start == b.end - b.start else { return false }
        return bytes[Int(a.start)..<Int(a.end)].elementsEqual(bytes[Int(b.start)..<Int(b.end)])
    }

    /// The key's name as bytes, escapes resolved (so `"a"` and `"\u0061"` are the same name).
    private func keyName(_ index: Int) -> [UInt8] {
        let node = nodes[index]
        let raw = bytes[Int(node.start)..<Int(node.end)]
        guard node.kind == .escapedString else { return Array(raw) }
        return Array((Self.unescape(raw) ?? String(decoding: raw, as: UTF8.self)).utf8)
    }

    /// The line and column (from 1) where node `index` begins; for a string, its opening quote.
    func lineAndColumn(ofNode index: Int) -> (line: Int, column: Int) {
        let node = nodes[index]
        let offset = Int(node.start) - (node.kind == .string || node.kind == .escapedString ? 1 : 0)
        return bytes.withUnsafeBufferPointer { Self.lineAndColumn(of: offset, in: $0) }
    }

    /// The node a decoding error's coding path leads to, as far as it leads (the root if nowhere).
    func node(at codingPath: [any CodingKey]) -> Int {
        var current = 0
        for key in codingPath {
            let node = nodes[current]
            var child = current + 1
            var found: Int?
            for index in 0..<Int(node.count) {
                let value = node.kind == .object ? child + 1 : child
                if node.kind == .object ? keyEquals(child, key.stringValue) : key.intValue == index {
                    found = value
                    break
                }
                child = Int(nodes[value].next)
            }
            guard let found else { return current }
            current = found
        }
        return current
    }
}
