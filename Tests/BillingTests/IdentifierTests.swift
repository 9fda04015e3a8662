import Billing
import Testing

/// The vectors of w9-einvoice.md §1.5, §2.5, §2.6 and §3.4.
@Suite("Tax identifiers")
struct IdentifierTests {
    @Test(arguments: [
        ("00743110157", "00743110157"), ("IT 00743110157", "00743110157"), ("02156780914", "02156780914"),
        ("01147580128", "01147580128"), ("07589350987", "07589350987"),
    ])
    func validPartiteIVAAreNormalised(input: String, normalised: String) throws {
        #expect(try TaxIdentifier(.partitaIVA, input).value == normalised)
    }

    @Test(arguments: [
        ("00743110158", "check digit"), ("01234567897", "office code 789"), ("12345678903", "office code 890"),
        ("00000000000", "0000000"), ("0074311015", "exactly 11 digits"), ("007431101571", "exactly 11 digits"),
    ])
    func invalidPartiteIVASayWhy(input: String, reason: String) {
        do {
            _ = try TaxIdentifier(.partitaIVA, input)
            Issue.record("\(input) was accepted")
        } catch {
            #expect(error.description.hasPrefix("invalid Partita IVA '\(input)'"))
            #expect(error.description.contains(reason))
        }
    }

    @Test(arguments: [
        "RCCMNL83S18D969H", "RSSMRA80A01H501U", "RSSMRA80A41H501Y", "BNCGFR75M23F205W", "VRDGPP13R10B293P",
        "RSSMRA80A01H50MM", "RSSMRA80A01H5LMX", "00743110157",
    ])
    func validCodiciFiscaliAreAccepted(input: String) throws {
        #expect(try TaxIdentifier(.codiceFiscale, input).value == input)
    }

    @Test(arguments: [
        "RCCMNL83S18D969A", "RSSMRA80Z01H501U", "RSSMRA80A32H501X", "RSSMRA80A71H501X", "RSSMRA80A01H501",
    ])
    func invalidCodiciFiscaliAreRefused(input: String) {
        #expect(throws: BillingError.self) { try TaxIdentifier(.codiceFiscale, input) }
    }

    @Test(arguments: [
        "536-90-4399", "123-45-6789", "001-01-0001", "899-99-9999", "665-12-3456", "667-12-3456", "123456789",
    ])
    func validSSNs(input: String) throws {
        #expect(try TaxIdentifier(.ssn, input).value.count == 11)
    }

    @Test(arguments: [
        "000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999", "123-00-4567", "123-45-0000", "078-05-1120",
        "219-09-9999", "457-55-5462", "12-3456789", "123-456-789", "123-45-678", "123-45-67890",
    ])
    func invalidSSNs(input: String) {
        #expect(throws: BillingError.self) { try TaxIdentifier(.ssn, input) }
    }

    @Test(arguments: [
        ("91-1144442", "91-1144442"), ("04-2103594", "04-2103594"), ("911144442", "91-1144442"),
        ("01-2345678", "01-2345678"), ("47-1234567", "47-1234567"), ("99-9999999", "99-9999999"),
    ])
    func validEINsAreDashed(input: String, normalised: String) throws {
        let ein = try TaxIdentifier(.ein, input)
        #expect(ein.value == normalised)
        #expect(ein.masked == "**-***" + normalised.suffix(4))
    }

    @Test(arguments: [
        "00-1234567", "07-1144442", "17-1234567", "49-1234567", "69-1234567", "89-1234567", "96-1234567",
        "97-1234567", "911-14-4442", "91-114444", "91-11444422",
    ])
    func invalidEINs(input: String) {
        #expect(throws: BillingError.self) { try TaxIdentifier(.ein, input) }
    }

    @Test(arguments: ["912-70-1234", "912-88-1234", "912-90-1234", "912-50-1234", "912-65-1234"])
    func validITINs(input: String) throws {
        #expect(try TaxIdentifier(.itin, input).masked == "***-**-1234")
    }

    @Test func group93IsNotAnITIN() {
        #expect(throws: BillingError.self) { try TaxIdentifier(.itin, "912-93-1234") }
    }

    @Test(arguments: [
        "IT00743110157", "DE136695976", "FR40303265045", "NL004495445B01", "NL004495445B02", "BE0403019261",
        "ATU13585627", "PL8567346215", "EL094259216", "IE6433435F", "ESB58378431",
    ])
    func validEUVATNumbers(input: String) throws {
        #expect(try TaxIdentifier(.euVAT, input).value == input)
    }

    @Test(arguments: [
        "IT00743110158", "DE136695978", "FR41303265045", "BE0403019262", "ATU13585626", "PL8567346216", "US123456789",
        "GB123456789", "DE12345",
    ])
    func invalidEUVATNumbers(input: String) {
        #expect(throws: BillingError.self) { try TaxIdentifier(.euVAT, input) }
    }
}
