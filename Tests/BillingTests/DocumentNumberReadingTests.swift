import Testing

@testable import Billing

/// A number written as it prints is read from its bytes (`DocumentNumber.printedParts`), any other
/// text by characters (`typedParts`): both must read every text the same way, or refuse it.
@Suite("Document numbers read from their bytes")
struct DocumentNumberReadingTests {
    static let texts: [String] = {
        var texts = [
            "2026/0001", "2026/1", "2026/01", "2026/12345", "2026/123456789", "2026/1234567890", "NC-2026/0012",
            "FT-2027/00001", "FT_X-2027/00001", "ABCDEFGH2027/0001", "ABCDEFGHI2027/0001", "1FT-2027/0001",
            "FT1-2027/0001", "FT9/0001", "2026/", "/0001", "026/0001", "2026-0001", "2026/00A1", "20X6/0001",
            "nc-2026/0012", " 2026/0001 ", "FT-2027/00001\n", "FÜ-2027/0001", "2026//0001", "FT-/2027/0001",
            "0000/0001", "2026/0000", "", "/", "Ω-2026/0001", "A-B-2026/7",
        ]
        // Every short text over the bytes a number is made of, so that each check of the byte path
        // meets texts on both sides of it.
        let alphabet = ["2", "0", "/", "A", "-", "9"]
        var frontier = [""]
        for _ in 0..<6 {
            frontier = frontier.flatMap { text in alphabet.map { text + $0 } }
            texts += frontier.map { $0 + "2026/0001" } + frontier
        }
        return texts
    }()

    @Test func theBytePathReadsWhatTheCharacterPathReads() throws {
        var (read, refused) = (0, 0)
        for text in Self.texts {
            let typed = try? DocumentNumber.typedParts(of: text)
            guard let printed = DocumentNumber.printedParts(of: text) else {
                if typed == nil { refused += 1 }
                continue
            }
            let expected = try #require(typed, "\(text): read from its bytes, refused by characters")
            #expect(printed.prefix == expected.prefix, "\(text)")
            #expect(printed.year == expected.year, "\(text)")
            #expect(printed.sequence == expected.sequence, "\(text)")
            #expect(printed.format == expected.format, "\(text)")
            read += 1
        }
        #expect(read > 1_000 && refused > 10_000, "read \(read), refused \(refused)")
        #expect(try DocumentNumber(parsing: "nc-2026/12").description == "NC-2026/0012")
        #expect(try DocumentNumber(parsing: "FT-2027/00001", series: .invoice).description == "FT-2027/00001")
    }
}
