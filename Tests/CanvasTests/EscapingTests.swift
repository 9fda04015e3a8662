import Foundation
import Testing

@testable import Canvas

/// The escapes finishing writes into a PDF's dictionaries, its XMP packet and Cairo's tag attributes, which Canvas
/// makes in one pass of Swift (`String.replacingASCII`), against Foundation's chained `replacingOccurrences(of:with:)`
/// that they replace (docs/performance.md, session 18): for every text, the same result.
@Suite("Escaping text for a PDF")
struct EscapingTests {
    private static let texts = [
        "", "Rechnung 2026/0001", #"C:\fatture\(2026)"#, "((()))", #"\\"#, #"a\(b)c\"#, "Fattura (copia)",
        "<Webinar & Seats>", "&amp; already", "O'Brien's 'quote'", #"it's \'"#, "Ürün (ş) & <ç>", "日本語 (テスト)",
        "tab\tand\nnewline (x)", "€ 1.234,56 (IVA 22%)",
    ]

    /// `text` through Foundation's `replacingOccurrences(of:with:)`, once for each pair in turn.
    private func foundation(_ text: String, _ pairs: KeyValuePairs<String, String>) -> String {
        pairs.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
    }

    @Test func aPDFStringEscapesBackslashesAndParenthesesAsFoundationDid() {
        for text in Self.texts where text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            let escaped = foundation(text, ["\\": "\\\\", "(": "\\(", ")": "\\)"])
            #expect(PDFUpdate.string(text) == "(\(escaped))", "\(text)")
        }
        #expect(PDFUpdate.string(#"a\(b)"#) == #"(a\\\(b\))"#)
        // Text beyond printable ASCII is written as UTF-16BE in hex, unescaped.
        #expect(PDFUpdate.string("(é)") == "<FEFF002800E90029>")
    }

    @Test func anXMPValueEscapesMarkupCharactersAsFoundationDid() {
        for text in Self.texts {
            #expect(XMPPacket.escape(text) == foundation(text, ["&": "&amp;", "<": "&lt;", ">": "&gt;"]), "\(text)")
        }
        #expect(XMPPacket.escape("<a & b>") == "&lt;a &amp; b&gt;")
    }

    @Test func aTagAttributeEscapesBackslashesAndQuotesAsFoundationDid() {
        for text in Self.texts {
            #expect(Page.quoted(text) == foundation(text, ["\\": "\\\\", "'": "\\'"]), "\(text)")
        }
        #expect(Page.quoted(#"it's \"#) == #"it\'s \\"#)
    }
}
