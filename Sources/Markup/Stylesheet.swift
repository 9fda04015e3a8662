/// A parsed stylesheet: rules, and the `@page` rule if any.
public struct Stylesheet: Sendable, Hashable {
    /// The style rules in source order.
    public var rules: [StyleRule] = []
    /// Page size, margins and margin boxes.
    public var page = PageRule()
    /// The source text, kept for the HTML writer.
    public var source: String = ""
}

/// `selectors { declarations }`.
public struct StyleRule: Sendable, Hashable {
    /// Any of these selects an element.
    public var selectors: [Selector]
    /// What is applied.
    public var declarations: [Declaration]
}

/// One `property: value` after parsing: the changes it makes to a computed style.
public struct Declaration: Sendable, Hashable {
    /// The property as written.
    public var property: String
    /// What it changes; shorthands make several changes.
    public var changes: [StyleChange]
    /// Where it was written.
    public var location: SourceLocation
}

/// A length before computing: `em` and `%` need the font size or the containing block.
public enum SpecifiedLength: Sendable, Hashable {
    /// Points.
    case points(Double)
    /// Multiples of the element's font size.
    case em(Double)
    /// Percent of the containing block (of the parent's font size for `font-size`).
    case percent(Double)
    /// `auto`.
    case auto
}

/// Which side a box property applies to.
public enum Side: Sendable, Hashable, CaseIterable {
    /// Top.
    case top
    /// Right.
    case right
    /// Bottom.
    case bottom
    /// Left.
    case left
}

/// One change a declaration makes to a computed style.
public enum StyleChange: Sendable, Hashable {
    case display(Display)
    case fontFamily([String])
    case fontSize(SpecifiedLength)
    case fontWeight(Int)
    case italic(Bool)
    case color(CSSColor)
    case backgroundColor(CSSColor?)
    case textAlign(TextAlign)
    case verticalAlign(VerticalAlign)
    case lineHeight(LineHeightSpecification)
    case margin(Side, SpecifiedLength)
    case padding(Side, SpecifiedLength)
    case borderWidth(Side, Double)
    case borderStyle(Side, BorderStyle)
    case borderColor(Side, CSSColor)
    case width(SpecifiedLength)
    case height(SpecifiedLength)
    case breakBefore(BreakValue)
    case breakAfter(BreakValue)
    case breakInside(BreakValue)
    case whiteSpace(WhiteSpace)
    case textTransform(TextTransform)
}

/// `line-height` as written.
public enum LineHeightSpecification: Sendable, Hashable {
    /// `normal`.
    case normal
    /// A unitless multiple of the font size.
    case factor(Double)
    /// A length.
    case length(SpecifiedLength)
}

/// A complex selector: compounds joined by descendant or child combinators.
public struct Selector: Sendable, Hashable {
    /// How a compound relates to the one before it.
    public enum Combinator: Sendable, Hashable {
        /// Anywhere inside (a space).
        case descendant
        /// Directly inside (`>`).
        case child
    }

    /// The compounds from left to right, each with the combinator that joins it to the previous one.
    public var parts: [(combinator: Combinator, compound: CompoundSelector)]

    /// (ids, classes, types), compared in that order.
    public var specificity: Int {
        parts.reduce(0) { total, part in
            total + (part.compound.id == nil ? 0 : 10_000) + part.compound.classes.count * 100
                + (part.compound.element == nil ? 0 : 1)
        }
    }

    /// Two selectors are equal when written the same.
    public static func == (lhs: Selector, rhs: Selector) -> Bool {
        lhs.parts.map(\.compound) == rhs.parts.map(\.compound)
            && lhs.parts.map(\.combinator) == rhs.parts.map(\.combinator)
    }

    /// Hashes the compounds.
    public func hash(into hasher: inout Hasher) {
        for part in parts {
            hasher.combine(part.compound)
            hasher.combine(part.combinator)
        }
    }
}

/// `td.amount#total`: an optional element name, classes and an id, all of which must match.
public struct CompoundSelector: Sendable, Hashable {
    /// Element name, or `nil` for any (`*`).
    public var element: String?
    /// Classes the element must have.
    public var classes: [String] = []
    /// The id it must have.
    public var id: String?

    func matches(_ element: MatchTarget) -> Bool {
        if let name = self.element, name != element.name { return false }
        if let id, element.id != id { return false }
        guard !classes.isEmpty else { return true }
        let present = element.classes
        return classes.allSatisfy { present.contains($0) }
    }
}

/// `@page`: size, margins and the boxes in the margins.
public struct PageRule: Sendable, Hashable {
    /// Width and height in points; A4 when not given.
    public var size: (width: Double, height: Double)?
    /// Margins in points.
    public var margin: Edges<Double>?
    /// Running headers and footers by position.
    public var marginBoxes: [MarginBoxPosition: MarginBox] = [:]
    /// Where the last size or margin was set, for errors about the page box.
    public var location: SourceLocation?

    /// Page rules are equal when they print the same.
    public static func == (lhs: PageRule, rhs: PageRule) -> Bool {
        lhs.size?.width == rhs.size?.width && lhs.size?.height == rhs.size?.height && lhs.margin == rhs.margin
            && lhs.marginBoxes == rhs.marginBoxes
    }

    /// Hashes what prints.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(size?.width)
        hasher.combine(size?.height)
        hasher.combine(margin)
        hasher.combine(marginBoxes)
    }
}

/// Where a margin box sits.
public enum MarginBoxPosition: String, Sendable, Hashable, CaseIterable {
    /// `@top-left`.
    case topLeft = "top-left"
    /// `@top-center`.
    case topCenter = "top-center"
    /// `@top-right`.
    case topRight = "top-right"
    /// `@bottom-left`.
    case bottomLeft = "bottom-left"
    /// `@bottom-center`.
    case bottomCenter = "bottom-center"
    /// `@bottom-right`.
    case bottomRight = "bottom-right"

    /// Whether the box is in the top margin.
    public var isTop: Bool { rawValue.hasPrefix("top") }
}

/// A running header or footer: its content and its text style.
public struct MarginBox: Sendable, Hashable {
    /// Strings and page counters.
    public var content: [ContentPart] = []
    /// Text style changes (font, colour, alignment).
    public var declarations: [Declaration] = []

    /// The text for page `page` of `pages`.
    public func text(page: Int, of pages: Int) -> String {
        content.map { part in
            switch part {
            case .string(let text): return text
            case .page: return String(page)
            case .pages: return String(pages)
            }
        }.joined()
    }
}

/// A piece of a margin box's `content`.
public enum ContentPart: Sendable, Hashable {
    /// Literal text.
    case string(String)
    /// `counter(page)`.
    case page
    /// `counter(pages)`.
    case pages
}

/// What selectors look at in an element, read once per element rather than once per selector.
struct MatchTarget: Hashable {
    var name: String
    var id: String?
    /// The `class` attribute as written: cheap to hash for the resolver's memo, which meets
    /// every element; the set of classes is worked out only when rules are matched.
    var classAttribute: String?

    init(_ element: MarkupElement) {
        name = element.name
        id = element.attributes["id"]
        classAttribute = element.attributes["class"]
    }

    var classes: Set<String> {
        guard let classAttribute else { return [] }
        return Set(classAttribute.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
    }
}
