/// Parses the CSS subset of `docs/templates.md`: rules with type, class, id, descendant and child
/// selectors, the supported properties, and `@page` with its margin boxes.
public struct CSSParser {
    private let file: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line: Int
    private var column: Int

    /// Parses `text` from `file`; `line` and `column` say where the text starts in that file
    /// (for a `<style>` element inside a template).
    ///
    /// - Throws: ``MarkupError`` at the first unsupported or malformed construct.
    public static func parse(
        _ text: String,
        file: String,
        line: Int = 1,
        column: Int = 1
    ) throws(MarkupError) -> Stylesheet {
        var parser = CSSParser(file: file, scalars: Array(text.unicodeScalars), line: line, column: column)
        var sheet = try parser.stylesheet()
        sheet.source = text
        return sheet
    }

    /// Parses the declarations of a `style="…"` attribute.
    public static func parseDeclarations(
        _ text: String,
        at location: SourceLocation
    ) throws(MarkupError) -> [Declaration] {
        var parser = CSSParser(
            file: location.file,
            scalars: Array(text.unicodeScalars),
            line: location.line,
            column: location.column
        )
        return try parser.declarations(until: nil)
    }

    private init(file: String, scalars: [Unicode.Scalar], line: Int, column: Int) {
        self.file = file
        self.scalars = scalars
        self.line = line
        self.column = column
    }

    private var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
    private var atEnd: Bool { index >= scalars.count }
    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Skips white space and comments.
    private mutating func skipTrivia() throws(MarkupError) {
        while let scalar = peek() {
            if scalar.properties.isWhitespace {
                advance()
            } else if scalar == "/", peek(1) == "*" {
                let start = location
                advance()
                advance()
                while !atEnd, !(peek() == "*" && peek(1) == "/") { advance() }
                guard !atEnd else { throw start.error("a comment is not closed with */") }
                advance()
                advance()
            } else {
                return
            }
        }
    }

    private mutating func stylesheet() throws(MarkupError) -> Stylesheet {
        var sheet = Stylesheet()
        while true {
            try skipTrivia()
            guard let scalar = peek() else { return sheet }
            if scalar == "@" {
                try atRule(into: &sheet)
            } else {
                let selectors = try selectorList()
                let declarations = try declarationBlock()
                sheet.rules.append(StyleRule(selectors: selectors, declarations: declarations))
            }
        }
    }

    private mutating func identifier() -> String {
        var text = ""
        while let scalar = peek(),
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        {
            text.unicodeScalars.append(scalar)
            advance()
        }
        return text
    }

    private mutating func atRule(into sheet: inout Stylesheet) throws(MarkupError) {
        let start = location
        advance()
        let name = identifier().lowercased()
        guard name == "page" else {
            throw start.error("@\(name) is not supported; stylesheets may use @page only")
        }
        try skipTrivia()
        guard peek() == "{" else {
            throw location.error("expected '{' after @page (page selectors such as :first are not supported)")
        }
        advance()
        while true {
            try skipTrivia()
            guard let scalar = peek() else { throw start.error("@page is not closed with '}'") }
            if scalar == "}" {
                advance()
                return
            }
            if scalar == "@" {
                let boxStart = location
                advance()
                let boxName = identifier().lowercased()
                guard let position = MarginBoxPosition(rawValue: boxName) else {
                    throw boxStart.error(
                        "@\(boxName) is not a supported margin box; use @top-left, @top-center, @top-right, "
                            + "@bottom-left, @bottom-center or @bottom-right"
                    )
                }
                sheet.page.marginBoxes[position] = try marginBox()
            } else {
                try pageDeclaration(into: &sheet.page)
            }
        }
    }

    private mutating func rawDeclaration() throws(MarkupError) -> (
        name: String, value: String, nameAt: SourceLocation, valueAt: SourceLocation
    ) {
        let nameAt = location
        let name = identifier().lowercased()
        guard !name.isEmpty else {
            throw nameAt.error("expected a property name, found '\(peek().map(String.init) ?? "end of file")'")
        }
        try skipTrivia()
        guard peek() == ":" else { throw location.error("expected ':' after '\(name)'") }
        advance()
        try skipTrivia()
        let valueAt = location
        var value = ""
        var quote: Unicode.Scalar?
        var depth = 0
        while let scalar = peek() {
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "(" {
                depth += 1
            } else if scalar == ")" {
                depth -= 1
            } else if depth == 0, scalar == ";" || scalar == "}" {
                break
            } else if scalar == "{" {
                throw location.error("unexpected '{' in the value of '\(name)'")
            }
            value.unicodeScalars.append(scalar)
            advance()
        }
        if peek() == ";" { advance() }
        return (name, value.trimmingWhitespace, nameAt, valueAt)
    }

    private mutating func pageDeclaration(into page: inout PageRule) throws(MarkupError) {
        let (name, value, nameAt, valueAt) = try rawDeclaration()
        switch name {
        case "size":
            let size = try PropertyParser.pageSize(value, at: valueAt)
            guard size.width > 0, size.height > 0, size.width <= 14_400, size.height <= 14_400 else {
                throw valueAt.error(
                    "@page size '\(value)' is impossible: each side must be above 0 and at most 14400pt"
                )
            }
            page.size = size
            page.location = valueAt
        case "margin":
            let changes = try PropertyParser.parse("margin", value, at: valueAt)
            var margin = Edges(all: 0.0)
            for change in changes {
                guard case .margin(let side, let length) = change, case .points(let points) = length else {
                    throw valueAt.error("@page margins must be absolute lengths such as 18mm")
                }
                switch side {
                case .top: margin.top = points
                case .right: margin.right = points
                case .bottom: margin.bottom = points
                case .left: margin.left = points
                }
            }
            guard margin.top >= 0, margin.right >= 0, margin.bottom >= 0, margin.left >= 0 else {
                throw valueAt.error("@page margin '\(value)' is negative: margins are 0 or more, such as 18mm")
            }
            page.margin = margin
            page.location = valueAt
        default:
            throw nameAt.error("'\(name)' is not supported in @page; use size, margin and margin boxes")
        }
    }

    private mutating func marginBox() throws(MarkupError) -> MarginBox {
        try skipTrivia()
        guard peek() == "{" else { throw location.error("expected '{' to open the margin box") }
        advance()
        var box = MarginBox()
        while true {
            try skipTrivia()
            guard let scalar = peek() else { throw location.error("the margin box is not closed with '}'") }
            if scalar == "}" {
                advance()
                return box
            }
            let (name, value, nameAt, valueAt) = try rawDeclaration()
            if name == "content" {
                box.content = try PropertyParser.content(value, at: valueAt)
            } else {
                guard PropertyParser.marginBoxProperties.contains(name) else {
                    throw nameAt.error(
                        "'\(name)' is not supported in a margin box; use content, font-*, color, text-align"
                    )
                }
                box.declarations.append(
                    Declaration(
                        property: name,
                        changes: try PropertyParser.parse(name, value, at: valueAt, name: nameAt),
                        location: nameAt
                    )
                )
            }
        }
    }

    private mutating func declarationBlock() throws(MarkupError) -> [Declaration] {
        try skipTrivia()
        guard peek() == "{" else { throw location.error("expected '{' after the selector") }
        let start = location
        advance()
        let declarations = try self.declarations(until: "}")
        guard peek() == "}" else { throw start.error("the rule is not closed with '}'") }
        advance()
        return declarations
    }

    private mutating func declarations(until terminator: Unicode.Scalar?) throws(MarkupError) -> [Declaration] {
        var declarations: [Declaration] = []
        while true {
            try skipTrivia()
            guard let scalar = peek() else { return declarations }
            if scalar == terminator { return declarations }
            if scalar == ";" {
                advance()
                continue
            }
            let (name, value, nameAt, valueAt) = try rawDeclaration()
            if value.hasSuffix("!important") { throw valueAt.error("!important is not supported") }
            declarations.append(
                Declaration(
                    property: name,
                    changes: try PropertyParser.parse(name, value, at: valueAt, name: nameAt),
                    location: nameAt
                )
            )
        }
    }

    private mutating func selectorList() throws(MarkupError) -> [Selector] {
        var selectors: [Selector] = []
        while true {
            try skipTrivia()
            selectors.append(try selector())
            try skipTrivia()
            if peek() == "," {
                advance()
                continue
            }
            return selectors
        }
    }

    private mutating func selector() throws(MarkupError) -> Selector {
        var parts: [(combinator: Selector.Combinator, compound: CompoundSelector)] = []
        var combinator = Selector.Combinator.descendant
        while true {
            let start = location
            parts.append((combinator, try compound()))
            let hadSpace = peek()?.properties.isWhitespace ?? false
            try skipTrivia()
            guard let scalar = peek(), scalar != "{", scalar != "," else {
                return Selector(parts: parts)
            }
            if scalar == ">" {
                advance()
                try skipTrivia()
                combinator = .child
            } else if hadSpace {
                combinator = .descendant
            } else {
                throw start.error("unsupported selector syntax at '\(scalar)'")
            }
        }
    }

    private mutating func compound() throws(MarkupError) -> CompoundSelector {
        let start = location
        var compound = CompoundSelector()
        if peek() == "*" {
            advance()
        } else if let scalar = peek(), scalar.properties.isAlphabetic {
            let name = identifier().lowercased()
            guard MarkupVocabulary.elements.contains(name) else {
                throw start.error("selector names unknown element '\(name)'")
            }
            compound.element = name
        }
        while let scalar = peek() {
            if scalar == "." || scalar == "#" {
                advance()
                let name = identifier()
                guard !name.isEmpty else { throw location.error("expected a name after '\(scalar)'") }
                if scalar == "." { compound.classes.append(name) } else { compound.id = name }
            } else if scalar == ":" || scalar == "[" || scalar == "+" || scalar == "~" {
                throw location.error(
                    "'\(scalar)' selectors are not supported; use type, class, id, descendant and child selectors"
                )
            } else {
                break
            }
        }
        guard
            compound.element != nil || compound.id != nil || !compound.classes.isEmpty
                || scalars[max(0, index - 1)] == "*"
        else {
            throw start.error("expected a selector, found '\(peek().map(String.init) ?? "end of file")'")
        }
        return compound
    }
}

extension String {
    /// The text without Unicode white space (spaces, tabs, line breaks; the `White_Space` property) at
    /// either end.
    ///
    /// Made from a `Substring` of the scalars kept: `String.UnicodeScalarView`'s generic initializer made the
    /// Swift runtime scan the binary's conformance records for `Substring.UnicodeScalarView`'s `Collection`
    /// conformance on its first use in a process, about 0.43 M instructions (docs/performance.md, session 18).
    public var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(Substring(scalars))
    }
}
