/// Writes well-formed XML: every text and attribute value escaped, every element closed in order.
///
/// Element and attribute names are the caller's literals; values are never written unescaped.
///
/// ```swift
/// var xml = XMLWriter()
/// xml.element("Descrizione", "Soci & partner <srl>")   // <Descrizione>Soci &amp; partner &lt;srl&gt;</Descrizione>
/// ```
struct XMLWriter {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var open: [String] = []

    /// Opens `name` with `attributes`, in the order given.
    mutating func start(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        indent()
        text += "<" + name
        for (key, value) in attributes { text += " " + key + "=\"" + Self.escaped(value, inAttribute: true) + "\"" }
        text += ">\n"
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func end() {
        guard let name = open.popLast() else { return }
        indent()
        text += "</" + name + ">\n"
    }

    /// Writes `<name>value</name>`, escaping `value`.
    mutating func element(_ name: String, _ value: String) {
        indent()
        text += "<" + name + ">" + Self.escaped(value, inAttribute: false) + "</" + name + ">\n"
    }

    /// Writes `<name attributes…>value</name>`, escaping the attributes and `value`.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, _ value: String) {
        indent()
        text += "<" + name
        for (key, value) in attributes { text += " " + key + "=\"" + Self.escaped(value, inAttribute: true) + "\"" }
        text += ">" + Self.escaped(value, inAttribute: false) + "</" + name + ">\n"
    }

    /// Writes `<name>value</name>` when `value` is not `nil`.
    mutating func element(_ name: String, ifPresent value: String?) {
        if let value { element(name, value) }
    }

    /// The document, with every element closed.
    var document: String {
        var copy = self
        while !copy.open.isEmpty { copy.end() }
        return copy.text
    }

    private mutating func indent() { text += String(repeating: "  ", count: open.count) }

    /// `value` with `&`, `<`, `>` (and in attributes `"` and `'`) escaped, and the characters
    /// XML 1.0 does not allow (C0 controls other than tab, line feed and carriage return, and
    /// U+FFFE/U+FFFF) replaced by U+FFFD.
    static func escaped(_ value: String, inAttribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "'" where inAttribute: result += "&apos;"
            case "\t", "\n", "\r":
                result += inAttribute ? "&#\(scalar.value);" : String(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    result.unicodeScalars.append("\u{FFFD}")
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
