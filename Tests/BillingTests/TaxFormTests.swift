import Billing
import Testing

@Suite("Tax-form requests: who files them, what a regional form names")
struct TaxFormTests {
    @Test func onlyCorporateAccountsUsersAndRepresentativesFileThem() throws {
        let corporate = try Fixtures.corporateUS()
        let selfService = try Fixtures.selfServiceItalian()
        try W9Request.authorizeFiling(by: corporate.billingContact.actor, for: corporate)
        try W9Request.authorizeFiling(by: .representative(name: "Marco Neri"), for: selfService)
        let error = #expect(throws: BillingError.self) {
            try W9Request.authorizeFiling(by: selfService.billingContact.actor, for: selfService)
        }
        #expect(error?.description.contains("provided by Corporate Account Services to corporate accounts") == true)
    }

    @Test(arguments: [("IT", "IT"), ("US-CA", "US"), ("DE-BY", "DE"), ("CA-ON", "CA")])
    func aRegionIsACountryOrAStateWithinIt(region: String, country: String) throws {
        #expect(try RegionalForm(region: region, name: "Form 590").country == country)
    }

    @Test(arguments: ["", "it", "USA", "US-", "US-CALI", "california"])
    func aRegionThatIsNotACodeIsRefused(region: String) throws {
        let error = #expect(throws: BillingError.self) { try RegionalForm(region: region, name: "Form 590") }
        #expect(error?.description.contains("a country code such as IT, or a state within it such as US-CA") == true)
    }

    @Test func aRegionalFormNamesItsFormAndOnlyItDoes() throws {
        let contact = try Contact(name: "Dana Ortiz", email: "ap@globex.example")
        let date = try Fixtures.date("2026-11-27")
        let regional = try W9Request(
            id: "R",
            accountID: "A",
            requester: contact,
            formType: .regionalForm,
            details: "x",
            submittedOn: date
        )
        #expect(throws: BillingError.self) { try regional.naming(nil) }
        let form = try RegionalForm(region: "US-CA", name: "Form 590")
        #expect(try regional.naming(form).regionalForm == form)
        let w9 = try W9Request(
            id: "W",
            accountID: "A",
            requester: contact,
            formType: .w9,
            details: "x",
            submittedOn: date
        )
        #expect(throws: BillingError.self) { try w9.naming(form) }
        #expect(throws: BillingError.self) { try RegionalForm(region: "IT", name: "  ") }
    }

    @Test func identifiersKnowTheirCountry() throws {
        #expect(try TaxIdentifier(.partitaIVA, "39182740587").country == "IT")
        #expect(try TaxIdentifier(.ein, "46-2817395").country == "US")
        #expect(try TaxIdentifier(.euVAT, "DE129273398").country == "DE")
    }
}
