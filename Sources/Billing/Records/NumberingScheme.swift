import Foundation

/// How the numbers of a series print: a prefix before the year and the digits of the sequence.
///
/// "FT-" and 5 give "FT-2027/00001". The year and the slash are always there: they are what makes a
/// number progressive per calendar year, and what lets the number be read back.
public struct NumberFormat: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Before the year: "" (none), "NC-", "FT-"; upper case letters, digits, "-" and "_".
    public let prefix: String
    /// The sequence is padded with zeros to this many digits (4 to 8).
    public let digits: Int

    /// The digits of the standard formats.
    static let standardDigits = 4
    /// The longest prefix: FatturaPA's `Numero` holds 20 characters.
    public static let longestPrefix = 8
    /// The fewest and most digits.
    public static let digitRange = 4...8

    /// Checks and creates a format.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for a prefix that could not be
    ///   read back from a printed number (a slash, a space, a trailing digit that would run into the
    ///   year), digits outside 4–8, or a number longer than FatturaPA's 20 characters.
    public init(prefix: String, digits: Int) throws(BillingError) {
        let upper = prefix.uppercased()
        guard upper.isEmpty || Self.isValidPrefix(upper) else {
            throw .invalidValue(
                field: "prefix",
                value: prefix,
                expected: "up to \(Self.longestPrefix) letters, digits, '-' or '_', starting with a letter and not "
                    + "ending with a digit (it would run into the year), such as FT- or NC-"
            )
        }
        guard Self.digitRange.contains(digits) else {
            throw .invalidValue(
                field: "digits",
                value: String(digits),
                expected: "\(Self.digitRange.lowerBound) to \(Self.digitRange.upperBound) digits of sequence"
            )
        }
        guard upper.count + 5 + digits <= 20 else {
            throw .invalidValue(
                field: "number format",
                value: "\(upper)YYYY/\(String(repeating: "N", count: digits))",
                expected: "at most 20 characters in all, what FatturaPA's Numero holds"
            )
        }
        self.init(checkedPrefix: upper, digits: digits)
    }

    /// A format whose prefix was already checked (or read from a printed number).
    init(checkedPrefix: String, digits: Int) {
        self.prefix = checkedPrefix
        self.digits = digits
    }

    /// Whether `prefix` can stand before a year and be read back: it starts with a letter, holds
    /// upper case letters, digits, "-" and "_", and does not end with a digit.
    static func isValidPrefix(_ prefix: String) -> Bool {
        guard let first = prefix.unicodeScalars.first, let last = prefix.unicodeScalars.last,
            prefix.unicodeScalars.count <= longestPrefix
        else { return false }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("A"..."Z").contains(scalar) }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        return isLetter(first) && !isDigit(last)
            && prefix.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "-" || $0 == "_" }
    }

    /// The first number of `year` in this format: "FT-2027/00001".
    public func example(year: Int) -> String {
        "\(prefix)\(year)/\(String(repeating: "0", count: digits - 1))1"
    }

    /// "FT-YYYY/NNNNN".
    public var description: String { "\(prefix)YYYY/\(String(repeating: "N", count: digits))" }

    private enum CodingKeys: String, CodingKey { case prefix, digits }

    /// Decodes a format kept in the store and checks it as ``init(prefix:digits:)`` does: a stored
    /// format that could not be read back is an error naming it, never a number printed wrong.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let prefix = try container.decode(String.self, forKey: .prefix)
        let digits = try container.decode(Int.self, forKey: .digits)
        do {
            try self.init(prefix: prefix, digits: digits)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .prefix, in: container, debugDescription: error.description)
        }
    }
}

/// The formats of every series, each from a year on; before any is set, the standard ones
/// ("2026/0001" for invoices, "NC-2026/0001" for credit notes).
///
/// A format takes effect on the 1st of January of its year and holds until a later one; numbers
/// already printed keep the format of their year. A prefix belongs to one series, in every year:
/// that is what lets a printed number say which document it is.
public struct NumberingScheme: Sendable, Hashable, Codable {
    /// A series' format from a year on.
    public struct Entry: Sendable, Hashable, Codable {
        /// Invoice or credit note.
        public var series: DocumentSeries
        /// The first year numbered in this format.
        public var from: Int
        /// The format.
        public var format: NumberFormat

        /// Creates an entry.
        public init(series: DocumentSeries, from: Int, format: NumberFormat) {
            self.series = series
            self.from = from
            self.format = format
        }
    }

    /// Every format set, oldest year first within a series.
    public private(set) var entries: [Entry]

    /// The standard formats only.
    public static let standard = NumberingScheme(entries: [])

    /// A scheme of `entries`.
    public init(entries: [Entry]) {
        self.entries = entries.sorted { ($0.series.rawValue, $0.from) < ($1.series.rawValue, $1.from) }
    }

    /// The format `series` numbers `year` in.
    public func format(of series: DocumentSeries, in year: Int) -> NumberFormat {
        entries.last { $0.series == series && $0.from <= year }?.format ?? series.standardFormat
    }

    /// Every prefix `series` has or had, its standard one included.
    public func prefixes(of series: DocumentSeries) -> Set<String> {
        Set(entries.filter { $0.series == series }.map(\.format.prefix)).union([series.prefix])
    }

    /// The scheme with `format` for `series` from `year` on, replacing what was set for that year or later.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` when the prefix is, or was, the
    ///   prefix of another series: a printed number would no longer say which document it is.
    public func setting(
        _ format: NumberFormat,
        for series: DocumentSeries,
        from year: Int
    ) throws(BillingError)
        -> NumberingScheme
    {
        for other in DocumentSeries.allCases where other != series && prefixes(of: other).contains(format.prefix) {
            throw .invalidValue(
                field: "prefix",
                value: format.prefix.isEmpty ? "(none)" : format.prefix,
                expected: "a prefix that no other series has or had; \(other.rawValue) numbers read "
                    + examples(of: other).joined(separator: ", ")
            )
        }
        var kept = entries.filter { $0.series != series || $0.from < year }
        kept.append(Entry(series: series, from: year, format: format))
        return NumberingScheme(entries: kept)
    }

    /// A first number of each format `series` has had: "2026/0001", "FT-2027/00001".
    public func examples(of series: DocumentSeries) -> [String] {
        var seen = Set<String>()
        let years = [0] + entries.filter { $0.series == series }.map(\.from)
        return years.compactMap { year in
            let format = format(of: series, in: year)
            return seen.insert(format.description).inserted ? format.example(year: max(year, 2026)) : nil
        }
    }

    /// Reads a number typed by a user or found in a file: its prefix says its series, its year's
    /// format its digits ("FT-2027/1" is "FT-2027/00001").
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for text that is no number, or
    ///   a prefix no series has.
    public func number(parsing text: String) throws(BillingError) -> DocumentNumber {
        let parts = try DocumentNumber.parts(of: text)
        guard let series = DocumentSeries.allCases.first(where: { prefixes(of: $0).contains(parts.prefix) }) else {
            throw .invalidValue(
                field: "document number",
                value: text,
                expected: "a number of one of the series: "
                    + DocumentSeries.allCases.flatMap { examples(of: $0) }.joined(separator: ", ")
            )
        }
        let current = format(of: series, in: parts.year)
        let format = current.prefix == parts.prefix ? current : parts.format
        return try DocumentNumber(series: series, year: parts.year, sequence: parts.sequence, format: format)
    }
}
