import Billing
import Foundation
import Testing

/// Numbering formats: a prefix and digits per series from a year on, and numbers read back in every form.
@Suite("Numbering formats")
struct NumberingSchemeTests {
    static func scheme() throws -> NumberingScheme {
        try NumberingScheme.standard
            .setting(NumberFormat(prefix: "ft-", digits: 5), for: .invoice, from: 2027)
            .setting(NumberFormat(prefix: "NC-", digits: 5), for: .creditNote, from: 2027)
    }

    @Test func aFormatSetFor2027PrintsFT2027AndLeavesEarlierYearsAsTheyWere() throws {
        let scheme = try Self.scheme()
        let first = try DocumentNumber(
            series: .invoice,
            year: 2027,
            sequence: 1,
            format: scheme.format(of: .invoice, in: 2027)
        )
        #expect(first.description == "FT-2027/00001")
        let old = try DocumentNumber(
            series: .invoice,
            year: 2026,
            sequence: 27,
            format: scheme.format(of: .invoice, in: 2026)
        )
        #expect(old.description == "2026/0027")
        let note = try DocumentNumber(
            series: .creditNote,
            year: 2027,
            sequence: 12,
            format: scheme.format(of: .creditNote, in: 2027)
        )
        #expect(note.description == "NC-2027/00012")
        #expect(scheme.format(of: .invoice, in: 2031).description == "FT-YYYY/NNNNN")
    }

    @Test(arguments: [
        ("FT-2027/00001", DocumentSeries.invoice, "FT-2027/00001"),
        ("ft-2027/1", .invoice, "FT-2027/00001"),
        ("2026/27", .invoice, "2026/0027"),
        ("2026/0027", .invoice, "2026/0027"),
        ("NC-2025/0001", .creditNote, "NC-2025/0001"),
        ("nc-2027/3", .creditNote, "NC-2027/00003"),
        // Pasted with the spaces or a tab around it.
        (" 2026/0027\t", .invoice, "2026/0027"),
        ("\u{00A0}NC-2025/0001 ", .creditNote, "NC-2025/0001"),
    ])
    func numbersAreReadBackWithTheirSeriesAndPrintedInTheirYearsFormat(
        text: String,
        series: DocumentSeries,
        printed: String
    ) throws {
        let number = try Self.scheme().number(parsing: text)
        #expect(number.series == series)
        #expect(number.description == printed)
        // What was printed reads back as the same document, with or without the scheme.
        #expect(try DocumentNumber(parsing: printed) == number)
        #expect(try DocumentNumber(parsing: printed, series: series).description == printed)
    }

    /// Numbers, taxpayer numbers and e-invoice addresses are trimmed without Foundation now; what is
    /// trimmed is what `trimmingCharacters(in: .whitespaces)` trimmed: spaces of every kind and tabs,
    /// never a line break or a letter.
    @Test(arguments: [
        "", " ", "\t 2026/0027 \t", "\u{00A0}\u{3000}x\u{2009}", "\n2026/0027\n", " a b ", "é\u{0301} ",
        "\u{200B}x\u{200B}", " 👍🏽 ",
    ])
    func trimmingSpacesTrimsWhatFoundationsWhitespacesTrim(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }

    /// Every character of the Basic Multilingual Plane at both ends of a number: trimmed or kept as
    /// Foundation did (no space or tab lies beyond it).
    @Test func everyCharacterFoundationTrimmedIsTrimmedAndNoOther() {
        var differing: [String] = []
        for value in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "\(scalar)2026/0027\(scalar)"
            if text.trimmingSpaces() != text.trimmingCharacters(in: .whitespaces) {
                differing.append(String(value, radix: 16))
            }
        }
        #expect(differing == [])
    }

    @Test func aNumberOfNoSeriesIsRefusedNamingTheSeriesThereAre() throws {
        #expect {
            _ = try Self.scheme().number(parsing: "FX-2027/00001")
        } throws: { error in
            "\(error)".contains("FT-2027/00001") && "\(error)".contains("2026/0001")
                && "\(error)".contains("NC-2027/00001")
        }
        for text in ["FT-27/1", "FT-2027/", "FT-2027-00001", "FT 2027/1", "2027/1x"] {
            #expect(throws: BillingError.self, "\(text)") { try Self.scheme().number(parsing: text) }
        }
    }

    @Test(arguments: [
        ("F/", 5, "invalid prefix 'F/'"),
        ("FT1", 5, "not ending with a digit"),
        ("1FT-", 5, "starting with a letter"),
        ("FATTURA-X", 5, "up to 8"),
        ("FT-", 3, "invalid digits '3': 4 to 8"),
        ("FT-", 9, "invalid digits '9'"),
        ("FATTURE-", 8, "at most 20 characters"),
    ])
    func aFormatThatCouldNotBeReadBackIsRefusedWithWhatWouldBeRight(prefix: String, digits: Int, message: String) {
        #expect {
            _ = try NumberFormat(prefix: prefix, digits: digits)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func aStoredFormatIsCheckedWhenItIsRead() throws {
        let scheme = try Self.scheme()
        let stored = try JSONEncoder().encode(scheme)
        #expect(try JSONDecoder().decode(NumberingScheme.self, from: stored) == scheme)
        let broken = try #require(String(data: stored, encoding: .utf8)).replacingOccurrences(of: "FT-", with: "F/")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NumberingScheme.self, from: Data(broken.utf8))
        }
    }

    @Test func aPrefixOfAnotherSeriesIsRefusedEvenOneItHadInEarlierYears() throws {
        let scheme = try Self.scheme()
        // Credit notes were NC- and still are: invoices may not take it.
        #expect {
            _ = try scheme.setting(NumberFormat(prefix: "NC-", digits: 5), for: .invoice, from: 2028)
        } throws: { error in
            "\(error)".contains("a prefix that no other series has or had")
                && "\(error)".contains("credit-note numbers read NC-2026/0001")
        }
        // Invoices had no prefix until 2026: credit notes may not drop theirs.
        #expect(throws: BillingError.self) {
            try scheme.setting(NumberFormat(prefix: "", digits: 4), for: .creditNote, from: 2028)
        }
        #expect(throws: BillingError.self) {
            try scheme.setting(NumberFormat(prefix: "FT-", digits: 4), for: .creditNote, from: 2028)
        }
        // A series may go back to a prefix of its own.
        let back = try scheme.setting(NumberFormat(prefix: "", digits: 4), for: .invoice, from: 2029)
        #expect(back.format(of: .invoice, in: 2029).example(year: 2029) == "2029/0001")
        #expect(back.format(of: .invoice, in: 2028).example(year: 2028) == "FT-2028/00001")
    }
}
