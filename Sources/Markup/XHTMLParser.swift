/// Parses the XHTML subset of `docs/templates.md` into a tree of ``MarkupElement``s.
///
/// The input must be well-formed: every element closed (`<br/>` for empty ones), attributes
/// quoted, entities known. Elements and attributes outside the subset are errors with their line
/// and column.
public struct XHTMLParser {
    /// Elements that never have content; `<br>` is read as `<br/>`.
    static let voidElements: Set<String> = ["br", "img", "hr"]
    static let entities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "euro": "€",
        "mdash": "—", "ndash": "–", "copy": "©", "hellip": "…", "laquo": "«", "raquo": "»", "middot": "·",
    ]

    private let file: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    /// How deeply elements may nest; deeper is an error rather than a stack overflow.
    static let maximumDepth = 256

    /// Parses `text`, naming `file` in errors.
    ///
    /// - Returns: The root element, which must be `html`.
    /// - Throws: ``MarkupError`` at the first problem.
    public static func parse(_ text: String, file: String) throws(MarkupError) -> MarkupElement {
        var parser = XHTMLParser(file: file, scalars: Array(text.unicodeScalars))
        return try parser.document()
    }

    private init(file: String, scalars: [Unicode.Scalar]) {
        self.file = file
        self.scalars = scalars
    }

    private var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private func starts(with text: String) -> Bool {
        var offset = 0
        for scalar in text.unicodeScalars {
            guard peek(offset) == scalar else { return false }
            offset += 1
        }
        return true
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    private mutating func skip(past terminator: String, what: String) throws(MarkupError) {
        let start = location
        while index < scalars.count {
            if starts(with: terminator) {
                advance(terminator.unicodeScalars.count)
                return
            }
            advance()
        }
        throw start.error("\(what) is not closed with '\(terminator)'")
    }

    private mutating func skipWhitespace() {
        while let scalar = peek(), scalar.properties.isWhitespace { advance() }
    }

    private mutating func document() throws(MarkupError) -> MarkupElement {
        var root: MarkupElement?
        while index < scalars.count {
            skipWhitespace()
            guard index < scalars.count else { break }
            if starts(with: "<?") {
                try skip(past: "?>", what: "the XML declaration")
            } else if starts(with: "<!--") {
                try skip(past: "-->", what: "a comment")
            } else if starts(with: "<!DOCTYPE") || starts(with: "<!doctype") {
                try skip(past: ">", what: "the DOCTYPE")
            } else if starts(with: "<"), root == nil {
                let element = try self.element()
                guard element.name == "html" else {
                    throw element.location.error("the document must start with <html>, not <\(element.name)>")
                }
                root = element
            } else {
                throw location.error("only comments and white space may follow </html>")
            }
        }
        guard let root else { throw location.error("the document is empty: expected <html>") }
        return root
    }

    private mutating func name() -> String {
        var text = ""
        while let scalar = peek(),
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_:.".unicodeScalars.contains(scalar)
        {
            text.unicodeScalars.append(scalar)
            advance()
        }
        return text
    }

    private mutating func element() throws(MarkupError) -> MarkupElement {
        let start = location
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw start.error("elements are nested more than \(Self.maximumDepth) deep; close some of them")
        }
        advance()  // <
        let name = self.name().lowercased()
        guard !name.isEmpty else { throw start.error("expected an element name after '<'") }
        guard MarkupVocabulary.elements.contains(name) else {
            throw start.error(
                "unknown element <\(name)>; templates may use \(MarkupVocabulary.elements.sorted().joined(separator: " "))"
            )
        }
        var element = MarkupElement(name: name, location: start)
        let selfClosing = try attributes(into: &element)
        if selfClosing || Self.voidElements.contains(name) { return element }
        element.contentLocation = location
        try content(into: &element)
        return element
    }

    /// Reads attributes up to `>` or `/>`; returns whether the tag closed itself.
    private mutating func attributes(into element: inout MarkupElement) throws(MarkupError) -> Bool {
        while true {
            skipWhitespace()
            guard let scalar = peek() else {
                throw element.location.error("the tag <\(element.name)> is not closed with '>'")
            }
            if scalar == ">" {
                advance()
                return false
            }
            if starts(with: "/>") {
                advance(2)
                return true
            }
            let at = location
            let attribute = name().lowercased()
            guard !attribute.isEmpty else { throw at.error("unexpected '\(scalar)' in the tag <\(element.name)>") }
            guard MarkupVocabulary.allows(attribute, on: element.name) else {
                throw at.error("attribute '\(attribute)' is not supported on <\(element.name)>")
            }
            guard element.attributes[attribute] == nil else {
                throw at.error("attribute '\(attribute)' is given twice")
            }
            skipWhitespace()
            guard peek() == "=" else {
                throw at.error("attribute '\(attribute)' needs a quoted value, such as \(attribute)=\"…\"")
            }
            advance()
            skipWhitespace()
            guard let quote = peek(), quote == "\"" || quote == "'" else {
                throw location.error("the value of '\(attribute)' must be in quotes")
            }
            advance()
            element.attributeLocations[attribute] = location
            var value = ""
            while let next = peek(), next != quote {
                if next == "<" { throw location.error("'<' inside the value of '\(attribute)': write &lt;") }
                if next == "&" {
                    value += try entity()
                } else {
                    value.unicodeScalars.append(next)
                    advance()
                }
            }
            guard peek() == quote else { throw at.error("the value of '\(attribute)' is not closed") }
            advance()
            element.attributes[attribute] = value
        }
    }

    private mutating func content(into element: inout MarkupElement) throws(MarkupError) {
        var text = ""
        func flush() {
            if !text.isEmpty { element.children.append(.text(text)) }
            text = ""
        }
        while let scalar = peek() {
            if starts(with: "</") {
                flush()
                let at = location
                advance(2)
                let closing = name().lowercased()
                skipWhitespace()
                guard peek() == ">" else { throw at.error("the closing tag </\(closing)> is not closed with '>'") }
                advance()
                guard closing == element.name else {
                    throw at.error(
                        "</\(closing)> closes <\(element.name)> opened at line \(element.location.line), column \(element.location.column)"
                    )
                }
                return
            } else if starts(with: "<!--") {
                try skip(past: "-->", what: "a comment")
            } else if starts(with: "<![CDATA[") {
                advance(9)
                while index < scalars.count, !starts(with: "]]>") {
                    text.unicodeScalars.append(scalars[index])
                    advance()
                }
                advance(3)
            } else if scalar == "<" {
                flush()
                element.children.append(.element(try self.element()))
            } else if scalar == "&" {
                text += try entity()
            } else {
                text.unicodeScalars.append(scalar)
                advance()
            }
        }
        throw element.location.error("<\(element.name)> is never closed: add </\(element.name)>")
    }

    private mutating func entity() throws(MarkupError) -> String {
        let at = location
        advance()  // &
        var body = ""
        while let scalar = peek(), scalar != ";", body.unicodeScalars.count < 12 {
            body.unicodeScalars.append(scalar)
            advance()
        }
        guard peek() == ";" else { throw at.error("'&' must start an entity such as &amp;") }
        advance()
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value =
                digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { throw at.error("&\(body); is not a character") }
            return String(Character(scalar))
        }
        guard let replacement = Self.entities[body] else { throw at.error("unknown entity &\(body);") }
        return replacement
    }
}
