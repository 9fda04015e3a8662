/// The weight of a font, on the CSS scale from 100 (thin) to 900 (black).
public struct FontWeight: Sendable, Hashable, Codable, Comparable {
    /// The numeric weight, 100…900.
    public var value: Int

    /// Creates a weight, clamped to 100…900.
    public init(_ value: Int) { self.value = min(max(value, 100), 900) }

    /// 400.
    public static let regular = FontWeight(400)
    /// 700.
    public static let bold = FontWeight(700)

    /// Orders weights from light to heavy.
    public static func < (lhs: FontWeight, rhs: FontWeight) -> Bool { lhs.value < rhs.value }
}

/// How a run of text looks: font, size, weight, slant, colour and decoration.
public struct TextStyle: Sendable, Hashable, Codable {
    /// Font family as fontconfig names it, such as "Liberation Sans".
    public var family: String
    /// Font size in points.
    public var size: Double
    /// Font weight.
    public var weight: FontWeight
    /// Whether the italic face is used.
    public var italic: Bool
    /// Text colour.
    public var color: Color
    /// Whether the run is underlined.
    public var underline: Bool

    /// Creates a style; every argument has the default of a plain 10 pt body text.
    public init(
        family: String = FontLibrary.defaultFamily,
        size: Double = 10,
        weight: FontWeight = .regular,
        italic: Bool = false,
        color: Color = .black,
        underline: Bool = false
    ) {
        self.family = family
        self.size = size
        self.weight = weight
        self.italic = italic
        self.color = color
        self.underline = underline
    }
}

/// A stretch of text in one style within a paragraph; a run with a `link` becomes a clickable area.
public struct TextRun: Sendable, Hashable, Codable {
    /// The characters of the run.
    public var text: String
    /// How they look.
    public var style: TextStyle
    /// A URL the run links to, if any.
    public var link: String?

    /// Creates a run of `text` in `style`, optionally linking to `link`.
    public init(_ text: String, style: TextStyle = TextStyle(), link: String? = nil) {
        self.text = text
        self.style = style
        self.link = link
    }
}

/// Horizontal alignment of the lines of a paragraph.
public enum TextAlignment: String, Sendable, Hashable, Codable {
    /// Ragged right.
    case left
    /// Centred.
    case center
    /// Ragged left; the usual choice for amounts.
    case right
    /// Both edges flush, except the last line.
    case justify
}

/// Where a paragraph may break lines when it has a width.
public enum WrapMode: String, Sendable, Hashable, Codable {
    /// Between words only; a word longer than the width overflows.
    case word
    /// Between any two characters.
    case character
    /// Between words, and inside a word only when it alone is wider than the line.
    case wordOrCharacter
    /// Never: the paragraph is one line per explicit line break.
    case none
}

/// Where an ellipsis replaces text that does not fit.
public enum EllipsisMode: String, Sendable, Hashable, Codable {
    /// Never shorten.
    case none
    /// "…end of the text".
    case start
    /// "Start … end".
    case middle
    /// "Start of the text…".
    case end
}

/// How the lines of a paragraph are set: width, wrapping, alignment, spacing and ellipsis.
public struct ParagraphStyle: Sendable, Hashable, Codable {
    /// The width lines wrap at, in points; `nil` lets each line be as long as its text.
    public var width: Double?
    /// Where lines may break.
    public var wrap: WrapMode
    /// How lines are aligned within `width`.
    public var alignment: TextAlignment
    /// Distance between baselines as a multiple of the font's natural line height; 1 is the font's own.
    public var lineSpacing: Double
    /// Where text that does not fit is shortened; needs a `width`.
    public var ellipsis: EllipsisMode

    /// Creates a paragraph style; by default lines wrap at words, aligned left, at the font's spacing.
    public init(
        width: Double? = nil,
        wrap: WrapMode = .wordOrCharacter,
        alignment: TextAlignment = .left,
        lineSpacing: Double = 1,
        ellipsis: EllipsisMode = .none
    ) {
        self.width = width
        self.wrap = wrap
        self.alignment = alignment
        self.lineSpacing = lineSpacing
        self.ellipsis = ellipsis
    }
}
