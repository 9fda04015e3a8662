/// An element of a parsed XHTML document.
public struct MarkupElement: Sendable, Hashable {
    /// The element name, lower-case, such as "td".
    public var name: String
    /// Attributes by name.
    public var attributes: NameTable<String>
    /// The children in order.
    public var children: [MarkupNode]
    /// Where the element starts.
    public var location: SourceLocation
    /// Where its content starts, just after the start tag.
    public var contentLocation: SourceLocation?
    /// Where each attribute's value starts, just after its opening quote.
    public var attributeLocations: NameTable<SourceLocation> = [:]

    /// Creates an element.
    public init(
        name: String,
        attributes: NameTable<String> = [:],
        children: [MarkupNode] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.location = location
    }

    /// The classes in the `class` attribute.
    public var classes: [Substring] {
        (attributes["class"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
    }

    /// All text inside the element, concatenated.
    public var textContent: String {
        children.map { node in
            switch node {
            case .text(let text): return text
            case .element(let element): return element.textContent
            }
        }.joined()
    }
}

/// A node of an XHTML document: an element or a run of text.
public enum MarkupNode: Sendable, Hashable {
    /// An element.
    case element(MarkupElement)
    /// Character data, entities already replaced.
    case text(String)
}

/// The elements and attributes templates may use (`docs/templates.md`).
public enum MarkupVocabulary {
    /// Every supported element.
    public static let elements: Set<String> = [
        "html", "head", "title", "style", "body", "header", "footer", "main", "section", "div", "p", "span", "strong",
        "em", "b", "i", "br", "h1", "h2", "h3", "h4", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "img", "hr",
        "a",
    ]

    /// Attributes any element may have; `data-bookmark` names the block's entry in the PDF outline.
    public static let globalAttributes: Set<String> = ["class", "id", "style", "lang", "title", "dir", "data-bookmark"]

    /// Attributes particular to some elements.
    public static let elementAttributes: [String: Set<String>] = [
        "html": ["xmlns", "xml:lang"],
        "a": ["href"],
        "img": ["src", "alt", "width", "height"],
        "td": ["colspan"],
        "th": ["colspan", "scope"],
        "table": [
            "data-carry", "data-carried-label", "data-brought-label", "data-decimal", "data-group", "data-fraction",
            "data-prefix", "data-suffix",
        ],
        "style": ["type"],
    ]

    /// Whether `href` is a link a document may carry: `http:`, `https:`, `mailto:` or an anchor
    /// (`#id`), with no spaces or control characters that could hide another scheme.
    public static func isSafeLink(_ href: String) -> Bool {
        guard !href.unicodeScalars.contains(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return false
        }
        let lowered = href.lowercased()
        return href.hasPrefix("#") || lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
            || lowered.hasPrefix("mailto:")
    }

    /// The blocks that may be a running header (`data-running="header"`), repeated atop every page after the first.
    public static let runningElements: Set<String> = ["div", "header", "section", "table", "p"]

    /// Whether `attribute` is allowed on `element`: global, particular, `data-running` on blocks,
    /// or `data-value` on cells.
    public static func allows(_ attribute: String, on element: String) -> Bool {
        if globalAttributes.contains(attribute) { return true }
        if elementAttributes[element]?.contains(attribute) == true { return true }
        if attribute == "data-running" { return runningElements.contains(element) }
        return attribute == "data-value" && (element == "td" || element == "th")
    }
}
