import Billing
import Foundation
import Testing

/// The e-invoice address of an account and the identifiers an Italian e-invoice needs: malformed
/// ones are refused when they are set, naming the rule they break.
@Suite struct EInvoiceAddressTests {
    @Test(arguments: [("M5UXCR1", "M5UXCR1"), ("m5uxcr1", "M5UXCR1"), (" KRRH6B9 ", "KRRH6B9"), ("1234567", "1234567")])
    func aSevenCharacterCodeIsKeptUpperCase(input: String, stored: String) throws {
        #expect(try EInvoiceAddress(recipientCode: input, pec: nil).recipientCode == stored)
    }

    @Test(arguments: [
        ("M5UXCR", "public administration office code"),
        ("M5UXCR12", "exactly 7 characters"),
        ("M5-XCR1", "only letters A–Z and digits"),
        ("0000000", "0000000 means no code"),
        ("xxxxxxx", "customers outside Italy"),
        ("", "exactly 7 characters"),
    ])
    func aMalformedCodeIsRefusedWithItsRule(input: String, rule: String) {
        #expect {
            try EInvoiceAddress(recipientCode: input, pec: nil)
        } throws: { error in
            let text = (error as? BillingError)?.description ?? ""
            return text.contains("recipient code (Codice Destinatario)") && text.contains(rule)
        }
    }

    @Test func aPECAddressIsKeptLowerCase() throws {
        let address = try EInvoiceAddress(recipientCode: nil, pec: "Fatture@PEC.Rossi.example.it")
        #expect(address.pec == "fatture@pec.rossi.example.it")
        #expect(address.recipientCode == nil)
    }

    @Test(arguments: ["fatture", "fatture@pec", "fatture @pec.example.it", "fattùre@pec.example.it", "a@b..it"])
    func aMalformedPECIsRefused(input: String) {
        #expect {
            try EInvoiceAddress(recipientCode: nil, pec: input)
        } throws: { error in
            (error as? BillingError)?.description.contains("invalid PEC address") == true
        }
    }

    @Test func anEmptyAddressIsRefused() {
        #expect(throws: BillingError.self) { try EInvoiceAddress(recipientCode: nil, pec: nil) }
    }

    @Test(arguments: [
        ("RCCMNL83S18D969A", "check character does not match"),
        ("RSSMRA80Z01H501U", "not a month letter"),
        ("RSSMRA80A32H501X", "day 32"),
        ("RSSMRA80A01H501", "16 characters"),
    ])
    func aMalformedCodiceFiscaleNamesTheRule(input: String, rule: String) {
        #expect {
            try TaxIdentifier(.codiceFiscale, input)
        } throws: { error in
            (error as? BillingError)?.description.contains(rule) == true
        }
    }

    @Test(arguments: [
        (TaxIdentifier.Kind.partitaIVA, "00743110158", "check digit"),
        (.partitaIVA, "01234567897", "office code 789"),
        (.euVAT, "DE136695978", "check digit"),
        (.euVAT, "US123456789", "EU country prefix"),
    ])
    func aMalformedVATNumberNamesTheRule(kind: TaxIdentifier.Kind, input: String, rule: String) {
        #expect {
            try TaxIdentifier(kind, input)
        } throws: { error in
            (error as? BillingError)?.description.contains(rule) == true
        }
    }

    @Test func theAddressTravelsWithTheAccountAsJSON() throws {
        let json =
            Data(
                #"{"id":"A","name":"A S.r.l.","kind":"self-service","billingContact":{"name":"A","email":"a@a.example"},"#
                    .utf8
            )
            + Data(
                #""billingAddress":{"lines":["Via Roma 1"],"postalCode":"20121","city":"Milano","country":"IT"},"#
                    .utf8
            )
            + Data(
                #""locale":"it","currency":"EUR","taxTreatment":{"noTax":{}},"eInvoicing":{"recipientCode":"m5uxcr1"}}"#
                    .utf8
            )
        let account = try JSONDecoder().decode(Account.self, from: json)
        #expect(account.eInvoicing?.recipientCode == "M5UXCR1")
        let again = try JSONDecoder().decode(Account.self, from: JSONEncoder().encode(account))
        #expect(again == account)
        let bad = String(decoding: json, as: UTF8.self).replacingOccurrences(of: "m5uxcr1", with: "0000000")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Account.self, from: Data(bad.utf8)) }
    }
}
