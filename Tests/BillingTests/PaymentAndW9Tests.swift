import Billing
import Foundation
import Testing

@Suite("Payment methods and W-9")
struct PaymentAndW9Tests {
    @Test func fullCardNumbersAreNeverAccepted() {
        do {
            _ = try PaymentMethod.card(brand: "Visa", lastFour: "4111 1111 1111 1111", expiry: (12, 2027))
            Issue.record("a full card number was accepted")
        } catch {
            #expect(error.description.contains("full card numbers are never accepted"))
            #expect(!error.description.contains("4111 1111"))
        }
    }

    @Test func aCardIsKeptAsBrandLastFourAndExpiry() throws {
        let card = try PaymentMethod.card(brand: "Visa", lastFour: "4242", expiry: (3, 2028))
        #expect(card.description == "Visa •••• 4242 (03/2028)")
    }

    @Test func anIBANIsCheckedThenMasked() throws {
        let debit = try PaymentMethod.sepaDebit(iban: "IT60 X054 2811 1010 0000 0123 456")
        #expect(debit == .sepaDebit(country: "IT", lastFour: "3456"))
        #expect(throws: BillingError.self) { try PaymentMethod.sepaDebit(iban: "IT61 X054 2811 1010 0000 0123 456") }
    }

    @Test func decodingAFullCardNumberFails() {
        let json = Data(
            #"{"type":"card","brand":"Visa","lastFour":"4111111111111111","expiryMonth":1,"expiryYear":2030}"#.utf8
        )
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PaymentMethod.self, from: json) }
    }

    private func w9(
        classification: FederalTaxClassification = .cCorporation,
        foreignPartners: Bool = false,
        exempt: String? = "5",
        country: String = "US"
    ) throws -> W9Information {
        try W9Information(
            name: "Webinar Seats USA, Inc.",
            classification: classification,
            hasForeignPartners: foreignPartners,
            exemptPayeeCode: exempt,
            address: Address(
                lines: ["100 Example Way, Suite 400"],
                postalCode: "02110",
                city: "Boston",
                region: "MA",
                country: country
            ),
            tin: TaxIdentifier(.ein, "04-2103594"),
            signerName: "Jordan Lee",
            signerTitle: "Chief Financial Officer",
            signatureDate: CalendarDate("2026-01-15")
        )
    }

    @Test func aCorporationsW9IsValid() throws {
        #expect(try w9().classification.label == "C corporation")
    }

    @Test func line3bIsRefusedForACorporation() {
        #expect(throws: BillingError.self) { try w9(foreignPartners: true) }
        #expect(throws: Never.self) { try w9(classification: .partnership, foreignPartners: true, exempt: nil) }
    }

    @Test func aW9IsOnlyForUSPersons() throws {
        do {
            _ = try w9(country: "IE")
            Issue.record("a W-9 for an Irish address was accepted")
        } catch let error as BillingError {
            #expect(error.description.contains("W-8BEN-E"))
        }
    }

    @Test func individualsAreNeverExemptPayees() {
        #expect(throws: BillingError.self) { try w9(classification: .individual, exempt: "5") }
        #expect(throws: BillingError.self) { try w9(exempt: "14") }
    }

    @Test func aRequestIsFulfilledOnce() throws {
        let request = try W9Request(
            id: "W9-2026-0001",
            accountID: "GLOBEX-US",
            requester: Contact(name: "Dana Ortiz", email: "ap@globex.example"),
            formType: .w9,
            details: "W-9 for our vendor file",
            submittedOn: CalendarDate("2026-11-02")
        )
        let fulfilled = try request.fulfilled(on: CalendarDate("2026-11-03"))
        #expect(fulfilled.status == .fulfilled)
        #expect(throws: BillingError.self) { try fulfilled.fulfilled(on: CalendarDate("2026-11-04")) }
        #expect(throws: BillingError.self) { try request.fulfilled(on: CalendarDate("2026-11-01")) }
    }
}
