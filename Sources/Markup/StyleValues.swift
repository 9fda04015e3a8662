/// A CSS length as computed: points, a percentage of the containing block, or `auto`.
public enum Length: Sendable, Hashable {
    /// An absolute length in points.
    case points(Double)
    /// A percentage of the containing block's width.
    case percent(Double)
    /// Left to the layout.
    case auto

    /// The length in points for a containing width; `auto` gives `nil`.
    public func resolve(against width: Double) -> Double? {
        switch self {
        case .points(let value): return value
        case .percent(let value): return width * value / 100
        case .auto: return nil
        }
    }

    /// Zero points.
    public static let zero = Length.points(0)
}

/// An sRGB colour with alpha, channels 0…1.
public struct CSSColor: Sendable, Hashable {
    /// Red, 0…1.
    public var red: Double
    /// Green, 0…1.
    public var green: Double
    /// Blue, 0…1.
    public var blue: Double
    /// Alpha, 0…1.
    public var alpha: Double

    /// Creates a colour.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Opaque black.
    public static let black = CSSColor(red: 0, green: 0, blue: 0)

    /// `#rrggbb`, or `rgba(…)` when not opaque: for the HTML writer.
    public var cssText: String {
        func hex(_ value: Double) -> String {
            let byte = Int((value * 255).rounded())
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        if alpha >= 1 { return "#" + hex(red) + hex(green) + hex(blue) }
        return
            "rgba(\(Int((red * 255).rounded())), \(Int((green * 255).rounded())), \(Int((blue * 255).rounded())), \(alpha))"
    }
}

/// Four values, one per side.
public struct Edges<Value: Sendable & Hashable>: Sendable, Hashable {
    /// Top side.
    public var top: Value
    /// Right side.
    public var right: Value
    /// Bottom side.
    public var bottom: Value
    /// Left side.
    public var left: Value

    /// The same value on every side.
    public init(all value: Value) {
        top = value
        right = value
        bottom = value
        left = value
    }

    /// Each side its own value.
    public init(top: Value, right: Value, bottom: Value, left: Value) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }
}

/// One side of a border.
public struct BorderSide: Sendable, Hashable {
    /// Width in points; 0 for none.
    public var width: Double
    /// Solid, dashed, dotted or none.
    public var style: BorderStyle
    /// Colour.
    public var color: CSSColor

    /// Creates a border side.
    public init(width: Double, style: BorderStyle, color: CSSColor) {
        self.width = width
        self.style = style
        self.color = color
    }

    /// No border.
    public static let none = BorderSide(width: 0, style: .none, color: .black)

    /// Whether anything is drawn.
    public var isVisible: Bool { width > 0 && style != .none && color.alpha > 0 }
}

/// How a border line is drawn.
public enum BorderStyle: String, Sendable, Hashable, CaseIterable {
    /// No line.
    case none
    /// A continuous line.
    case solid
    /// Dashes.
    case dashed
    /// Dots.
    case dotted
}

/// How an element takes part in layout.
public enum Display: String, Sendable, Hashable, CaseIterable {
    /// A block, stacked vertically.
    case block
    /// Inline, within a line of text.
    case inline
    /// Not laid out at all.
    case none
    /// A table.
    case table
    /// A table row.
    case tableRow = "table-row"
    /// A table cell.
    case tableCell = "table-cell"
    /// `thead`: repeated on every page the table spans.
    case tableHeaderGroup = "table-header-group"
    /// `tbody`.
    case tableRowGroup = "table-row-group"
    /// `tfoot`: at the table's end.
    case tableFooterGroup = "table-footer-group"
}

/// Horizontal alignment of text.
public enum TextAlign: String, Sendable, Hashable, CaseIterable {
    /// Ragged right.
    case left
    /// Ragged left.
    case right
    /// Centred.
    case center
    /// Both edges flush.
    case justify
}

/// Vertical alignment of a table cell's content.
public enum VerticalAlign: String, Sendable, Hashable, CaseIterable {
    /// At the top.
    case top
    /// In the middle.
    case middle
    /// At the bottom.
    case bottom
    /// On the first baseline (treated as top).
    case baseline
}

/// The height of a line of text.
public enum LineHeight: Sendable, Hashable {
    /// The font's own.
    case normal
    /// A multiple of the font size.
    case factor(Double)
    /// A fixed height in points.
    case points(Double)
}

/// Whether a page break is forced, avoided or left to the layout.
public enum BreakValue: String, Sendable, Hashable, CaseIterable {
    /// Left to the layout.
    case auto
    /// Always break here.
    case page
    /// Avoid a break here.
    case avoid
}

/// How white space in text is treated.
public enum WhiteSpace: String, Sendable, Hashable, CaseIterable {
    /// Runs of white space collapse to one space; lines wrap.
    case normal
    /// White space collapses; lines never wrap.
    case nowrap
    /// White space and line breaks are kept; lines never wrap.
    case pre
    /// White space and line breaks are kept; lines wrap.
    case preWrap = "pre-wrap"
    /// Line breaks are kept, other white space collapses; lines wrap.
    case preLine = "pre-line"
}

/// Case changes applied to text.
public enum TextTransform: String, Sendable, Hashable, CaseIterable {
    /// As written.
    case none
    /// ALL CAPITALS.
    case uppercase
    /// all lower case.
    case lowercase
    /// First Letter Of Each Word.
    case capitalize
}

/// The computed style of an element: every supported property, lengths in points.
public struct ComputedStyle: Sendable, Hashable {
    /// How it takes part in layout.
    public var display = Display.inline
    /// Font families in order of preference.
    public var fontFamily = ["Liberation Sans"]
    /// Font size in points.
    public var fontSize = 10.0
    /// Weight 100–900.
    public var fontWeight = 400
    /// Italic or oblique.
    public var italic = false
    /// Text colour.
    public var color = CSSColor.black
    /// Background, if any.
    public var backgroundColor: CSSColor?
    /// Text alignment.
    public var textAlign = TextAlign.left
    /// Cell content alignment.
    public var verticalAlign = VerticalAlign.top
    /// Line height.
    public var lineHeight = LineHeight.normal
    /// Margins.
    public var margin = Edges(all: Length.zero)
    /// Padding.
    public var padding = Edges(all: Length.zero)
    /// Borders.
    public var border = Edges(all: BorderSide.none)
    /// Width, `auto` unless set.
    public var width = Length.auto
    /// Height, `auto` unless set.
    public var height = Length.auto
    /// Break before the element.
    public var breakBefore = BreakValue.auto
    /// Break after the element.
    public var breakAfter = BreakValue.auto
    /// Whether the element is kept on one page.
    public var breakInside = BreakValue.auto
    /// White-space handling.
    public var whiteSpace = WhiteSpace.normal
    /// Case changes.
    public var textTransform = TextTransform.none

    /// The initial style.
    public init() {}

    /// The style a child starts from: the inherited properties of this one, the rest initial.
    public var inherited: ComputedStyle {
        var child = ComputedStyle()
        child.fontFamily = fontFamily
        child.fontSize = fontSize
        child.fontWeight = fontWeight
        child.italic = italic
        child.color = color
        child.textAlign = textAlign
        child.lineHeight = lineHeight
        child.whiteSpace = whiteSpace
        child.textTransform = textTransform
        return child
    }
}
