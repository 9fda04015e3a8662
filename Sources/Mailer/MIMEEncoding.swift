import Foundation

/// The encodings a MIME message needs: base64 bodies (RFC 2045), encoded words for non-ASCII header
/// text (RFC 2047) and header folding (RFC 5322), every line ending in CRLF.
public enum MIMEEncoding {
    /// The longest line a message writes, without its CRLF (RFC 5322's "SHOULD" limit).
    public static let lineLimit = 78

    /// `data` in base64, 76 characters a line, each line ending in CRLF (RFC 2045, section 6.8).
    public static func base64Lines(_ data: Data) -> String {
        let encoded = data.base64EncodedString()
        var lines = ""
        lines.reserveCapacity(encoded.count + encoded.count / 76 * 2 + 2)
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines += encoded[start..<end]
            lines += "\r\n"
            start = end
        }
        return lines
    }

    /// `text` as RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters and holding
    /// whole characters, separated by spaces (a header's folding may break between them).
    public static func encodedWords(_ text: String) -> String {
        encodedWordList(text).joined(separator: " ")
    }

    static func encodedWordList(_ text: String) -> [String] {
        // 39 bytes of UTF-8 are 52 base64 characters: a word of 64, which fits a first line after
        // "Subject: " (73 characters) and every folded line.
        var words: [String] = []
        var chunk = Data()
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=") }
        return words
    }

    /// Whether `text` can go into a header as it is: printable ASCII and spaces only.
    static func isPlainHeaderText(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
            && !text.contains("=?")
    }

    /// The header `name: value`, folded at spaces so no line is longer than ``lineLimit``; unstructured
    /// text that is not plain ASCII becomes encoded words.
    static func header(_ name: String, text: String) -> String {
        let collapsed = text.components(separatedBy: .newlines).joined(separator: " ")
        let tokens =
            isPlainHeaderText(collapsed)
            ? collapsed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            : encodedWordList(collapsed)
        return fold(name, tokens)
    }

    /// `name: ` and `tokens` separated by spaces, a line broken (CRLF and a space) before a token that
    /// would pass ``lineLimit``.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var result = name + ":"
        var lineLength = result.count
        for token in tokens {
            if lineLength + 1 + token.count > lineLimit, lineLength > name.count + 1 {
                result += "\r\n"
                lineLength = 0
            }
            result += " " + token
            lineLength += 1 + token.count
        }
        return result + "\r\n"
    }

    /// `name` as an attachment's file name can carry it safely in every mail program: ASCII letters,
    /// digits, `.`, `-` and `_` (anything else becomes `_`), never starting with a dot, at most 60 characters
    /// before the extension.
    public static func safeFileName(_ name: String) -> String {
        var cleaned = String(
            name.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
                    ? Character(scalar) : "_"
            }
        )
        while cleaned.hasPrefix(".") { cleaned = "_" + cleaned.dropFirst() }
        if cleaned.count > 70 {
            let dot = cleaned.lastIndex(of: ".").map { cleaned[$0...] } ?? ""
            cleaned = String(cleaned.prefix(70 - dot.count)) + dot
        }
        return cleaned.isEmpty ? "attachment" : cleaned
    }
}
