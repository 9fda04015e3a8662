import Foundation

extension MarkupDocument {
    /// The document as one standalone HTML5 file: the CSS inlined (with the same `@page` rules),
    /// images as data URIs, so a browser shows and prints the same content.
    public func standaloneHTML() -> String {
        HTMLWriter(language: language, title: title, stylesheets: stylesheets, images: images).document(body.markup)
    }
}

/// Writes a parsed document back as standalone HTML5.
struct HTMLWriter {
    var language: String?
    var title: String?
    var stylesheets: [Stylesheet]
    var images: [String: Data]
    /// A word shown large across the page (PAID, VOID), as the PDF's watermark; decorative, so
    /// hidden from screen readers (the document says it in words too).
    var watermark: String? = nil

    func document(_ body: MarkupElement) -> String {
        var output = "<!DOCTYPE html>\n<html"
        if let language { output += " lang=\"\(Self.escape(language, attribute: true))\"" }
        output += ">\n<head>\n<meta charset=\"utf-8\"/>\n"
        if let title { output += "<title>\(Self.escape(title, attribute: false))</title>\n" }
        output += "<style>\n" + DefaultStyles.css + "\n" + DefaultStyles.browserAlignment + "\n"
        for sheet in stylesheets { output += sheet.source + "\n" }
        output += screenView() + "\n"
        output += "</style>\n</head>\n"
        write(body, into: &output)
        output += "\n</html>\n"
        return output
    }

    /// Writes `element`; `headsColumns` says a `th` in it heads its column (it is in a `thead` row or
    /// a row of header cells) rather than its row, which its `scope` tells screen readers.
    private func write(_ element: MarkupElement, into output: inout String, headsColumns: Bool = false) {
        output += "<" + element.name
        var attributes = element.attributes
        if element.name == "th", attributes["scope"] == nil { attributes["scope"] = headsColumns ? "col" : "row" }
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
            var written = value
            if element.name == "img", name == "src", let data = images[value], !value.hasPrefix("data:") {
                written = "data:image/png;base64," + data.base64EncodedString()
            }
            output += " \(name)=\"\(Self.escape(written, attribute: true))\""
        }
        if XHTMLParser.voidElements.contains(element.name) {
            output += "/>"
            return
        }
        output += ">"
        if element.name == "body", let watermark {
            output +=
                "<div class=\"lp-watermark\" aria-hidden=\"true\">\(Self.escape(watermark, attribute: false))</div>"
        }
        if element.name == "table", let title = element.attributes["data-bookmark"], !title.isEmpty,
            !element.children.contains(where: {
                if case .element(let child) = $0 { child.name == "caption" } else { false }
            })
        {
            // The table's title, which the PDF shows as its bookmark: read first, not shown.
            output += "<caption class=\"lp-caption\">\(Self.escape(title, attribute: false))</caption>"
        }
        var labelled = Self.labelledTables(in: element)
        for child in element.children {
            switch child {
            case .text(let text): output += Self.escape(text, attribute: false)
            case .element(var inner):
                guard inner.name != "style" else { continue }
                if let (heading, table) = labelled.first, heading == inner.location || table == inner.location {
                    let id = "lp-title-\(heading.line)-\(heading.column)"
                    if heading == inner.location {
                        inner.attributes["id"] = inner.attributes["id"] ?? id
                    } else {
                        inner.attributes["aria-labelledby"] = id
                        labelled.removeFirst()
                    }
                }
                write(inner, into: &output, headsColumns: Self.headsColumns(inner, in: element, headsColumns))
            }
        }
        output += "</\(element.name)>"
    }

    /// Tables of `element` that come right after a heading (`h1`–`h4`) with no title of their own:
    /// the heading titles them (`aria-labelledby`), as a caption would.
    private static func labelledTables(in element: MarkupElement) -> [(heading: SourceLocation, table: SourceLocation)]
    {
        var result: [(SourceLocation, SourceLocation)] = []
        var previous: MarkupElement?
        for case .element(let child) in element.children {
            if child.name == "table", let heading = previous, ["h1", "h2", "h3", "h4"].contains(heading.name),
                child.attributes["data-bookmark"] == nil, child.attributes["aria-labelledby"] == nil,
                heading.attributes["id"] == nil
            {
                result.append((heading.location, child.location))
            }
            previous = child
        }
        return result
    }

    /// Whether the header cells of `child` (of `parent`) head columns: it is a `thead`, or a row in a
    /// `thead`, or a row whose every cell is a `th`.
    private static func headsColumns(_ child: MarkupElement, in parent: MarkupElement, _ inherited: Bool) -> Bool {
        switch child.name {
        case "thead": return true
        case "tr":
            let cells = child.children.compactMap { node -> MarkupElement? in
                if case .element(let cell) = node { return cell }
                return nil
            }
            return parent.name == "thead" || (!cells.isEmpty && cells.allSatisfy { $0.name == "th" })
        case "th": return inherited
        default: return false
        }
    }

    /// On screen, the page as a sheet of its `@page` size and margins on a light background.
    ///
    /// Print styles are left as they are. The running header is the PDF's: a browser shows it nowhere.
    func screenView() -> String {
        var size = (width: 595.28, height: 841.89)
        var margin = Edges(all: 56.69)
        for sheet in stylesheets {
            if let given = sheet.page.size { size = given }
            if let given = sheet.page.margin { margin = given }
        }
        func points(_ value: Double) -> String {
            let hundredths = Int((max(0, value) * 100).rounded())
            return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)pt"
        }
        let width = size.width - margin.left - margin.right
        return """
            [data-running] { display: none; }
            .lp-caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); \
            white-space: nowrap; }
            body { position: relative; }
            .lp-watermark { position: absolute; left: 0; right: 0; top: 50%; text-align: center; font-size: 96pt; \
            font-weight: bold; color: rgba(179, 33, 33, 0.14); transform: translateY(-50%) rotate(-36deg); \
            pointer-events: none; white-space: nowrap; z-index: 1; }
            @media screen {
              html { background-color: #e8e8e8; }
              body { background-color: #ffffff; width: \(points(width)); min-height: \(points(size.height - margin.top - margin.bottom)); \
            margin: 24px auto; padding: \(points(margin.top)) \(points(margin.right)) \(points(margin.bottom)) \(points(margin.left)); \
            box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25); }
            }
            """
    }

    static func escape(_ text: String, attribute: Bool) -> String {
        // Most text needs nothing: `&`, `<`, `>`, quotes and U+00A0 (0xC2 0xA0) are rare.
        // Checked on the string's contiguous bytes: walking a `UTF8View` byte by byte was a fiftieth
        // of an HTML invoice.
        func isSpecial(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == 0xC2
                || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
                || (attribute && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")))
        }
        let special =
            text.utf8.withContiguousStorageIfAvailable { $0.contains(where: isSpecial) }
            ?? text.utf8.contains(where: isSpecial)
        guard special else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "'" where attribute: result += "&#39;"
            case "\u{00A0}": result += "&nbsp;"
            default:
                // No raw control character reaches the HTML: C0 and DEL as their pictures, C1 as U+FFFD.
                for scalar in character.unicodeScalars {
                    switch scalar.value {
                    case 0x09, 0x0A, 0x0D: result.unicodeScalars.append(scalar)
                    case 0x00...0x1F: result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
                    case 0x7F: result += "\u{2421}"
                    case 0x80...0x9F: result += "\u{FFFD}"
                    default: result.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return result
    }
}
