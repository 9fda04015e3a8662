import Foundation

/// The series a document is numbered in; each has its own progressive count per calendar year.
public enum DocumentSeries: String, Sendable, Hashable, Codable, CaseIterable {
    /// Invoices: "2026/0001".
    case invoice
    /// Credit notes: "NC-2026/0001".
    case creditNote = "credit-note"

    /// What precedes the year in the printed number.
    public var prefix: String { self == .invoice ? "" : "NC-" }
}

/// The number of an issued document: unique and progressive within its series and year, with no gaps.
///
/// Numbers are allocated by the store inside the transaction that issues the document; Billing
/// only says what one looks like.
public struct DocumentNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Invoice or credit note.
    public let series: DocumentSeries
    /// The calendar year of the issue date.
    public let year: Int
    /// 1, 2, 3… within series and year.
    public let sequence: Int

    /// Creates a number.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for a sequence below 1.
    public init(series: DocumentSeries, year: Int, sequence: Int) throws(BillingError) {
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
    }

    /// Reads "2026/0001" or "NC-2026/0001".
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for any other shape.
    public init(parsing text: String) throws(BillingError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let series: DocumentSeries = trimmed.hasPrefix("NC-") ? .creditNote : .invoice
        let body = trimmed.dropFirst(series.prefix.count)
        let parts = body.split(separator: "/")
        guard parts.count == 2, let year = Int(parts[0]), let sequence = Int(parts[1]), parts[0].count == 4 else {
            throw .invalidValue(
                field: "document number",
                value: text,
                expected: "YYYY/NNNN for an invoice or NC-YYYY/NNNN for a credit note"
            )
        }
        try self.init(series: series, year: year, sequence: sequence)
    }

    /// "2026/0001", "NC-2026/0012"; sequences past 9999 print in full.
    public var description: String {
        let digits = String(sequence)
        return "\(series.prefix)\(year)/\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)"
    }

    /// Orders by series, then year, then sequence.
    public static func < (lhs: DocumentNumber, rhs: DocumentNumber) -> Bool {
        (lhs.series.rawValue, lhs.year, lhs.sequence) < (rhs.series.rawValue, rhs.year, rhs.sequence)
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
