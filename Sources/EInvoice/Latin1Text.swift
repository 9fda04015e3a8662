import Foundation

/// Text made fit for FatturaPA's text fields, which accept Basic Latin and Latin-1 only
/// (`String…LatinType`), or Basic Latin only (`String…Type`), with no line breaks.
///
/// Typography with a usual ASCII spelling is written in it silently (`–` → `-`, `’` → `'`, `€` →
/// `EUR`, a narrow no-break space → a space): the text still says the same, and Ledgerprint's own
/// wording ("10 postazioni — mensile") would otherwise warn on every invoice of a run. Letters
/// lose something, so those replacements are reported, once per character and field: the same
/// letter without its accent (`č` → `c`, `ő` → `o`), a usual spelling (`Ł` → `L`, `Œ` → `OE`), or
/// `?` for any other character.
struct Latin1Text {
    /// The warnings so far: "CessionarioCommittente/Anagrafica/Denominazione: 'Ł' (U+0141) written as 'L'".
    private(set) var warnings: [String] = []

    /// Typography written in ASCII without a warning: dashes, quotes, ellipsis, spaces, signs.
    private static let typography: [Unicode.Scalar: String] = [
        "\u{20AC}": "EUR", "\u{2013}": "-", "\u{2014}": "-", "\u{2012}": "-", "\u{2212}": "-", "\u{2010}": "-",
        "\u{2011}": "-", "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201C}": "\"", "\u{201D}": "\"",
        "\u{201E}": "\"", "\u{2026}": "...", "\u{2022}": "*", "\u{00A0}": " ", "\u{202F}": " ", "\u{2009}": " ",
        "\u{2122}": "TM",
    ]

    /// Letters with a usual spelling that their accent-less form would not give: reported.
    private static let letters: [Unicode.Scalar: String] = [
        "\u{0152}": "OE", "\u{0153}": "oe", "\u{0141}": "L", "\u{0142}": "l", "\u{0131}": "i", "\u{0110}": "D",
        "\u{0111}": "d",
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
            } else if let spelling = Self.typography[scalar] {
                result += spelling
            } else {
                let replacement = Self.letters[scalar] ?? Self.withoutAccents(scalar, limit: limit) ?? "?"
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
