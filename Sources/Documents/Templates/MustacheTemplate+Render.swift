/// Rendering: one output string, a stack of values, names split at parse time.
extension MustacheTemplate {
    /// Partials and parents may nest this deep; deeper is an error naming the chain.
    static let maximumDepth = 64
    /// The most bytes one rendering may produce (a document is a few hundred kilobytes).
    static let maximumOutput = 16 << 20
    /// The most nodes one rendering may visit: bounds the time of partials that multiply.
    static let maximumSteps = 20_000_000

    /// Why a rendering stopped: a bound was passed.
    struct RenderError: Error, Sendable {
        /// The partials and parents being rendered, outermost first.
        var chain: [String]
        /// What was passed, with the chain.
        var reason: String
    }

    /// The template's output for `value`, with `partials` available by name.
    ///
    /// - Throws: ``RenderError`` when partials nest deeper than ``maximumDepth`` or the output
    ///   grows past ``maximumOutput``.
    func render(_ value: TemplateValue, partials: [String: MustacheTemplate]) throws(RenderError) -> String {
        try rendered(value, partials: partials, recording: false).output
    }

    /// The output, and for each text written where it starts in the output (a UTF-8 offset) and
    /// where it was written in its template: to name a template's line in an error about its output.
    func rendered(
        _ value: TemplateValue,
        partials: [String: MustacheTemplate],
        recording: Bool
    ) throws(RenderError) -> (output: String, origins: [(offset: Int, origin: TextOrigin)]) {
        var renderer = MustacheRenderer(partials: partials, stack: [value])
        if recording { renderer.origins = [] }
        var output = ""
        output.reserveCapacity(4096)
        renderer.render(nodes, overrides: [:], depth: 0, into: &output)
        if let failure = renderer.failure { throw failure }
        return (output, renderer.origins ?? [])
    }
}

/// The state of one rendering.
struct MustacheRenderer {
    let partials: [String: MustacheTemplate]
    var stack: [TemplateValue]
    /// The partials and parents being rendered, outermost first.
    var chain: [String] = []
    var steps = 0
    /// Set when a bound is passed; rendering then stops.
    var failure: MustacheTemplate.RenderError?
    /// When recording, where each text came from (``MustacheTemplate/rendered(_:partials:recording:)``).
    var origins: [(offset: Int, origin: MustacheTemplate.TextOrigin)]?

    init(partials: [String: MustacheTemplate], stack: [TemplateValue]) {
        self.partials = partials
        self.stack = stack
    }

    /// Whether a bound is passed (and records which).
    private mutating func overBounds(_ output: String, entering name: String? = nil) -> Bool {
        if failure != nil { return true }
        steps += 1
        var path: String { (chain + (name.map { [$0] } ?? [])).joined(separator: " → ") }
        if let name, chain.count >= MustacheTemplate.maximumDepth {
            failure = .init(
                chain: chain + [name],
                reason: "partials nest deeper than \(MustacheTemplate.maximumDepth): \(path)"
            )
        } else if output.utf8.count > MustacheTemplate.maximumOutput {
            failure = .init(
                chain: chain,
                reason: "the output is larger than \(MustacheTemplate.maximumOutput >> 20) MB (in \(path))"
            )
        } else if steps > MustacheTemplate.maximumSteps {
            failure = .init(
                chain: chain,
                reason: "rendering takes more than \(MustacheTemplate.maximumSteps) steps (in \(path))"
            )
        }
        return failure != nil
    }

    mutating func render(
        _ nodes: [MustacheTemplate.Node],
        overrides: [String: MustacheTemplate.Block],
        depth: Int,
        into output: inout String
    ) {
        for node in nodes {
            guard !overBounds(output) else { return }
            switch node {
            case .origin(let origin):
                origins?.append((output.utf8.count, origin))
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
                guard let partial = partials[name], !overBounds(output, entering: name) else { continue }
                let nodes = Self.indented(partial.nodes, by: indentation)
                chain.append(name)
                render(nodes, overrides: overrides, depth: depth + 1, into: &output)
                chain.removeLast()
            case .parent(let name, let indentation, let blocks):
                guard let parent = partials[name], !overBounds(output, entering: name) else { continue }
                // The outermost override of a block wins.
                let merged = blocks.merging(overrides) { _, outer in outer }
                chain.append(name)
                render(Self.indented(parent.nodes, by: indentation), overrides: merged, depth: depth + 1, into: &output)
                chain.removeLast()
            case .block(let name, let indentation, let body):
                guard let override = overrides[name] else {
                    render(body, overrides: overrides, depth: depth, into: &output)
                    continue
                }
                var inner = ""
                let (firstOrigin, base) = (origins?.count ?? 0, output.utf8.count)
                render(override.body, overrides: overrides, depth: depth, into: &inner)
                Self.reindent(inner, from: override.indentation, to: indentation, into: &output)
                // Texts of the override were placed relative to `inner`: move them where reindenting put them.
                if var moved = origins {
                    for index in firstOrigin..<moved.count {
                        moved[index].offset = Self.reindented(
                            moved[index].offset,
                            in: inner,
                            from: override.indentation,
                            to: indentation,
                            base: base
                        )
                    }
                    origins = moved
                }
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
                // A block inside a line (`<p>{{$caption}}…{{/caption}}</p>`) is not reindented: only
                // one that starts a line takes the partial's indentation.
                let startsLine = atLineStart
                if atLineStart { result.append(.text(indentation)) }
                atLineStart = false
                result.append(
                    .block(
                        name: name,
                        indentation: startsLine ? indentation + blockIndentation : blockIndentation,
                        body: indent(body, by: indentation, atLineStart: &atLineStart)
                    )
                )
            case .partial(let name, let partialIndentation):
                result.append(.partial(name: name, indentation: indentation + partialIndentation))
                atLineStart = true
            case .parent(let name, let parentIndentation, let blocks):
                result.append(.parent(name: name, indentation: indentation + parentIndentation, blocks: blocks))
                atLineStart = true
            case .origin:
                result.append(node)
            case .variable:
                if atLineStart { result.append(.text(indentation)) }
                atLineStart = false
                result.append(node)
            }
        }
        return result
    }

    /// Where byte `offset` of `text` lands in the output of ``reindent(_:from:to:into:)`` written
    /// from byte `base` (only used when recording origins for errors).
    static func reindented(_ offset: Int, in text: String, from old: String, to new: String, base: Int) -> Int {
        guard old != new else { return base + offset }
        let bytes = Array(text.utf8)
        var output = base
        var lineStart = 0
        while true {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            let hasOld = line.starts(with: old.utf8)
            if offset <= lineEnd || lineEnd == bytes.count {
                guard !line.isEmpty else { return output }
                let column = offset - lineStart
                return output + new.utf8.count + max(0, hasOld ? column - old.utf8.count : column)
            }
            output += line.isEmpty ? 1 : new.utf8.count + line.count - (hasOld ? old.utf8.count : 0) + 1
            lineStart = lineEnd + 1
        }
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
            // `append(contentsOf:)`, not `+=`: the generic `+=` costs a conformance scan (performance.md, session 18).
            output.append(contentsOf: line.hasPrefix(old) ? line.dropFirst(old.count) : line)
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

    /// `& < > " '` as entities; control characters, which neither HTML nor a PDF should get raw, as
    /// their visible pictures (NUL as U+2400, ESC as U+241B, DEL as U+2421) and C1 controls as U+FFFD.
    static func appendEscaped(_ text: String, to output: inout String) {
        // On the string's contiguous bytes, which is much faster than walking its `UTF8View`; a C1
        // control is 0xC2 then 0x80…0x9F, so U+00A0 and the rest of Latin-1 stay on the fast path.
        func needsWork(_ bytes: some Collection<UInt8>) -> Bool {
            var previous: UInt8 = 0
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"),
                    0x7F:
                    return true
                case 0x09, 0x0A, 0x0D: break
                case ..<0x20: return true
                case 0x80...0x9F where previous == 0xC2: return true
                default: break
                }
                previous = byte
            }
            return false
        }
        let needsEscaping = text.utf8.withContiguousStorageIfAvailable { needsWork($0) } ?? needsWork(text.utf8)
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
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}": output.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case "\u{7F}": output += "\u{2421}"
            case "\u{80}"..."\u{9F}": output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
