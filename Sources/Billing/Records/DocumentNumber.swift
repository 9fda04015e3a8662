import Foundation

/// The series a document is numbered in; each has its own progressive count per calendar year.
public enum DocumentSeries: String, Sendable, Hashable, Codable, CaseIterable {
    /// Invoices: "2026/0001" unless a ``NumberFormat`` says otherwise.
    case invoice
    /// Credit notes: "NC-2026/0001" unless a ``NumberFormat`` says otherwise.
    case creditNote = "credit-note"

    /// What precedes the year in the printed number when no format was ever set.
    public var prefix: String { standardFormat.prefix }

    /// The format the series had before any `set-number-format`: no prefix or "NC-", four digits.
    public var standardFormat: NumberFormat {
        NumberFormat(checkedPrefix: self == .invoice ? "" : "NC-", digits: NumberFormat.standardDigits)
    }
}

/// The number of an issued document: unique and progressive within its series and year, with no gaps.
///
/// Numbers are allocated by the store inside the transaction that issues the document; Billing
/// only says what one looks like. A number prints as its format's prefix, the year, a slash and the
/// sequence padded to the format's digits: "2026/0001", "NC-2026/0012", "FT-2027/00001".
///
/// Two numbers are the same document when their prefix, year and sequence are: a prefix belongs to
/// one series only (``NumberingScheme`` refuses a format that would share one), so the printed
/// number alone names the document, whichever way it was read.
public struct DocumentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Invoice or credit note.
    public let series: DocumentSeries
    /// The calendar year of the issue date.
    public let year: Int
    /// 1, 2, 3… within series and year.
    public let sequence: Int
    /// How it prints: the prefix and the digits of its series in its year.
    public let format: NumberFormat

    /// Creates a number in `format`, by default the series' standard one.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for a sequence below 1.
    public init(series: DocumentSeries, year: Int, sequence: Int, format: NumberFormat? = nil) throws(BillingError) {
        guard sequence >= 1, (1...9999).contains(year) else {
            throw .invalidValue(
                field: "document number",
                value: "\(year)/\(sequence)",
                expected: "a year and a sequence from 1"
            )
        }
        self.series = series
        self.year = year
        self.sequence = sequence
        self.format = format ?? series.standardFormat
    }

    /// Reads a printed number without knowing its series: "2026/0001", "NC-2026/0001", "FT-2027/00001".
    ///
    /// The prefix "NC-" is a credit note's, any other an invoice's; where the series is known (a
    /// column of credit notes, a command that read the store's ``NumberingScheme``) use
    /// ``init(parsing:series:)`` or ``NumberingScheme/number(parsing:)`` instead.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for any other shape.
    public init(parsing text: String) throws(BillingError) {
        let parts = try Self.parts(of: text)
        let series: DocumentSeries = parts.prefix == DocumentSeries.creditNote.prefix ? .creditNote : .invoice
        try self.init(series: series, year: parts.year, sequence: parts.sequence, format: parts.format)
    }

    /// Reads a printed number of a known series.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for any other shape.
    public init(parsing text: String, series: DocumentSeries) throws(BillingError) {
        let parts = try Self.parts(of: text)
        try self.init(series: series, year: parts.year, sequence: parts.sequence, format: parts.format)
    }

    /// The prefix, year and sequence of `text`, and the digits it shows (at least the standard four
    /// when it shows fewer without a leading zero: "2026/1" is "2026/0001").
    static func parts(
        of text: String
    ) throws(BillingError) -> (
        prefix: String, year: Int, sequence: Int, format: NumberFormat
    ) {
        if let parts = printedParts(of: text) { return parts }
        return try typedParts(of: text)
    }

    /// The same parts of a number written as it prints — upper case letters, digits, "-", "_" and
    /// the slash, nothing else — read from its bytes; `nil` for any other text, which
    /// ``typedParts(of:)`` reads (or refuses).
    ///
    /// Every stored number is written so; reading them by characters, trimmed and upper-cased, was
    /// a twelfth of reading a long statement's invoices from the store (`docs/performance.md`, read32).
    static func printedParts(
        of text: String
    ) -> (
        prefix: String, year: Int, sequence: Int, format: NumberFormat
    )? {
        func digit(_ byte: UInt8) -> Int? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
        }
        func prefixByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || digit(byte) != nil
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        var utf8 = text
        let read = utf8.withUTF8 { bytes -> (prefixLength: Int, year: Int, sequence: Int, digits: Int)? in
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash >= 4,
                (1...9).contains(bytes.count - slash - 1)
            else { return nil }
            var year = 0
            var sequence = 0
            for byte in bytes[(slash - 4)..<slash] {
                guard let value = digit(byte) else { return nil }
                year = year * 10 + value
            }
            for byte in bytes[(slash + 1)...] {
                guard let value = digit(byte) else { return nil }
                sequence = sequence * 10 + value
            }
            guard bytes[..<(slash - 4)].allSatisfy(prefixByte) else { return nil }
            let shown = bytes.count - slash - 1
            let digits =
                bytes[slash + 1] == UInt8(ascii: "0") || shown >= NumberFormat.standardDigits
                ? shown : NumberFormat.standardDigits
            return (slash - 4, year, sequence, digits)
        }
        guard let read else { return nil }
        let prefix = String(text.utf8.prefix(read.prefixLength)) ?? ""
        guard prefix.isEmpty || NumberFormat.isValidPrefix(prefix) else { return nil }
        return (prefix, read.year, read.sequence, NumberFormat(checkedPrefix: prefix, digits: read.digits))
    }

    /// The parts of a number as someone may type it: spaces around it and lower case allowed.
    static func typedParts(
        of text: String
    ) throws(BillingError) -> (
        prefix: String, year: Int, sequence: Int, format: NumberFormat
    ) {
        let trimmed = text.trimmingSpaces().uppercased()
        let invalid = BillingError.invalidValue(
            field: "document number",
            value: text,
            expected: "a prefix, a four-digit year, a slash and a sequence: 2026/0001, NC-2026/0001, FT-2027/00001"
        )
        guard let slash = trimmed.lastIndex(of: "/") else { throw invalid }
        let head = trimmed[..<slash]
        let tail = trimmed[trimmed.index(after: slash)...]
        guard head.count >= 4, !tail.isEmpty, tail.count <= 9, tail.allSatisfy(\.isASCIIDigit) else { throw invalid }
        let yearText = head.suffix(4)
        let prefix = String(head.dropLast(4))
        guard yearText.allSatisfy(\.isASCIIDigit), let year = Int(yearText), let sequence = Int(tail),
            prefix.isEmpty || NumberFormat.isValidPrefix(prefix)
        else { throw invalid }
        let digits =
            tail.hasPrefix("0") || tail.count >= NumberFormat.standardDigits ? tail.count : NumberFormat.standardDigits
        return (prefix, year, sequence, NumberFormat(checkedPrefix: prefix, digits: digits))
    }

    /// "2026/0001", "NC-2026/0012", "FT-2027/00001"; sequences past the digits print in full.
    public var description: String {
        let digits = String(sequence)
        return "\(format.prefix)\(year)/\(String(repeating: "0", count: max(0, format.digits - digits.count)))\(digits)"
    }

    /// The same document whatever way it was read: prefix, year and sequence.
    public static func == (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        lhs.format.prefix == rhs.format.prefix && lhs.year == rhs.year && lhs.sequence == rhs.sequence
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(format.prefix)
        hasher.combine(year)
        hasher.combine(sequence)
    }

    /// Orders by series, then year, then sequence.
    public static func < (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        (lhs.series.rawValue, lhs.year, lhs.sequence, lhs.format.prefix)
            < (rhs.series.rawValue, rhs.year, rhs.sequence, rhs.format.prefix)
    }
}

extension DocumentNumber: Codable {
    /// Decodes the printed form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the printed form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
