/// How the post of one country expects an address to be written: the order of its fields, which
/// of them are upper-cased, and the local name of the country's VAT number.
///
/// The layouts follow the field order and upper-casing of Google's libaddressinput data (the data
/// behind Android's and Chrome's address forms): `%A` street lines, `%C` city, `%S` state or
/// province, `%Z` postal code, `%n` a new line; anything else is printed as written.
///
/// ```swift
/// let boston = Address(lines: ["100 Example Way"], postalCode: "02110", city: "Boston", region: "MA", country: "US")
/// AddressFormat.of("US").lines(boston)   // ["100 Example Way", "BOSTON, MA 02110"]
/// ```
public struct AddressFormat: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code, such as "IT".
    public let country: String
    /// The layout, such as `%A%n%C, %S %Z`.
    public let pattern: String
    /// The fields printed in capitals, such as `CS` for city and state.
    public let uppercased: Set<Character>
    /// What the country calls its VAT number, such as "USt-IdNr."; `nil` where it has none of its own.
    public let vatNumberName: String?
    /// Whether documents for the country are printed on US Letter rather than A4.
    public let usesLetterPaper: Bool

    /// Creates a layout.
    public init(
        country: String,
        pattern: String,
        uppercased: String = "",
        vatNumberName: String? = nil,
        usesLetterPaper: Bool = false
    ) {
        self.country = country
        self.pattern = pattern
        self.uppercased = Set(uppercased)
        self.vatNumberName = vatNumberName
        self.usesLetterPaper = usesLetterPaper
    }

    /// The layouts by country.
    public static let table: [String: AddressFormat] = Dictionary(
        uniqueKeysWithValues: [
            AddressFormat(country: "IT", pattern: "%A%n%Z %C %S", uppercased: "CS", vatNumberName: "P. IVA"),
            AddressFormat(country: "US", pattern: "%A%n%C, %S %Z", uppercased: "CS", usesLetterPaper: true),
            AddressFormat(country: "CA", pattern: "%A%n%C %S %Z", uppercased: "ACSZ", usesLetterPaper: true),
            AddressFormat(country: "DE", pattern: "%A%n%Z %C", vatNumberName: "USt-IdNr."),
            AddressFormat(country: "AT", pattern: "%A%n%Z %C", vatNumberName: "UID-Nr."),
            AddressFormat(country: "CH", pattern: "%A%nCH-%Z %C", vatNumberName: "MWST-Nr."),
            AddressFormat(country: "FR", pattern: "%A%n%Z %C", uppercased: "C", vatNumberName: "N° TVA"),
            AddressFormat(country: "ES", pattern: "%A%n%Z %C %S", uppercased: "CS", vatNumberName: "NIF-IVA"),
            AddressFormat(country: "NL", pattern: "%A%n%Z %C", vatNumberName: "btw-id"),
            AddressFormat(country: "GB", pattern: "%A%n%C%n%Z", uppercased: "CZ", vatNumberName: "VAT no."),
            AddressFormat(country: "IE", pattern: "%A%n%C%n%S%n%Z", vatNumberName: "VAT no."),
        ].map { ($0.country, $0) }
    )

    /// The layout of a country the table does not know: street, then postal code, city and region.
    public static func fallback(_ country: String) -> AddressFormat {
        AddressFormat(country: country, pattern: "%A%n%Z %C %S")
    }

    /// The layout for `country` (an ISO code, any case).
    public static func of(_ country: String) -> AddressFormat {
        let code = country.uppercased()
        return table[code] ?? fallback(code)
    }

    /// The address's lines as the post expects them, without the country; a field left empty takes
    /// the punctuation before it along, and an empty line is left out.
    public func lines(_ address: Address) -> [String] {
        var result: [String] = []
        for line in patternLines {
            if line == "%A" {
                result += address.lines.map { uppercased.contains("A") ? $0.uppercased() : $0 }
                continue
            }
            let text = render(line, address)
            if !text.isEmpty { result.append(text) }
        }
        return result
    }

    /// The pattern cut at each `%n`, empty lines kept.
    ///
    /// A scan for `%` rather than the standard library's
    /// `split(separator:)` of a string, which runs in `_StringProcessing` and maps its code and
    /// `_RegexParser`'s (0.9 MB) into every process that prints an address (docs/performance.md, speed28).
    private var patternLines: [Substring] {
        var lines: [Substring] = []
        var lineStart = pattern.startIndex
        var rest = pattern[...]
        while let percent = rest.firstIndex(of: "%") {
            let next = pattern.index(after: percent)
            guard next < pattern.endIndex else { break }
            if pattern[next] == "n" {
                lines.append(pattern[lineStart..<percent])
                lineStart = pattern.index(after: next)
                rest = pattern[lineStart...]
            } else {
                rest = pattern[next...]
            }
        }
        lines.append(pattern[lineStart...])
        return lines
    }

    /// The address's lines and then `countryName` (the country in the reader's language) on a line of its own.
    public func lines(_ address: Address, countryName: String) -> [String] {
        lines(address) + (countryName.isEmpty ? [] : [countryName])
    }

    private func value(_ field: Character, _ address: Address) -> String {
        let text: String
        switch field {
        case "C": text = address.city
        case "S": text = address.region ?? ""
        case "Z": text = address.postalCode
        case "A": text = address.lines.joined(separator: ", ")
        default: text = ""
        }
        return uppercased.contains(field) ? text.uppercased() : text
    }

    /// One line of the pattern: literals and fields; an empty field drops the literal before it
    /// (or, first on the line, the one after it).
    private func render(_ line: Substring, _ address: Address) -> String {
        var pieces: [(text: String, isField: Bool)] = []
        var rest = line
        while let percent = rest.firstIndex(of: "%") {
            if percent > rest.startIndex { pieces.append((String(rest[..<percent]), false)) }
            let fieldIndex = rest.index(after: percent)
            guard fieldIndex < rest.endIndex else { break }
            pieces.append((value(rest[fieldIndex], address), true))
            rest = rest[rest.index(after: fieldIndex)...]
        }
        if !rest.isEmpty { pieces.append((String(rest), false)) }
        var index = 0
        while index < pieces.count {
            guard pieces[index].isField, pieces[index].text.isEmpty else {
                index += 1
                continue
            }
            pieces.remove(at: index)
            if index > 0, !pieces[index - 1].isField {
                pieces.remove(at: index - 1)
                index -= 1
            } else if index < pieces.count, !pieces[index].isField {
                pieces.remove(at: index)
            }
        }
        return pieces.map(\.text).joined().trimmed(of: " ,")
    }
}

extension String {
    fileprivate func trimmed(of set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
