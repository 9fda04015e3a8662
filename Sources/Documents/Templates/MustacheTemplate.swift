/// A parsed Mustache template (https://mustache.github.io/mustache.5.html).
///
/// Supported: variables `{{name}}` (HTML-escaped), `{{{name}}}` and `{{&name}}` (not escaped),
/// dotted names and `{{.}}`, sections `{{#name}}`, inverted sections `{{^name}}`, comments `{{! }}`,
/// partials `{{>name}}`, template inheritance `{{<parent}}` with blocks `{{$name}}`, and delimiter
/// changes `{{=<% %>=}}`. Lines holding only a section, comment, partial or block tag are left out
/// of the output, as the specification says. Lambdas are not: templates here render data only.
///
/// Ledgerprint has its own engine rather than a general one because every document runs through
/// it: looking names up in a tree of ``TemplateValue``s with the names split once, at parse time,
/// and writing into one string made template rendering several times faster
/// (`docs/performance.md`).
struct MustacheTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// A name's value; `path` is empty for `{{.}}`.
        case variable(path: [String], escaped: Bool)
        case section(path: [String], inverted: Bool, body: [Node])
        case partial(name: String, indentation: String)
        /// `{{<name}}`: the template `name` with these blocks overridden.
        case parent(name: String, indentation: String, blocks: [String: Block])
        /// `{{$name}}`: `body` unless a child template overrides it; `indentation` is the tag's own
        /// when it stands alone on its line.
        case block(name: String, indentation: String, body: [Node])
        /// Where the next text node was written, so an error in the output can name the template's line.
        case origin(TextOrigin)
    }

    /// A place in a template file.
    struct TextOrigin: Sendable, Equatable {
        var file: String
        var line: Int
        var column: Int
    }

    /// A block's content and the indentation of its tag where it was written: the lines of an
    /// override lose that indentation and take the indentation of the block they replace.
    struct Block: Sendable {
        var body: [Node]
        var indentation: String
    }

    /// Where and why a template does not parse.
    struct SyntaxError: Error, Sendable {
        var line: Int
        var column: Int
        var reason: String
    }

    let nodes: [Node]
    /// The partials and parents the template names, each with the line and column it is first
    /// named at, to check that they exist.
    let references: [String: (line: Int, column: Int)]

    /// Parses `text`.
    ///
    /// - Throws: ``SyntaxError`` with the line and column of the first problem.
    init(_ text: String, file: String = "") throws(SyntaxError) {
        var parser = MustacheParser(text)
        let tokens = try parser.tokens()
        var builder = MustacheTreeBuilder(tokens: tokens, source: parser, file: file)
        (nodes, references) = try builder.build()
    }
}

/// One piece of a template before the tree is built.
struct MustacheToken {
    enum Kind: Equatable {
        case text
        case variable(escaped: Bool)
        case open(inverted: Bool)
        case close
        case comment
        case partial
        case parent
        case block
        case delimiters

        /// Tags that vanish with their line when alone on it.
        var canStandAlone: Bool {
            switch self {
            case .text, .variable: false
            default: true
            }
        }
    }

    var kind: Kind
    /// The text, or the tag's name.
    var content: String
    /// Byte offset of the tag's or text's start, for errors.
    var offset: Int
    /// For a standalone partial: the whitespace before it.
    var indentation = ""
}

/// Splits a template into text and tags, and removes the lines of standalone tags.
struct MustacheParser {
    let bytes: [UInt8]
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)

    init(_ text: String) { bytes = Array(text.utf8) }

    func error(at offset: Int, _ reason: String) -> MustacheTemplate.SyntaxError {
        let (line, column) = location(of: offset)
        return .init(line: line, column: column, reason: reason)
    }

    /// The line and column (from 1, in characters) of byte `offset`.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).count + 1)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    mutating func tokens() throws(MustacheTemplate.SyntaxError) -> [MustacheToken] {
        var tokens: [MustacheToken] = []
        var position = 0
        while position < bytes.count {
            guard let tagStart = find(open, from: position) else {
                tokens.append(text(position..<bytes.count))
                break
            }
            if tagStart > position { tokens.append(text(position..<tagStart)) }
            position = try tag(at: tagStart, into: &tokens)
        }
        return Self.removingStandaloneLines(tokens)
    }

    private func text(_ range: Range<Int>) -> MustacheToken {
        MustacheToken(kind: .text, content: String(decoding: bytes[range], as: UTF8.self), offset: range.lowerBound)
    }

    /// Reads the tag at `start`; returns the offset after it.
    private mutating func tag(
        at start: Int,
        into tokens: inout [MustacheToken]
    ) throws(MustacheTemplate.SyntaxError)
        -> Int
    {
        var contentStart = start + open.count
        var closer = close
        let isTriple =
            open == Array("{{".utf8) && contentStart < bytes.count && bytes[contentStart] == UInt8(ascii: "{")
        if isTriple {
            contentStart += 1
            closer = Array("}".utf8) + close
        }
        guard let end = find(closer, from: contentStart) else {
            throw error(at: start, "the tag is not closed with \(String(decoding: closer, as: UTF8.self))")
        }
        var content = String(decoding: bytes[contentStart..<end], as: UTF8.self).trimmed
        let after = end + closer.count
        if isTriple {
            tokens.append(try named(.variable(escaped: false), content, at: start))
            return after
        }
        let sigil = content.first
        if let sigil, "#^/!><$&=".contains(sigil) { content = String(content.dropFirst()).trimmed }
        switch sigil {
        case "#": tokens.append(try named(.open(inverted: false), content, at: start))
        case "^": tokens.append(try named(.open(inverted: true), content, at: start))
        case "/": tokens.append(try named(.close, content, at: start))
        case "!": tokens.append(MustacheToken(kind: .comment, content: "", offset: start))
        case ">": tokens.append(try named(.partial, content, at: start))
        case "<": tokens.append(try named(.parent, content, at: start))
        case "$": tokens.append(try named(.block, content, at: start))
        case "&": tokens.append(try named(.variable(escaped: false), content, at: start))
        case "=":
            let parts = content.dropLast().split(separator: " ", omittingEmptySubsequences: true)
            guard content.hasSuffix("="), parts.count == 2 else {
                throw error(at: start, "a delimiter change looks like {{=<% %>=}}")
            }
            open = Array(parts[0].utf8)
            close = Array(parts[1].utf8)
            tokens.append(MustacheToken(kind: .delimiters, content: "", offset: start))
        default: tokens.append(try named(.variable(escaped: true), content, at: start))
        }
        return after
    }

    private func named(
        _ kind: MustacheToken.Kind,
        _ name: String,
        at offset: Int
    ) throws(MustacheTemplate.SyntaxError)
        -> MustacheToken
    {
        guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
            throw error(at: offset, name.isEmpty ? "the tag has no name" : "the name '\(name)' contains a space")
        }
        return MustacheToken(kind: kind, content: name, offset: offset)
    }

    /// A tag alone on its line, with only spaces or tabs around it, takes its line with it.
    static func removingStandaloneLines(_ tokens: [MustacheToken]) -> [MustacheToken] {
        var dropPrefix = [Int](repeating: 0, count: tokens.count)
        var dropSuffix = [Int](repeating: 0, count: tokens.count)
        var indentation = [String](repeating: "", count: tokens.count)
        for (index, token) in tokens.enumerated() where token.kind.canStandAlone {
            // An empty block or parent, `{{$name}}{{/name}}`, stands alone as one tag.
            let last =
                (token.kind == .block || token.kind == .parent) && index + 1 < tokens.count
                    && tokens[index + 1].kind == .close && tokens[index + 1].content == token.content
                ? index + 1 : index
            guard let before = lineBefore(index, tokens), let after = lineAfter(last, tokens) else { continue }
            if index > 0 {
                dropSuffix[index - 1] = before.count
                indentation[index] = before
            }
            if last + 1 < tokens.count { dropPrefix[last + 1] = after }
        }
        var result: [MustacheToken] = []
        for (index, token) in tokens.enumerated() {
            var token = token
            if token.kind == .text {
                let utf8 = Array(token.content.utf8)
                let end = max(dropPrefix[index], utf8.count - dropSuffix[index])
                token.content = String(decoding: utf8[dropPrefix[index]..<end], as: UTF8.self)
                token.offset += dropPrefix[index]
                if token.content.isEmpty { continue }
            }
            token.indentation = indentation[index]
            result.append(token)
        }
        return result
    }

    /// The spaces between the start of the tag's line and the tag, if nothing else is there.
    private static func lineBefore(_ index: Int, _ tokens: [MustacheToken]) -> String? {
        guard index > 0 else { return "" }
        let previous = tokens[index - 1]
        guard previous.kind == .text else { return nil }
        let utf8 = Array(previous.content.utf8)
        let lineStart = (utf8.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        if lineStart == 0, index > 1 { return nil }
        let tail = utf8[lineStart...]
        guard tail.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
        return String(decoding: tail, as: UTF8.self)
    }

    /// How many bytes after the tag end its line (newline included), if only spaces are there.
    private static func lineAfter(_ index: Int, _ tokens: [MustacheToken]) -> Int? {
        guard index + 1 < tokens.count else { return 0 }
        let next = tokens[index + 1]
        guard next.kind == .text else { return nil }
        let utf8 = Array(next.content.utf8)
        guard let newline = utf8.firstIndex(of: UInt8(ascii: "\n")) else {
            return index + 2 == tokens.count && utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) ? utf8.count : nil
        }
        let head = utf8[..<newline]
        guard head.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return nil }
        return newline + 1
    }
}

/// Nests sections, blocks and parents into a tree.
struct MustacheTreeBuilder {
    let tokens: [MustacheToken]
    let source: MustacheParser
    let file: String
    private var index = 0
    private var references: [String: (line: Int, column: Int)] = [:]

    init(tokens: [MustacheToken], source: MustacheParser, file: String) {
        self.tokens = tokens
        self.source = source
        self.file = file
    }

    mutating func build() throws(MustacheTemplate.SyntaxError) -> (
        [MustacheTemplate.Node], [String: (line: Int, column: Int)]
    ) {
        let nodes = try nodes(until: nil)
        return (nodes, references)
    }

    /// Nodes up to the close tag of `open` (or the end when `open` is nil).
    private mutating func nodes(
        until open: MustacheToken?
    ) throws(MustacheTemplate.SyntaxError)
        -> [MustacheTemplate.Node]
    {
        var nodes: [MustacheTemplate.Node] = []
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .text:
                let (line, column) = source.location(of: token.offset)
                nodes.append(.origin(MustacheTemplate.TextOrigin(file: file, line: line, column: column)))
                nodes.append(.text(token.content))
            case .variable(let escaped): nodes.append(.variable(path: Self.path(token.content), escaped: escaped))
            case .comment, .delimiters: break
            case .partial:
                reference(token)
                nodes.append(.partial(name: token.content, indentation: token.indentation))
            case .open(let inverted):
                let body = try self.nodes(until: token)
                nodes.append(.section(path: Self.path(token.content), inverted: inverted, body: body))
            case .block:
                let body = try self.nodes(until: token)
                nodes.append(.block(name: token.content, indentation: token.indentation, body: body))
            case .parent:
                reference(token)
                var blocks: [String: MustacheTemplate.Block] = [:]
                for case .block(let name, let indentation, let body) in try self.nodes(until: token) {
                    blocks[name] = MustacheTemplate.Block(body: body, indentation: indentation)
                }
                nodes.append(.parent(name: token.content, indentation: token.indentation, blocks: blocks))
            case .close:
                guard let open else {
                    throw source.error(at: token.offset, "{{/\(token.content)}} closes a section that was never opened")
                }
                guard token.content == open.content else {
                    throw source.error(
                        at: token.offset,
                        "{{/\(token.content)}} closes '\(token.content)' but the open section is '\(open.content)'"
                    )
                }
                return nodes
            }
        }
        if let open {
            throw source.error(at: open.offset, "'\(open.content)' is opened here and never closed")
        }
        return nodes
    }

    private mutating func reference(_ token: MustacheToken) {
        guard references[token.content] == nil else { return }
        references[token.content] = source.location(of: token.offset)
    }

    private static func path(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    fileprivate var trimmed: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
