import Billing
import Documents
import Foundation
import Testing

@Suite("Money and date formatting")
struct FormattingTests {
    @Test(arguments: [
        ("it", "EUR", Int64(123_456), "€ 1.234,56"), ("it", "EUR", 5, "€ 0,05"), ("it", "EUR", -123_456, "-€ 1.234,56"),
        ("it", "EUR", 123_456_789, "€ 1.234.567,89"), ("en", "USD", 123_456, "$1,234.56"),
        ("en", "EUR", 123_456, "€1,234.56"),
        ("en", "USD", -99, "-$0.99"), ("it", "USD", 100_000, "$ 1.000,00"), ("en", "JPY", 1500, "JPY 1,500"),
        ("de", "EUR", 123_456, "1.234,56 €"), ("de", "EUR", -123_456, "-1.234,56 €"), ("de", "USD", 5, "0,05 $"),
        ("de", "EUR", 123_456_789, "1.234.567,89 €"), ("de", "JPY", 1500, "1.500 JPY"),
    ])
    func moneyIsWrittenAsEachLanguageDoes(language: String, currency: String, minor: Int64, expected: String) throws {
        let amount = Money(minorUnits: minor, currency: try Currency(code: currency))
        #expect(Formatting(language: language).money(amount) == expected)
    }

    @Test func datesAreWrittenAsEachLanguageDoes() throws {
        let date = try CalendarDate("2026-11-27")
        let early = try CalendarDate("2026-03-05")
        #expect(Formatting(language: "it").date(date) == "27/11/2026")
        #expect(Formatting(language: "it").date(early) == "05/03/2026")
        #expect(Formatting(language: "it").longDate(date) == "27 novembre 2026")
        #expect(Formatting(language: "en").date(date) == "Nov 27, 2026")
        #expect(Formatting(language: "en").longDate(early) == "March 5, 2026")
        #expect(
            Formatting(language: "it").period(try DatePeriod.month(year: 2026, month: 2)) == "01/02/2026 – 28/02/2026"
        )
        #expect(Formatting(language: "de").date(date) == "27.11.2026")
        #expect(Formatting(language: "de").date(early) == "05.03.2026")
        #expect(Formatting(language: "de").longDate(early) == "5. März 2026")
        #expect(Formatting(language: "de").month(date) == "November 2026")
    }

    @Test func ratesUseTheLanguagesDecimalSeparator() throws {
        let rate = try TaxRate(basisPoints: 550)
        #expect(Formatting(language: "en").rate(rate) == "5.5%")
        #expect(Formatting(language: "it").rate(rate) == "5,5%")
        #expect(Formatting(language: "de").rate(rate) == "5,5%")
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func digestsMatchTheStandardVectors(input: String, expected: String) {
        #expect(SHA256.hex(Data(input.utf8)) == expected)
    }
}
