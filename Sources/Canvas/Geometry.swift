/// A point in PDF user space: points (1/72 inch), origin at the top-left corner of the page, y downwards.
public struct Point: Sendable, Hashable, Codable {
    /// Distance from the left edge, in points.
    public var x: Double
    /// Distance from the top edge, in points.
    public var y: Double

    /// Creates a point at `x`, `y` points from the top-left corner.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A width and a height in points.
public struct Size: Sendable, Hashable, Codable {
    /// Horizontal extent in points.
    public var width: Double
    /// Vertical extent in points.
    public var height: Double

    /// Creates a size of `width` × `height` points.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// An axis-aligned rectangle in points.
public struct Rect: Sendable, Hashable, Codable {
    /// Left edge.
    public var x: Double
    /// Top edge.
    public var y: Double
    /// Horizontal extent.
    public var width: Double
    /// Vertical extent.
    public var height: Double

    /// Creates a rectangle whose top-left corner is at `x`, `y`.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The right edge.
    public var maxX: Double { x + width }
    /// The bottom edge.
    public var maxY: Double { y + height }
}

/// The size of a page, in points.
public struct PageSize: Sendable, Hashable, Codable {
    /// Page width in points.
    public var width: Double
    /// Page height in points.
    public var height: Double

    /// Creates a page size; both sides must be positive (checked when a page is added).
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// ISO A4 portrait: 210 × 297 mm.
    public static let a4 = PageSize(width: 595.2756, height: 841.8898)
    /// US Letter portrait: 8.5 × 11 in.
    public static let usLetter = PageSize(width: 612, height: 792)

    /// The same size turned on its side.
    public var landscape: PageSize { PageSize(width: max(width, height), height: min(width, height)) }
}
