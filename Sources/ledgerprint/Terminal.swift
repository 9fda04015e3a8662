import Foundation

/// Text for a terminal: control characters (C0, DEL, C1) and bidirectional overrides are shown
/// as `\u{1b}` rather than obeyed, so a name or reference holding an escape sequence cannot
/// move the cursor, retitle the window or hide what follows.
enum Terminal {
    /// `text` with every control character written out; line feeds and tabs kept when `lines`.
    static func safe(_ text: String, keepingLines lines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0, keepingLines: lines) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar, keepingLines: lines) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: !keepingLines
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// Every line the command prints goes through ``Terminal/safe(_:keepingLines:)``: this shadows
/// `Swift.print` in the module, so no message can carry raw control characters.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(
        Terminal.safe(items.map { "\($0)" }.joined(separator: separator), keepingLines: true),
        terminator: terminator
    )
}
