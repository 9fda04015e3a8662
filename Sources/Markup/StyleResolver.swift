/// An element with its computed style and styled children.
///
/// A class, and immutable: layout passes elements around by the thousand (a row's cells, a table's
/// rows, the model of a carried-forward row), and a copy of a struct holding an element, its
/// children and a style of some forty values cost a dozen reference counts and half a kilobyte of
/// copying each time. Elements under the same chain of selectors share one computed style rather
/// than holding a copy each: a 10,000-row statement's styles took 44 MB before
/// (`docs/performance.md`). Equality is by content, as for a value.
public final class StyledElement: Sendable, Hashable {
    /// The element as parsed: its name, attributes and location; its children are ``children``.
    public let element: MarkupElement
    /// Its children.
    public let children: [StyledNode]
    @usableFromInline let shared: SharedStyle

    /// Its computed style.
    @inlinable public var style: ComputedStyle { shared.value }

    /// Creates a styled element.
    public init(element: MarkupElement, style: ComputedStyle, children: [StyledNode]) {
        self.element = element
        self.shared = SharedStyle(style)
        self.children = children
    }

    init(element: MarkupElement, shared: SharedStyle, children: [StyledNode]) {
        self.element = element
        self.shared = shared
        self.children = children
    }

    /// The element with its children, as parsed (styles left out).
    public var markup: MarkupElement {
        var element = element
        element.children = children.map { node in
            switch node {
            case .text(let text): .text(text)
            case .element(let inner): .element(inner.markup)
            }
        }
        return element
    }

    /// All text inside the element, concatenated (for headings' outline entries: a few per document).
    public var textContent: String {
        var text = ""
        appendText(to: &text)
        return text
    }

    /// Appends the text of the children in order, without rebuilding them as parsed (``markup``).
    private func appendText(to text: inout String) {
        for child in children {
            switch child {
            case .text(let run): text += run
            case .element(let inner): inner.appendText(to: &text)
            }
        }
    }

    public static func == (lhs: StyledElement, rhs: StyledElement) -> Bool {
        lhs === rhs || (lhs.element == rhs.element && lhs.style == rhs.style && lhs.children == rhs.children)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(element)
        hasher.combine(style)
        hasher.combine(children)
    }
}

/// A computed style held once for all the elements that have it.
@usableFromInline
final class SharedStyle: Sendable {
    @usableFromInline let value: ComputedStyle

    init(_ value: ComputedStyle) { self.value = value }
}

/// A node of the styled tree.
public enum StyledNode: Sendable, Hashable {
    /// An element.
    case element(StyledElement)
    /// Text, in its parent's style.
    case text(String)
}

/// Computes styles: the default stylesheet, then the author's by specificity and order, then
/// `style` attributes; inherited properties flow from parent to child.
struct StyleResolver {
    private struct IndexedRule {
        var selector: Selector
        var declarations: [Declaration]
        var specificity: Int
        var order: Int
    }

    private var byElement: [String: [IndexedRule]] = [:]
    private var byClass: [String: [IndexedRule]] = [:]
    private var byID: [String: [IndexedRule]] = [:]
    private var universal: [IndexedRule] = []
    /// Declarations matched per chain of elements: the rows of a long table share one chain.
    private let cache = MatchCache()

    /// Indexes the rules of `sheets`, in order, by the rightmost compound of each selector.
    init(sheets: [Stylesheet]) {
        var order = 0
        for sheet in sheets {
            for rule in sheet.rules {
                for selector in rule.selectors {
                    order += 1
                    let indexed = IndexedRule(
                        selector: selector,
                        declarations: rule.declarations,
                        specificity: selector.specificity,
                        order: order
                    )
                    guard let last = selector.parts.last?.compound else { continue }
                    if let id = last.id {
                        byID[id, default: []].append(indexed)
                    } else if let first = last.classes.first {
                        byClass[first, default: []].append(indexed)
                    } else if let name = last.element {
                        byElement[name, default: []].append(indexed)
                    } else {
                        universal.append(indexed)
                    }
                }
            }
        }
    }

    /// Styles `element` and its descendants.
    ///
    /// Elements under the same chain of (element, id, classes) get the same declarations, and —
    /// when no `style` attribute is on the way — the same computed style; both are worked out once
    /// per distinct chain, so the thousand rows of a long table cost little more than one.
    ///
    /// - Parameters:
    ///   - element: The element to style.
    ///   - parent: Its parent's computed style.
    ///   - ancestors: The elements above it, outermost first.
    ///   - parentChain: The memo number of the ancestors' chain (``chainNumber(of:parentChain:ancestors:)``).
    ///   - parentIsPlain: Whether no ancestor has a `style` attribute.
    /// - Returns: The element with its computed style and its styled children.
    /// - Throws: ``MarkupError`` for a `style` attribute that is not valid CSS.
    func resolve(
        _ element: MarkupElement,
        parent: ComputedStyle,
        ancestors: inout [MatchTarget],
        parentChain: Int,
        parentIsPlain: Bool = true
    ) throws(MarkupError) -> StyledElement {
        let target = MatchTarget(element)
        let chain = chainNumber(of: target, parentChain: parentChain, ancestors: ancestors)
        let inline = element.attributes["style"]
        let isPlain = parentIsPlain && inline == nil
        let shared: SharedStyle
        if isPlain, let known = cache.styles[chain] {
            shared = known
        } else {
            var style = parent.inherited
            var declarations = cache.declarations[chain]
            if let inline {
                declarations += try CSSParser.parseDeclarations(
                    inline,
                    at: element.attributeLocations["style"] ?? element.location
                )
            }
            Self.apply(declarations, to: &style, parent: parent)
            shared = SharedStyle(style)
            if isPlain { cache.styles[chain] = shared }
        }
        let style = shared.value
        ancestors.append(target)
        defer { ancestors.removeLast() }
        var children: [StyledNode] = []
        children.reserveCapacity(element.children.count)
        for child in element.children {
            switch child {
            case .text(let text): children.append(.text(text))
            case .element(let inner):
                let styled = try resolve(
                    inner,
                    parent: style,
                    ancestors: &ancestors,
                    parentChain: chain,
                    parentIsPlain: isPlain
                )
                children.append(.element(styled))
            }
        }
        // The parsed children are not kept: the styled ones replace them, and a long table's
        // arrays of both were a tenth of its memory.
        var bare = element
        bare.children = []
        return StyledElement(element: bare, shared: shared, children: children)
    }

    /// The memo number of `target` under the chain `parentChain` (`-1` for the root), matching its
    /// rules the first time.
    func chainNumber(of target: MatchTarget, parentChain: Int, ancestors: [MatchTarget]) -> Int {
        let key = MatchCache.Key(parent: parentChain, target: target)
        if let known = cache.chains[key] { return known }
        var candidates = universal + (byElement[target.name] ?? [])
        if let id = target.id { candidates += byID[id] ?? [] }
        for name in target.classes { candidates += byClass[name] ?? [] }
        var matched: [IndexedRule] = []
        for rule in candidates where Self.matches(rule.selector, target, ancestors) { matched.append(rule) }
        matched.sort { ($0.specificity, $0.order) < ($1.specificity, $1.order) }
        let number = cache.declarations.count
        cache.declarations.append(matched.flatMap(\.declarations))
        cache.styles.append(nil)
        cache.chains[key] = number
        return number
    }

    /// Matches right to left: the last compound against the element, the others against ancestors.
    static func matches(_ selector: Selector, _ element: MatchTarget, _ ancestors: [MatchTarget]) -> Bool {
        var parts = selector.parts[...]
        guard let last = parts.popLast(), last.compound.matches(element) else { return false }
        var combinator = last.combinator
        var index = ancestors.count - 1
        while let part = parts.popLast() {
            switch combinator {
            case .child:
                guard index >= 0, part.compound.matches(ancestors[index]) else { return false }
                index -= 1
            case .descendant:
                while index >= 0, !part.compound.matches(ancestors[index]) { index -= 1 }
                guard index >= 0 else { return false }
                index -= 1
            }
            combinator = part.combinator
        }
        return true
    }

    /// Applies `font-size` first, so `em` in the other properties means the element's own size.
    static func apply(_ declarations: [Declaration], to style: inout ComputedStyle, parent: ComputedStyle) {
        for declaration in declarations {
            for case .fontSize(let size) in declaration.changes {
                switch size {
                case .points(let points): style.fontSize = points
                case .em(let factor): style.fontSize = parent.fontSize * factor
                case .percent(let percent): style.fontSize = parent.fontSize * percent / 100
                case .auto: break
                }
            }
        }
        for declaration in declarations {
            for change in declaration.changes { apply(change, to: &style) }
        }
    }

    private static func length(_ value: SpecifiedLength, fontSize: Double) -> Length {
        switch value {
        case .points(let points): return .points(points)
        case .em(let factor): return .points(factor * fontSize)
        case .percent(let percent): return .percent(percent)
        case .auto: return .auto
        }
    }

    private static func set<T>(_ edges: inout Edges<T>, _ side: Side, _ value: T) {
        switch side {
        case .top: edges.top = value
        case .right: edges.right = value
        case .bottom: edges.bottom = value
        case .left: edges.left = value
        }
    }

    private static func apply(_ change: StyleChange, to style: inout ComputedStyle) {
        let size = style.fontSize
        switch change {
        case .display(let value): style.display = value
        case .fontFamily(let value): style.fontFamily = value
        case .fontSize: break
        case .fontWeight(let value): style.fontWeight = value
        case .italic(let value): style.italic = value
        case .color(let value): style.color = value
        case .backgroundColor(let value): style.backgroundColor = value
        case .textAlign(let value): style.textAlign = value
        case .verticalAlign(let value): style.verticalAlign = value
        case .lineHeight(let value):
            switch value {
            case .normal: style.lineHeight = .normal
            case .factor(let factor): style.lineHeight = .factor(factor)
            case .length(let length):
                switch self.length(length, fontSize: size) {
                case .points(let points): style.lineHeight = .points(points)
                case .percent(let percent): style.lineHeight = .factor(percent / 100)
                case .auto: style.lineHeight = .normal
                }
            }
        case .margin(let side, let value): set(&style.margin, side, length(value, fontSize: size))
        case .padding(let side, let value): set(&style.padding, side, length(value, fontSize: size))
        case .borderWidth(let side, let width):
            var border = style.border
            set(
                &border,
                side,
                BorderSide(width: width, style: sideValue(border, side).style, color: sideValue(border, side).color)
            )
            style.border = border
        case .borderStyle(let side, let borderStyle):
            let current = sideValue(style.border, side)
            set(&style.border, side, BorderSide(width: current.width, style: borderStyle, color: current.color))
        case .borderColor(let side, let color):
            let current = sideValue(style.border, side)
            set(&style.border, side, BorderSide(width: current.width, style: current.style, color: color))
        case .width(let value): style.width = length(value, fontSize: size)
        case .height(let value): style.height = length(value, fontSize: size)
        case .breakBefore(let value): style.breakBefore = value
        case .breakAfter(let value): style.breakAfter = value
        case .breakInside(let value): style.breakInside = value
        case .whiteSpace(let value): style.whiteSpace = value
        case .textTransform(let value): style.textTransform = value
        }
    }

    private static func sideValue<T>(_ edges: Edges<T>, _ side: Side) -> T {
        switch side {
        case .top: return edges.top
        case .right: return edges.right
        case .bottom: return edges.bottom
        case .left: return edges.left
        }
    }
}

extension ComputedStyle {
    /// This style with `declarations` applied, `em` and `%` font sizes relative to this style.
    public func applying(_ declarations: [Declaration]) -> ComputedStyle {
        var style = self
        StyleResolver.apply(declarations, to: &style, parent: self)
        return style
    }
}

/// The resolver's memo of matched declarations and styles, for documents styled on one thread.
private final class MatchCache {
    struct Key: Hashable {
        var parent: Int
        var target: MatchTarget
    }

    /// The number of each distinct chain: its parent's number and its own element.
    var chains: [Key: Int] = [:]
    /// The matched declarations of each chain, by number.
    var declarations: [[Declaration]] = []
    /// The computed style of each chain with no `style` attribute on it, by number (an array: the
    /// numbers are 0, 1, 2…, and every element looks its chain up here).
    var styles: [SharedStyle?] = []
}

extension StyleResolver {
    /// How many element chains the resolver knows.
    var knownChains: Int { cache.declarations.count }
}

/// Keeps one style resolver, and what it has matched, from one document to the next.
///
/// The elements of a batch of invoices from one template form the same few chains, so after the
/// first invoice styling is a lookup per element. A cache serves documents styled with the same
/// stylesheets and no `<style>` of their own, and is used by one thread at a time.
public final class StyleCache {
    private var sources: [String] = []
    private var resolver: StyleResolver?
    /// Past this many chains (templates with data-made class names) the cache starts again.
    static let capacity = 50_000

    /// An empty cache.
    public init() {}

    func resolver(for sheets: [Stylesheet]) -> StyleResolver {
        let sources = sheets.map(\.source)
        if let resolver, sources == self.sources, resolver.knownChains < Self.capacity { return resolver }
        let fresh = StyleResolver(sheets: sheets)
        self.sources = sources
        resolver = fresh
        return fresh
    }
}
