/// A name of ``MarkupVocabulary`` — an element or an attribute — with what the parser needs to
/// know of it, found by its bytes.
///
/// The parser reads some ten thousand names in a 400-row statement (start tags, end tags,
/// attributes); making a string of each and hashing it into the vocabulary's sets was a third of
/// the parse (`docs/performance.md`). A known name is one shared string, found by a few byte
/// comparisons; a name the vocabulary does not have goes the long way, to the same error as before.
final class KnownName: Sendable {
    /// The name, lower-case.
    let name: String
    let bytes: [UInt8]
    /// Whether it is one of ``MarkupVocabulary/elements``.
    let isElement: Bool
    /// Whether it is an element that never has content (``XHTMLParser/voidElements``).
    let isVoid: Bool
    /// As an attribute, the elements it is allowed on (``MarkupVocabulary/allows(_:on:)`` asked once
    /// for each element of the vocabulary), or `nil` for a global attribute, allowed on every element.
    let allowedOn: [String]?
    /// As an element, which of the parser's ``XHTMLParser/Landmarks`` it can be.
    let landmark: XHTMLParser.LandmarkName?

    private init(_ name: String, particularAttributes: Set<String>) {
        self.name = name
        bytes = Array(name.utf8)
        isElement = MarkupVocabulary.elements.contains(name)
        isVoid = XHTMLParser.voidElements.contains(name)
        if MarkupVocabulary.globalAttributes.contains(name) {
            allowedOn = nil
        } else if particularAttributes.contains(name) {
            allowedOn = MarkupVocabulary.elements.filter { MarkupVocabulary.allows(name, on: $0) }
        } else {
            allowedOn = []  // an element's name only: allowed as an attribute nowhere
        }
        landmark = XHTMLParser.LandmarkName(rawValue: name)
    }

    /// Whether this attribute is allowed on the element `element` of the vocabulary.
    func isAllowed(on element: String) -> Bool {
        guard let allowedOn else { return true }
        return allowedOn.contains(element)
    }

    /// Every element and attribute name of the vocabulary, by the first byte and the length of the
    /// name (``bucket(first:count:)``): one or two names to compare at most.
    private static let byFirstByteAndLength: [[KnownName]] = {
        // The attributes some elements allow, as `MarkupVocabulary.allows(_:on:)` lists them.
        var particular: Set<String> = ["data-running", "data-value"]
        for attributes in MarkupVocabulary.elementAttributes.values { particular.formUnion(attributes) }
        let names = MarkupVocabulary.elements.union(MarkupVocabulary.globalAttributes).union(particular)
        var table = [[KnownName]](repeating: [], count: 128 << 5)
        for name in names {
            guard let first = name.utf8.first, first < 128 else { continue }
            table[bucket(first: first, count: name.utf8.count)].append(
                KnownName(name, particularAttributes: particular)
            )
        }
        return table
    }()

    private static func bucket(first: UInt8, count: Int) -> Int { Int(first) << 5 | min(count, 31) }

    /// The vocabulary's name spelled by exactly `bytes`, if there is one (lower-case only).
    static func find(_ bytes: ArraySlice<UInt8>) -> KnownName? {
        guard let first = bytes.first, first < 128 else { return nil }
        for known in byFirstByteAndLength[bucket(first: first, count: bytes.count)]
        where known.bytes.count == bytes.count {
            if known.bytes.elementsEqual(bytes) { return known }
        }
        return nil
    }
}
