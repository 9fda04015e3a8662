import Billing
import Foundation
import Testing

@testable import Documents

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

/// A label's `{name}` placeholders, as the documents' wording fills them.
@Suite("Labels")
struct LabelTests {
    private func label(_ text: String, _ values: KeyValuePairs<String, String>) -> String {
        ViewModelBuilder(language: "it", labels: ["it": ["key": text]]).label("key", values)
    }

    @Test func knownPlaceholdersAreFilledAndTheRestStaysAsWritten() {
        #expect(label("{n} posti × {price}", ["n": "3", "price": "€ 1,00"]) == "3 posti × € 1,00")
        #expect(label("{a}{a}, {b}", ["a": "x", "b": "ü"]) == "xx, ü")
        #expect(label("Nota {unknown} per {a}", ["a": "Rossi"]) == "Nota {unknown} per Rossi")
        #expect(label("Aperta { mai chiusa {a", ["a": "x"]) == "Aperta { mai chiusa {a")
        #expect(label("{a {a}} €", ["a": "x", "a {a": "y"]) == "y} €")
        #expect(label("Senza segnaposto", ["a": "x"]) == "Senza segnaposto")
    }

    @Test func aCardIsFoundByTheDotsBeforeItsLastDigits() throws {
        let card = "Visa  ••• 1 Visa •••• 4242 (09/2028)"
        let dots = try #require(ViewModelBuilder.cardDots(in: card))
        #expect(card[..<dots.lowerBound] == "Visa  ••• 1 Visa")
        #expect(card[dots.upperBound...] == "4242 (09/2028)")
        #expect(ViewModelBuilder.cardDots(in: "Bank transfer") == nil)
        #expect(ViewModelBuilder.cardDots(in: "Visa ••••") == nil)
    }

    @Test func aLabelTheLanguageLacksIsItsKey() {
        let builder = ViewModelBuilder(language: "it", labels: ["it": [:]])
        #expect(builder.label("missing", ["a": "x"]) == "missing")
    }
}
