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
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    private var landmarks = Landmarks()
    /// How many `<body>` elements the current position is inside.
    private var bodyDepth = 0
    private var sawBody = false
    private var sawTitle = false
    /// How deeply elements may nest; deeper is an error rather than a stack overflow.
    static let maximumDepth = 256

    /// Parses `text`, naming `file` in errors.
    ///
    /// The parser reads UTF-8 bytes: every byte the markup cares about is ASCII, and text between
    /// tags is copied in one piece (a statement's XHTML is a few hundred kilobytes).
    ///
    /// - Returns: The root element, which must be `html`.
    /// - Throws: ``MarkupError`` at the first problem.
    public static func parse(_ text: String, file: String) throws(MarkupError) -> MarkupElement {
        try parseNotingLandmarks(text, file: file).root
    }

    /// The elements a document needs besides its tree: its `<style>`s, its first `<body>` and
    /// `<title>`, and the `<img>`s inside a body, each in document order.
    struct Landmarks {
        var styles: [MarkupElement] = []
        var body: MarkupElement?
        var title: MarkupElement?
        var images: [MarkupElement] = []
    }

    /// Parses `text` as ``parse(_:file:)`` does, noting its ``Landmarks`` on the way: a walk of the
    /// finished tree to find them copied every element of it, a quarter of a statement's styling
    /// (`docs/performance.md`).
    static func parseNotingLandmarks(
        _ text: String,
        file: String
    ) throws(MarkupError) -> (root: MarkupElement, landmarks: Landmarks) {
        var parser = XHTMLParser(file: file, bytes: Array(text.utf8))
        let root = try parser.document()
        return (root, parser.landmarks)
    }

    private init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    private var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private func starts(with text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = text.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        return true
    }

    /// Moves on by `count` bytes; columns count characters, so UTF-8 continuation bytes do not.
    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
    }

    private mutating func skip(past terminator: StaticString, what: String) throws(MarkupError) {
        let start = location
        while index < bytes.count {
            if starts(with: terminator) {
                advance(terminator.utf8CodeUnitCount)
                return
            }
            advance()
        }
        throw start.error("\(what) is not closed with '\(terminator)'")
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), Self.isWhitespace(byte) { advance() }
    }

    /// The character at the current position, for messages.
    private var currentCharacter: String {
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[index..<min(end, bytes.count)], as: UTF8.self)
    }

    private mutating func document() throws(MarkupError) -> MarkupElement {
        var root: MarkupElement?
        while index < bytes.count {
            skipWhitespace()
            guard index < bytes.count else { break }
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

    /// A name of letters (any script), digits and `-_:.`, lower-cased, and what the vocabulary
    /// knows of it if it is one of its names.
    private mutating func name() -> (text: String, known: KnownName?) {
        let start = index
        var ascii = true
        while let byte = peek() {
            let isNameByte =
                (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: ".")
            if isNameByte {
                advance()
            } else if byte >= 0x80, let scalar = scalar(at: index), scalar.properties.isAlphabetic {
                ascii = false
                advance(String(scalar).utf8.count)
            } else {
                break
            }
        }
        if ascii, let known = KnownName.find(bytes[start..<index]) { return (known.name, known) }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if ascii, !bytes[start..<index].contains(where: { (0x41...0x5A).contains($0) }) { return (text, nil) }
        return (text.lowercased(), nil)
    }

    /// The Unicode scalar whose UTF-8 encoding starts at `offset`.
    private func scalar(at offset: Int) -> Unicode.Scalar? {
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first
    }

    private mutating func element() throws(MarkupError) -> MarkupElement {
        let start = location
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw start.error("elements are nested more than \(Self.maximumDepth) deep; close some of them")
        }
        advance()  // <
        let (name, known) = self.name()
        guard !name.isEmpty else { throw start.error("expected an element name after '<'") }
        guard known?.isElement ?? MarkupVocabulary.elements.contains(name) else {
            throw start.error(
                "unknown element <\(name)>; templates may use \(MarkupVocabulary.elements.sorted().joined(separator: " "))"
            )
        }
        var element = MarkupElement(name: name, location: start)
        let selfClosing = try attributes(into: &element)
        // Noted where the element starts, so that each list is in document order as a walk of the tree gives it.
        let landmarkName = known.map(\.landmark) ?? LandmarkName(rawValue: name)
        let landmark = landmarkName.flatMap { noteLandmark($0, element) }
        defer { fill(landmark, with: element) }
        if selfClosing || known?.isVoid ?? Self.voidElements.contains(name) { return element }
        element.contentLocation = location
        let isBody = landmarkName == .body
        if isBody { bodyDepth += 1 }
        defer { if isBody { bodyDepth -= 1 } }
        try content(into: &element)
        return element
    }

    /// The names of the elements that can be ``Landmarks``.
    enum LandmarkName: String {
        case style, body, title, img
    }

    /// Which of the ``Landmarks`` an element is, with its place in its list.
    private enum Landmark {
        case style(Int)
        case body
        case title
        case image(Int)
    }

    /// Makes room for `element`, named `name`, in the ``Landmarks`` if it is one.
    private mutating func noteLandmark(_ name: LandmarkName, _ element: MarkupElement) -> Landmark? {
        switch name {
        case .style:
            landmarks.styles.append(element)
            return .style(landmarks.styles.count - 1)
        case .body where !sawBody:
            sawBody = true
            return .body
        case .title where !sawTitle:
            sawTitle = true
            return .title
        case .img where bodyDepth > 0:
            landmarks.images.append(element)
            return .image(landmarks.images.count - 1)
        default: return nil
        }
    }

    /// Puts the finished `element` in the place ``noteLandmark(_:)`` made for it.
    private mutating func fill(_ landmark: Landmark?, with element: MarkupElement) {
        switch landmark {
        case .style(let index)?: landmarks.styles[index] = element
        case .body?: landmarks.body = element
        case .title?: landmarks.title = element
        case .image(let index)?: landmarks.images[index] = element
        case nil: break
        }
    }

    /// Reads attributes up to `>` or `/>`; returns whether the tag closed itself.
    private mutating func attributes(into element: inout MarkupElement) throws(MarkupError) -> Bool {
        while true {
            skipWhitespace()
            guard let byte = peek() else {
                throw element.location.error("the tag <\(element.name)> is not closed with '>'")
            }
            if byte == UInt8(ascii: ">") {
                advance()
                return false
            }
            if starts(with: "/>") {
                advance(2)
                return true
            }
            let at = location
            let (attribute, known) = name()
            guard !attribute.isEmpty else {
                throw at.error("unexpected '\(currentCharacter)' in the tag <\(element.name)>")
            }
            guard known?.isAllowed(on: element.name) ?? MarkupVocabulary.allows(attribute, on: element.name) else {
                throw at.error("attribute '\(attribute)' is not supported on <\(element.name)>")
            }
            guard element.attributes[attribute] == nil else {
                throw at.error("attribute '\(attribute)' is given twice")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: "=") else {
                throw at.error("attribute '\(attribute)' needs a quoted value, such as \(attribute)=\"…\"")
            }
            advance()
            skipWhitespace()
            guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw location.error("the value of '\(attribute)' must be in quotes")
            }
            advance()
            element.attributeLocations.appendNew(attribute, location)
            var value = ""
            while let next = peek(), next != quote {
                if next == UInt8(ascii: "<") {
                    throw location.error("'<' inside the value of '\(attribute)': write &lt;")
                }
                if next == UInt8(ascii: "&") {
                    value += try entity()
                } else {
                    value += run(until: { $0 == quote || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") })
                }
            }
            guard peek() == quote else { throw at.error("the value of '\(attribute)' is not closed") }
            advance()
            if attribute == "href", !MarkupVocabulary.isSafeLink(value) {
                throw at.error(
                    "the link '\(value)' is not allowed: links are http://, https://, mailto: or #anchors in the document"
                )
            }
            element.attributes.appendNew(attribute, value)
        }
    }

    /// The text up to the first byte `stop` accepts, copied in one piece.
    private mutating func run(until stop: (UInt8) -> Bool) -> String {
        let start = index
        while let byte = peek(), !stop(byte) { advance() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func content(into element: inout MarkupElement) throws(MarkupError) {
        var text = ""
        func flush() {
            if !text.isEmpty { element.children.append(.text(text)) }
            text = ""
        }
        while let byte = peek() {
            if starts(with: "</") {
                flush()
                let at = location
                advance(2)
                let closing = name().text
                skipWhitespace()
                guard peek() == UInt8(ascii: ">") else {
                    throw at.error("the closing tag </\(closing)> is not closed with '>'")
                }
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
                let start = index
                while index < bytes.count, !starts(with: "]]>") { advance() }
                text += String(decoding: bytes[start..<index], as: UTF8.self)
                advance(3)
            } else if byte == UInt8(ascii: "<") {
                flush()
                element.children.append(.element(try self.element()))
            } else if byte == UInt8(ascii: "&") {
                text += try entity()
            } else {
                text += run(until: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") })
            }
        }
        throw element.location.error("<\(element.name)> is never closed: add </\(element.name)>")
    }

    private mutating func entity() throws(MarkupError) -> String {
        let at = location
        advance()  // &
        let start = index
        while let byte = peek(), byte != UInt8(ascii: ";"), index - start < 12 { advance() }
        let body = String(decoding: bytes[start..<index], as: UTF8.self)
        guard peek() == UInt8(ascii: ";") else { throw at.error("'&' must start an entity such as &amp;") }
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
