import Foundation

/// Text made fit for FatturaPA's text fields, which accept Basic Latin and Latin-1 only
/// (`String…LatinType`), or Basic Latin only (`String…Type`), with no line breaks.
///
/// Characters with a usual ASCII spelling are replaced by it (`€` → `EUR`, `–` → `-`, `’` → `'`),
/// letters by the same letter without its accent (`č` → `c`, `ő` → `o`, `Ł` → `L`); any other is
/// replaced by `?`. Every replacement is reported, once per character and field.
struct Latin1Text {
    /// The warnings so far: "Causale: '–' (U+2013) written as '-'".
    private(set) var warnings: [String] = []

    private static let spellings: [Unicode.Scalar: String] = [
        "\u{20AC}": "EUR", "\u{2013}": "-", "\u{2014}": "-", "\u{2012}": "-", "\u{2212}": "-", "\u{2010}": "-",
        "\u{2011}": "-", "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201C}": "\"", "\u{201D}": "\"",
        "\u{201E}": "\"", "\u{2026}": "...", "\u{2022}": "*", "\u{00A0}": " ", "\u{202F}": " ", "\u{2009}": " ",
        "\u{2122}": "TM", "\u{0152}": "OE", "\u{0153}": "oe", "\u{0141}": "L", "\u{0142}": "l", "\u{0131}": "i",
        "\u{0110}": "D", "\u{0111}": "d",
    ]

    /// `text` in Latin-1 (or, with `basicLatinOnly`, ASCII), with line breaks and tabs as spaces.
    mutating func clean(_ text: String, field: String, basicLatinOnly: Bool = false) -> String {
        let limit: UInt32 = basicLatinOnly ? 0x7F : 0xFF
        var result = ""
        var reported: Set<Unicode.Scalar> = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                result += " "
            } else if scalar.value >= 0x20, scalar.value <= limit, !(0x7F...0x9F).contains(scalar.value) {
                result.unicodeScalars.append(scalar)
            } else {
                let replacement = Self.spellings[scalar] ?? Self.withoutAccents(scalar, limit: limit) ?? "?"
                result += replacement
                if reported.insert(scalar).inserted {
                    let code = String(scalar.value, radix: 16, uppercase: true)
                    let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
                    warnings.append("\(field): '\(Character(scalar))' (U+\(padded)) written as '\(replacement)'")
                }
            }
        }
        return result
    }

    /// `scalar` without its diacritics, if that leaves characters within `limit`: `ș` → `s`.
    private static func withoutAccents(_ scalar: Unicode.Scalar, limit: UInt32) -> String? {
        let folded = String(scalar).folding(options: [.diacriticInsensitive], locale: nil)
        guard folded != String(scalar), !folded.isEmpty,
            folded.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value <= limit })
        else { return nil }
        return folded
    }
}
