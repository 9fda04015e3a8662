import Billing
import Testing

@Suite("Addresses as the post of each country expects them")
struct AddressFormatTests {
    static let cases: [(Address, [String])] = [
        (
            Address(lines: ["Via Roma 1"], postalCode: "20121", city: "Milano", region: "MI", country: "IT"),
            ["Via Roma 1", "20121 MILANO MI"]
        ),
        (
            Address(lines: ["100 Example Way"], postalCode: "02110", city: "Boston", region: "MA", country: "US"),
            ["100 Example Way", "BOSTON, MA 02110"]
        ),
        (
            Address(lines: ["12 Maple St"], postalCode: "K1A 0B1", city: "Ottawa", region: "ON", country: "CA"),
            ["12 MAPLE ST", "OTTAWA ON K1A 0B1"]
        ),
        (
            Address(lines: ["Hauptstraße 5"], postalCode: "10115", city: "Berlin", country: "DE"),
            ["Hauptstraße 5", "10115 Berlin"]
        ),
        (
            Address(lines: ["Ringstraße 1"], postalCode: "1010", city: "Wien", country: "AT"),
            ["Ringstraße 1", "1010 Wien"]
        ),
        (
            Address(lines: ["Bahnhofstrasse 1"], postalCode: "8001", city: "Zürich", country: "CH"),
            ["Bahnhofstrasse 1", "CH-8001 Zürich"]
        ),
        (
            Address(lines: ["8 rue de la Paix"], postalCode: "75002", city: "Paris", country: "FR"),
            ["8 rue de la Paix", "75002 PARIS"]
        ),
        (
            Address(lines: ["Calle Mayor 3"], postalCode: "28013", city: "Madrid", region: "Madrid", country: "ES"),
            ["Calle Mayor 3", "28013 MADRID MADRID"]
        ),
        (
            Address(lines: ["Damrak 1"], postalCode: "1012 LG", city: "Amsterdam", country: "NL"),
            ["Damrak 1", "1012 LG Amsterdam"]
        ),
        (
            Address(lines: ["10 Downing Street"], postalCode: "SW1A 2AA", city: "London", country: "GB"),
            ["10 Downing Street", "LONDON", "SW1A 2AA"]
        ),
        (
            Address(
                lines: ["1 Grafton Street"],
                postalCode: "D02 XY45",
                city: "Dublin",
                region: "Co. Dublin",
                country: "IE"
            ),
            ["1 Grafton Street", "Dublin", "Co. Dublin", "D02 XY45"]
        ),
    ]

    @Test(arguments: cases)
    func eachCountryHasItsOwnLayout(address: Address, expected: [String]) {
        #expect(AddressFormat.of(address.country).lines(address) == expected)
    }

    @Test func aMissingRegionTakesItsPunctuationAlong() {
        let address = Address(lines: ["1 Main St"], postalCode: "02110", city: "Boston", country: "US")
        #expect(AddressFormat.of("US").lines(address) == ["1 Main St", "BOSTON 02110"])
        let italian = Address(lines: ["Via Roma 1"], postalCode: "20121", city: "Milano", country: "it")
        #expect(
            AddressFormat.of("it").lines(italian, countryName: "Italia") == ["Via Roma 1", "20121 MILANO", "Italia"]
        )
    }

    @Test func aPatternBreaksLinesAtEveryPercentNOnly() {
        let address = Address(lines: ["1 Main St"], postalCode: "02110", city: "Boston", country: "US")
        let format = AddressFormat(country: "XX", pattern: "%n%A%n%nPO %Z%n%C n%n", uppercased: "C")
        #expect(format.lines(address) == ["1 Main St", "PO 02110", "BOSTON n"])
    }

    @Test func aCountryTheTableDoesNotKnowGetsPostalCodeThenCity() {
        let address = Address(lines: ["Rua Augusta 1"], postalCode: "1100-048", city: "Lisboa", country: "PT")
        #expect(AddressFormat.of("PT").lines(address) == ["Rua Augusta 1", "1100-048 Lisboa"])
    }

    @Test func theUnitedStatesAndCanadaPrintOnLetterEveryoneElseOnA4() {
        let letter = AddressFormat.table.values.filter(\.usesLetterPaper).map(\.country).sorted()
        #expect(letter == ["CA", "US"])
        #expect(!AddressFormat.of("PT").usesLetterPaper)
    }

    @Test func everyRequiredCountryIsInTheTable() {
        for country in ["IT", "US", "DE", "FR", "GB", "ES", "NL", "CH", "AT", "IE", "CA"] {
            #expect(AddressFormat.table[country] != nil, "\(country) has no layout")
        }
        #expect(AddressFormat.of("DE").vatNumberName == "USt-IdNr.")
        #expect(AddressFormat.of("FR").vatNumberName == "N° TVA")
        #expect(AddressFormat.of("IT").vatNumberName == "P. IVA")
    }

    @Test func accountsAcceptEveryDocumentLanguageAndNoOther() throws {
        #expect(DocumentLanguage.codes == ["it", "en", "de"])
        #expect(DocumentLanguage.codeList == "it, en or de")
        #expect(DocumentLanguage.named("fr") == nil)
    }
}
