import Foundation

/// An element of a tagged PDF's structure tree as `pdfinfo -struct-text` prints it: its tag
/// ("Document", "H1", "TD"…), its children in reading order, and the text marked as its own.
public struct StructureElement: Equatable, Sendable {
    /// The element's type, without `/`.
    public var tag: String
    /// Its child elements, in reading order.
    public var children: [StructureElement] = []
    /// The text of its own marked content.
    public var ownText: [String] = []

    /// All the text of the element and its descendants, in reading order, joined by spaces.
    public var text: String {
        (ownText + children.map(\.text)).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Every element below this one (not itself), depth first, with its parent's tag.
    public var descendants: [(element: StructureElement, parent: String)] {
        children.flatMap { child in [(child, tag)] + child.descendants }
    }

    /// The elements with `tag` below this one, depth first.
    public func all(_ tag: String) -> [StructureElement] {
        descendants.map(\.element).filter { $0.tag == tag }
    }

    /// The structure tree of `pdf` (its root, normally `Document`), or `nil` when it is not tagged.
    public static func of(_ pdf: Data) throws -> StructureElement? {
        parse(try poppler("pdfinfo", ["-struct-text"], on: pdf))
    }

    /// Reads `pdfinfo -struct-text` output: two spaces of indentation a level, text in quotes,
    /// attributes on lines of their own.
    static func parse(_ output: String) -> StructureElement? {
        // A stack of open elements with their indentation.
        var stack: [(indent: Int, element: StructureElement)] = []
        var roots: [StructureElement] = []
        func close(above indent: Int) {
            while let last = stack.last, last.indent >= indent {
                stack.removeLast()
                if stack.isEmpty {
                    roots.append(last.element)
                } else {
                    stack[stack.count - 1].element.children.append(last.element)
                }
            }
        }
        for line in output.split(separator: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if content.hasPrefix("\"") {
                guard !stack.isEmpty else { continue }
                let text = content.dropFirst().dropLast(content.hasSuffix("\"") ? 1 : 0)
                stack[stack.count - 1].element.ownText.append(String(text).trimmingCharacters(in: .whitespaces))
                continue
            }
            // An element with attributes is printed "TH:", its attributes below it ("/Scope /Column").
            guard !content.hasPrefix("/"), let name = content.split(separator: " ").first else { continue }
            close(above: indent)
            let tag = name.hasSuffix(":") ? name.dropLast() : name
            stack.append((indent, StructureElement(tag: String(tag))))
        }
        close(above: 0)
        return roots.first
    }
}
