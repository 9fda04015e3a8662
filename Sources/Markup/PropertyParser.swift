/// Turns the text of one declaration into the changes it makes, checking property, value and unit.
enum PropertyParser {
    static let marginBoxProperties: Set<String> = [
        "font-family", "font-size", "font-weight", "font-style", "color", "text-align",
    ]

    static let namedColors: [String: CSSColor] = [
        "black": CSSColor(red: 0, green: 0, blue: 0), "white": CSSColor(red: 1, green: 1, blue: 1),
        "red": CSSColor(red: 1, green: 0, blue: 0), "green": CSSColor(red: 0, green: 128 / 255, blue: 0),
        "blue": CSSColor(red: 0, green: 0, blue: 1),
        "gray": CSSColor(red: 128 / 255, green: 128 / 255, blue: 128 / 255),
        "grey": CSSColor(red: 128 / 255, green: 128 / 255, blue: 128 / 255),
        "silver": CSSColor(red: 192 / 255, green: 192 / 255, blue: 192 / 255),
        "maroon": CSSColor(red: 128 / 255, green: 0, blue: 0), "navy": CSSColor(red: 0, green: 0, blue: 128 / 255),
        "teal": CSSColor(red: 0, green: 128 / 255, blue: 128 / 255),
        "olive": CSSColor(red: 128 / 255, green: 128 / 255, blue: 0),
        "purple": CSSColor(red: 128 / 255, green: 0, blue: 128 / 255),
        "orange": CSSColor(red: 1, green: 165 / 255, blue: 0),
        "yellow": CSSColor(red: 1, green: 1, blue: 0), "transparent": CSSColor(red: 0, green: 0, blue: 0, alpha: 0),
    ]

    static func parse(
        _ property: String,
        _ value: String,
        at location: SourceLocation,
        name nameLocation: SourceLocation? = nil
    ) throws(MarkupError) -> [StyleChange] {
        let words = try split(value, at: location)
        guard !words.isEmpty else { throw location.error("'\(property)' has no value") }
        func single() throws(MarkupError) -> String {
            guard words.count == 1 else { throw location.error("'\(property)' takes one value, found '\(value)'") }
            return words[0].lowercased()
        }
        func keyword<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws(MarkupError) -> T
        where T.RawValue == String {
            let word = try single()
            guard let result = T(rawValue: word) else {
                throw location.error(
                    "'\(word)' is not a value of '\(property)'; use \(T.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return result
        }
        switch property {
        case "display": return [.display(try keyword(Display.self))]
        case "font-family": return [.fontFamily(try families(value, at: location))]
        case "font-size": return [.fontSize(try length(try single(), at: location, allowAuto: false))]
        case "font-weight": return [.fontWeight(try weight(try single(), at: location))]
        case "font-style":
            let word = try single()
            guard ["normal", "italic", "oblique"].contains(word) else {
                throw location.error("'\(word)' is not a font-style; use normal or italic")
            }
            return [.italic(word != "normal")]
        case "color": return [.color(try color(try single(), at: location))]
        case "background-color":
            let word = try single()
            return [.backgroundColor(word == "transparent" || word == "none" ? nil : try color(word, at: location))]
        case "text-align":
            let word = try single()
            let mapped = word == "start" ? "left" : word == "end" ? "right" : word
            guard let align = TextAlign(rawValue: mapped) else {
                throw location.error("'\(word)' is not a text-align; use left, right, center or justify")
            }
            return [.textAlign(align)]
        case "vertical-align": return [.verticalAlign(try keyword(VerticalAlign.self))]
        case "line-height": return [.lineHeight(try lineHeight(try single(), at: location))]
        case "margin", "padding":
            let lengths = try words.map { (word) throws(MarkupError) in
                try length(word.lowercased(), at: location, allowAuto: property == "margin")
            }
            let sides = try fourSides(lengths, property: property, at: location)
            return zip(Side.allCases, sides).map { property == "margin" ? .margin($0, $1) : .padding($0, $1) }
        case "width", "height":
            let parsed = try length(try single(), at: location, allowAuto: true)
            return [property == "width" ? .width(parsed) : .height(parsed)]
        case "break-before", "break-after":
            let word = try single()
            let mapped = ["always", "left", "right"].contains(word) ? "page" : word
            guard let value = BreakValue(rawValue: mapped) else {
                throw location.error("'\(word)' is not a \(property); use auto, page or avoid")
            }
            return [property == "break-before" ? .breakBefore(value) : .breakAfter(value)]
        case "break-inside":
            let word = try single()
            guard word == "auto" || word == "avoid" else {
                throw location.error("'\(word)' is not a break-inside; use auto or avoid")
            }
            return [.breakInside(word == "avoid" ? .avoid : .auto)]
        case "white-space": return [.whiteSpace(try keyword(WhiteSpace.self))]
        case "text-transform": return [.textTransform(try keyword(TextTransform.self))]
        default:
            if let sideProperty = try sideProperty(property, words, at: location) { return sideProperty }
            throw (nameLocation ?? location).error(
                "property '\(property)' is not supported; see docs/templates.md for the list"
            )
        }
    }

    /// The per-side properties, such as `margin-top`, `border` and `border-top-color`.
    private static func sideProperty(
        _ property: String,
        _ words: [String],
        at location: SourceLocation
    ) throws(MarkupError) -> [StyleChange]? {
        let parts = property.split(separator: "-").map(String.init)
        let sideNames: [String: Side] = ["top": .top, "right": .right, "bottom": .bottom, "left": .left]
        if parts.count == 2, let side = sideNames[parts[1]], parts[0] == "margin" || parts[0] == "padding" {
            guard words.count == 1 else { throw location.error("'\(property)' takes one length") }
            let parsed = try length(words[0].lowercased(), at: location, allowAuto: parts[0] == "margin")
            return [parts[0] == "margin" ? .margin(side, parsed) : .padding(side, parsed)]
        }
        guard parts.first == "border" else { return nil }
        if parts.count == 1 { return try border(words, sides: Side.allCases, at: location) }
        if parts.count == 2, let side = sideNames[parts[1]] { return try border(words, sides: [side], at: location) }
        let aspect = parts.last ?? ""
        let sides: [Side]
        var values: [String] = words
        if parts.count == 2 {
            sides = Side.allCases
        } else if parts.count == 3, let side = sideNames[parts[1]] {
            sides = [side]
            guard words.count == 1 else { throw location.error("'\(property)' takes one value") }
        } else {
            return nil
        }
        if sides.count == 4 {
            guard (1...4).contains(words.count) else { throw location.error("'\(property)' takes one to four values") }
            values = [
                words[0], words[words.count > 1 ? 1 : 0], words[words.count > 2 ? 2 : 0],
                words[words.count > 3 ? 3 : (words.count > 1 ? 1 : 0)],
            ]
        }
        var changes: [StyleChange] = []
        for (side, word) in zip(sides, values) {
            switch aspect {
            case "width": changes.append(.borderWidth(side, try borderWidth(word.lowercased(), at: location)))
            case "style": changes.append(.borderStyle(side, try borderStyle(word.lowercased(), at: location)))
            case "color": changes.append(.borderColor(side, try color(word.lowercased(), at: location)))
            default: return nil
            }
        }
        return changes
    }

    private static func border(
        _ words: [String],
        sides: [Side],
        at location: SourceLocation
    ) throws(MarkupError) -> [StyleChange] {
        var width = 1.0
        var style = BorderStyle.none
        var color = CSSColor.black
        for word in words.map({ $0.lowercased() }) {
            if let parsed = BorderStyle(rawValue: word) {
                style = parsed
            } else if let first = word.unicodeScalars.first,
                ("0"..."9").contains(first) || first == "." || ["thin", "medium", "thick"].contains(word)
            {
                width = try borderWidth(word, at: location)
            } else {
                color = try self.color(word, at: location)
            }
        }
        if words.count == 1, words[0].lowercased() == "none" { width = 0 }
        return sides.flatMap { side in
            [StyleChange.borderWidth(side, width), .borderStyle(side, style), .borderColor(side, color)]
        }
    }

    private static func borderWidth(_ word: String, at location: SourceLocation) throws(MarkupError) -> Double {
        switch word {
        case "thin": return 0.5
        case "medium": return 1
        case "thick": return 2
        default:
            guard case .points(let points) = try length(word, at: location, allowAuto: false) else {
                throw location.error("a border width must be an absolute length such as 0.5pt")
            }
            return points
        }
    }

    private static func borderStyle(_ word: String, at location: SourceLocation) throws(MarkupError) -> BorderStyle {
        guard let style = BorderStyle(rawValue: word) else {
            throw location.error("'\(word)' is not a border style; use none, solid, dashed or dotted")
        }
        return style
    }

    private static func fourSides<T>(
        _ values: [T],
        property: String,
        at location: SourceLocation
    ) throws(MarkupError) -> [T] {
        switch values.count {
        case 1: return [values[0], values[0], values[0], values[0]]
        case 2: return [values[0], values[1], values[0], values[1]]
        case 3: return [values[0], values[1], values[2], values[1]]
        case 4: return values
        default: throw location.error("'\(property)' takes one to four values")
        }
    }

    static func length(
        _ word: String,
        at location: SourceLocation,
        allowAuto: Bool
    ) throws(MarkupError) -> SpecifiedLength {
        if word == "auto" {
            guard allowAuto else { throw location.error("'auto' is not allowed here") }
            return .auto
        }
        var number = ""
        var unit = ""
        for scalar in word.unicodeScalars {
            if unit.isEmpty,
                ("0"..."9").contains(scalar) || scalar == "." || (number.isEmpty && (scalar == "-" || scalar == "+"))
            {
                number.unicodeScalars.append(scalar)
            } else {
                unit.unicodeScalars.append(scalar)
            }
        }
        guard let value = Double(number) else { throw location.error("'\(word)' is not a length such as 12pt or 5mm") }
        switch unit {
        case "pt": return .points(value)
        case "px": return .points(value * 0.75)
        case "mm": return .points(value * 72 / 25.4)
        case "cm": return .points(value * 72 / 2.54)
        case "in": return .points(value * 72)
        case "%": return .percent(value)
        case "em": return .em(value)
        case "" where value == 0: return .points(0)
        case "": throw location.error("'\(word)' needs a unit: pt, px, mm, cm, in, % or em")
        default: throw location.error("unit '\(unit)' is not supported; use pt, px, mm, cm, in, % or em")
        }
    }

    private static func lineHeight(
        _ word: String,
        at location: SourceLocation
    ) throws(MarkupError) -> LineHeightSpecification {
        if word == "normal" { return .normal }
        if let factor = Double(word) { return .factor(factor) }
        return .length(try length(word, at: location, allowAuto: false))
    }

    private static func weight(_ word: String, at location: SourceLocation) throws(MarkupError) -> Int {
        switch word {
        case "normal": return 400
        case "bold": return 700
        default:
            guard let number = Int(word), (1...9).contains(number / 100), number % 100 == 0 else {
                throw location.error("'\(word)' is not a font-weight; use normal, bold or 100–900")
            }
            return number
        }
    }

    static func color(_ word: String, at location: SourceLocation) throws(MarkupError) -> CSSColor {
        if let named = namedColors[word] { return named }
        if word.hasPrefix("#") {
            var hex = String(word.dropFirst())
            if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
            guard hex.count == 6, let value = UInt32(hex, radix: 16) else {
                throw location.error("'\(word)' is not a colour; use #rgb, #rrggbb, rgb() or a name")
            }
            return CSSColor(
                red: Double(value >> 16 & 0xFF) / 255,
                green: Double(value >> 8 & 0xFF) / 255,
                blue: Double(value & 0xFF) / 255
            )
        }
        if word.hasPrefix("rgb(") || word.hasPrefix("rgba("), word.hasSuffix(")") {
            let inner = word.drop(while: { $0 != "(" }).dropFirst().dropLast()
            let numbers = inner.split(separator: ",").map { Double($0.trimmingWhitespaceSubstring) }
            guard numbers.count == 3 || numbers.count == 4, numbers.allSatisfy({ $0 != nil }) else {
                throw location.error("'\(word)' is not a colour; rgb() takes three numbers 0–255")
            }
            let values = numbers.compactMap { $0 }
            return CSSColor(
                red: values[0] / 255,
                green: values[1] / 255,
                blue: values[2] / 255,
                alpha: values.count == 4 ? values[3] : 1
            )
        }
        throw location.error("'\(word)' is not a colour; use #rgb, #rrggbb, rgb() or a name such as black")
    }

    private static func families(_ value: String, at location: SourceLocation) throws(MarkupError) -> [String] {
        let names = value.split(separator: ",").map { part in
            var name = String(part).trimmingWhitespace
            if name.count >= 2, let first = name.first, first == "\"" || first == "'", name.last == first {
                name = String(name.dropFirst().dropLast())
            }
            return name
        }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else {
            throw location.error("font-family needs at least one family name")
        }
        return names
    }

    static func pageSize(
        _ value: String,
        at location: SourceLocation
    ) throws(MarkupError) -> (width: Double, height: Double) {
        let words = try split(value, at: location).map { $0.lowercased() }
        let named: [String: (Double, Double)] = [
            "a4": (595.2756, 841.8898), "letter": (612, 792), "a5": (419.5276, 595.2756),
        ]
        var size: (Double, Double)?
        var landscape = false
        var lengths: [Double] = []
        for word in words {
            if let paper = named[word] {
                size = paper
            } else if word == "landscape" {
                landscape = true
            } else if word == "portrait" {
                continue
            } else if case .points(let points) = try length(word, at: location, allowAuto: false) {
                lengths.append(points)
            } else {
                throw location.error("'\(word)' is not a page size; use A4, letter, A5 or two lengths")
            }
        }
        if lengths.count == 2 { size = (lengths[0], lengths[1]) }
        guard let (width, height) = size else {
            throw location.error("'\(value)' is not a page size; use A4, letter, A5 or two lengths")
        }
        return landscape ? (max(width, height), min(width, height)) : (width, height)
    }

    static func content(_ value: String, at location: SourceLocation) throws(MarkupError) -> [ContentPart] {
        try split(value, at: location).map { (word) throws(MarkupError) -> ContentPart in
            if let first = word.first, first == "\"" || first == "'" {
                return .string(String(word.dropFirst().dropLast()))
            }
            switch word.replacingSpaces {
            case "counter(page)": return .page
            case "counter(pages)": return .pages
            default:
                throw location.error(
                    "'\(word)' is not supported in content; use strings, counter(page) and counter(pages)"
                )
            }
        }
    }

    /// Splits a value at white space, keeping quoted strings and parentheses whole.
    static func split(_ value: String, at location: SourceLocation) throws(MarkupError) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var depth = 0
        for character in value {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                current.append(character)
                quote = character
            } else if character == "(" {
                depth += 1
                current.append(character)
            } else if character == ")" {
                depth -= 1
                current.append(character)
            } else if character.isWhitespace, depth == 0 {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        guard quote == nil else { throw location.error("a string in '\(value)' is not closed") }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

extension Substring {
    var trimmingWhitespaceSubstring: String { String(self).trimmingWhitespace }
}

extension String {
    var replacingSpaces: String { filter { !$0.isWhitespace } }
}
