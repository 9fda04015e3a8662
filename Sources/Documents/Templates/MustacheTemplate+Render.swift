/// Rendering: one output string, a stack of values, names split at parse time.
extension MustacheTemplate {
    /// Partials deeper than this render nothing: a template that includes itself without end is
    /// cut off rather than crashing the program.
    static let maximumDepth = 64

    /// The template's output for `value`, with `partials` available by name.
    func render(_ value: TemplateValue, partials: [String: MustacheTemplate]) -> String {
        var renderer = MustacheRenderer(partials: partials, stack: [value])
        var output = ""
        output.reserveCapacity(4096)
        renderer.render(nodes, overrides: [:], depth: 0, into: &output)
        return output
    }
}

/// The state of one rendering.
struct MustacheRenderer {
    let partials: [String: MustacheTemplate]
    var stack: [TemplateValue]

    mutating func render(
        _ nodes: [MustacheTemplate.Node],
        overrides: [String: MustacheTemplate.Block],
        depth: Int,
        into output: inout String
    ) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let path, let escaped):
                guard let value = lookup(path) else { continue }
                if escaped { Self.appendEscaped(value.text, to: &output) } else { output += value.text }
            case .section(let path, let inverted, let body):
                let value = lookup(path)
                if inverted {
                    if value?.isFalsy ?? true { render(body, overrides: overrides, depth: depth, into: &output) }
                    continue
                }
                switch value {
                case .none, .null?, .flag(false)?: break
                case .flag(true)?: render(body, overrides: overrides, depth: depth, into: &output)
                case .list(let items)?:
                    for item in items {
                        stack.append(item)
                        render(body, overrides: overrides, depth: depth, into: &output)
                        stack.removeLast()
                    }
                case let value?:
                    stack.append(value)
                    render(body, overrides: overrides, depth: depth, into: &output)
                    stack.removeLast()
                }
            case .partial(let name, let indentation):
                guard depth < MustacheTemplate.maximumDepth, let partial = partials[name] else { continue }
                let nodes = Self.indented(partial.nodes, by: indentation)
                render(nodes, overrides: overrides, depth: depth + 1, into: &output)
            case .parent(let name, let indentation, let blocks):
                guard depth < MustacheTemplate.maximumDepth, let parent = partials[name] else { continue }
                // The outermost override of a block wins.
                let merged = blocks.merging(overrides) { _, outer in outer }
                render(Self.indented(parent.nodes, by: indentation), overrides: merged, depth: depth + 1, into: &output)
            case .block(let name, let indentation, let body):
                guard let override = overrides[name] else {
                    render(body, overrides: overrides, depth: depth, into: &output)
                    continue
                }
                var inner = ""
                render(override.body, overrides: overrides, depth: depth, into: &inner)
                Self.reindent(inner, from: override.indentation, to: indentation, into: &output)
            }
        }
    }

    /// A standalone partial's template with `indentation` before each of its lines — the
    /// template's lines, so a value with line breaks is not indented inside.
    static func indented(_ nodes: [MustacheTemplate.Node], by indentation: String) -> [MustacheTemplate.Node] {
        guard !indentation.isEmpty else { return nodes }
        var atLineStart = true
        return indent(nodes, by: indentation, atLineStart: &atLineStart)
    }

    private static func indent(
        _ nodes: [MustacheTemplate.Node],
        by indentation: String,
        atLineStart: inout Bool
    ) -> [MustacheTemplate.Node] {
        var result: [MustacheTemplate.Node] = []
        for node in nodes {
            switch node {
            case .text(let text):
                var indented = ""
                for character in text {
                    if atLineStart { indented += indentation }
                    indented.append(character)
                    atLineStart = character == "\n"
                }
                result.append(.text(indented))
            case .section(let path, let inverted, let body):
                if atLineStart { result.append(.text(indentation)) }
                atLineStart = false
                result.append(
                    .section(
                        path: path,
                        inverted: inverted,
                        body: indent(body, by: indentation, atLineStart: &atLineStart)
                    )
                )
            case .block(let name, let blockIndentation, let body):
                if atLineStart { result.append(.text(indentation)) }
                atLineStart = false
                result.append(
                    .block(
                        name: name,
                        indentation: indentation + blockIndentation,
                        body: indent(body, by: indentation, atLineStart: &atLineStart)
                    )
                )
            case .partial(let name, let partialIndentation):
                result.append(.partial(name: name, indentation: indentation + partialIndentation))
                atLineStart = true
            case .parent(let name, let parentIndentation, let blocks):
                result.append(.parent(name: name, indentation: indentation + parentIndentation, blocks: blocks))
                atLineStart = true
            case .variable:
                if atLineStart { result.append(.text(indentation)) }
                atLineStart = false
                result.append(node)
            }
        }
        return result
    }

    /// `text` with `old` taken from the start of each line and `new` put there instead.
    static func reindent(_ text: String, from old: String, to new: String, into output: inout String) {
        guard old != new else {
            output += text
            return
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let endsWithNewline = lines.last == ""
        if endsWithNewline { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            if index > 0 { output += "\n" }
            if line.isEmpty { continue }
            output += new
            output += line.hasPrefix(old) ? line.dropFirst(old.count) : line
        }
        if endsWithNewline { output += "\n" }
    }

    /// The value of a dotted name: the first part is looked for from the innermost value outwards,
    /// the rest inside what it found.
    private func lookup(_ path: [String]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        for frame in stack.reversed() {
            guard case .object(let members) = frame, var found = members[first] else { continue }
            for name in path.dropFirst() {
                guard case .object(let inner) = found, let next = inner[name] else { return nil }
                found = next
            }
            return found
        }
        return nil
    }

    /// `& < > " '` as entities.
    static func appendEscaped(_ text: String, to output: inout String) {
        func isSpecial(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        // On the string's contiguous bytes, which is much faster than walking its `UTF8View`.
        let needsEscaping =
            text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) }
            ?? text.utf8.contains(where: isSpecial)
        guard needsEscaping else {
            output += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
