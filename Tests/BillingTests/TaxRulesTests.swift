import Billing
import Testing

/// The VAT decision table of docs/billing-rules.md, row by row, with the examples it gives.
@Suite struct TaxRulesTests {
    static func rules(usesOSS: Bool = false) throws -> TaxRules {
        TaxRules(
            sellerCountry: "IT",
            domesticRate: try TaxRate(percent: 22),
            reducedRates: ["ebook": try TaxRate(percent: 4), "training": try TaxRate(percent: 10)],
            usesOSS: usesOSS,
            ossRates: ["DE": try TaxRate(percent: 19), "FR": try TaxRate(percent: 20)],
            usStateRates: ["WA": try TaxRate(basisPoints: 650), "TX": try TaxRate(basisPoints: 625)]
        )
    }

    @Test func anItalianCustomerPaysItalianVATAt22PercentOrTheProductsReducedRate() throws {
        let buyer = TaxBuyer(country: "IT", taxIdentifiers: [try TaxIdentifier(.partitaIVA, "17500930155")])
        let standard = try Self.rules().decide(for: buyer, productID: "webinar", language: "it")
        #expect(standard.rule == .domestic)
        #expect(standard.treatment == .vat(rate: try TaxRate(percent: 22)))
        #expect(standard.nature == nil)
        let reduced = try Self.rules().decide(for: buyer, productID: "ebook", language: "it")
        #expect(reduced.treatment == .vat(rate: try TaxRate(percent: 4)))
        // An Italian consumer pays the same VAT.
        #expect(try Self.rules().decide(for: TaxBuyer(country: "IT"), language: "it").rule == .domestic)
    }

    @Test(arguments: [
        ("it", "Inversione contabile – operazione non soggetta ai sensi dell'art. 7-ter DPR 633/72"),
        ("en", "Reverse charge – VAT to be accounted for by the customer (art. 196 Directive 2006/112/EC"),
    ])
    func anEUBusinessIsReverseChargedInTheDocumentsLanguage(language: String, wording: String) throws {
        let buyer = TaxBuyer(country: "DE", taxIdentifiers: [try TaxIdentifier(.euVAT, "DE136695976")])
        let decision = try Self.rules().decide(for: buyer, language: language)
        #expect(decision.rule == .euBusinessReverseCharge)
        #expect(decision.treatment.rate == .zero)
        #expect(decision.treatment.note?.hasPrefix(wording) == true)
        #expect(decision.nature == .notSubjectPlaceOfSupply)
    }

    @Test func aVATNumberOfAnotherCountryDoesNotMakeABusinessOfTheBuyer() throws {
        let buyer = TaxBuyer(country: "FR", taxIdentifiers: [try TaxIdentifier(.euVAT, "DE136695976")])
        #expect(try Self.rules().decide(for: buyer, language: "en").rule == .euConsumerSellerRate)
    }

    @Test func anEUConsumerPaysTheSellersRateOrUnderOSSTheirCountrysRate() throws {
        let consumer = TaxBuyer(country: "DE")
        let below = try Self.rules().decide(for: consumer, language: "en")
        #expect(below.rule == .euConsumerSellerRate)
        #expect(below.treatment == .vat(rate: try TaxRate(percent: 22)))
        let oss = try Self.rules(usesOSS: true).decide(for: consumer, language: "en")
        #expect(oss.rule == .euConsumerOSS)
        #expect(oss.treatment == .vat(rate: try TaxRate(percent: 19)))
        // A country missing from the OSS table falls back to the seller's rate rather than none.
        let missing = try Self.rules(usesOSS: true).decide(for: TaxBuyer(country: "AT"), language: "en")
        #expect(missing.treatment == .vat(rate: try TaxRate(percent: 22)))
    }

    @Test(arguments: [("CH", "en"), ("GB", "en"), ("JP", "it")])
    func aCustomerOutsideTheEUIsNotSubject(country: String, language: String) throws {
        let decision = try Self.rules().decide(for: TaxBuyer(country: country), language: language)
        #expect(decision.rule == .outsideEU)
        #expect(decision.treatment.rate == .zero)
        #expect(decision.treatment.note?.contains("art. 7-ter DPR 633/72") == true)
        #expect(
            decision.treatment.note?.hasPrefix(language == "it" ? "Operazione non soggetta" : "Not subject") == true
        )
        #expect(decision.nature == .notSubjectPlaceOfSupply)
    }

    @Test(arguments: [("WA", 650), ("TX", 625)])
    func aUSCustomerPaysTheirStatesSalesTax(state: String, basisPoints: Int) throws {
        let decision = try Self.rules().decide(for: TaxBuyer(country: "US", region: state), language: "en")
        #expect(decision.rule == .usSalesTax)
        #expect(decision.treatment == .salesTax(rate: try TaxRate(basisPoints: basisPoints), jurisdiction: state))
    }

    @Test func aUSCustomerInAStateWithoutARatePaysNone() throws {
        let decision = try Self.rules().decide(for: TaxBuyer(country: "US", region: "OR"), language: "en")
        #expect(decision.rule == .usNoSalesTax)
        #expect(decision.treatment == .noTax(note: nil))
    }

    @Test func aUSCustomerWithACertificateIsExemptAndTheInvoiceSaysSo() throws {
        let buyer = TaxBuyer(country: "US", region: "WA", exemptionCertificate: "WA-RESALE-0042")
        let decision = try Self.rules().decide(for: buyer, language: "en")
        #expect(decision.rule == .usExemptCertificate)
        #expect(decision.treatment == .noTax(note: "Tax exempt – certificate on file (WA-RESALE-0042)"))
    }

    @Test func theSampleAccountsTreatmentsAgreeWithTheRules() throws {
        // The hand-set treatments of Samples/history.json, now decided: ROSSI-IT 22 %, KLEIN-DE reverse charge.
        let rossi = TaxBuyer(country: "IT", taxIdentifiers: [try TaxIdentifier(.partitaIVA, "17500930155")])
        let klein = TaxBuyer(country: "DE", taxIdentifiers: [try TaxIdentifier(.euVAT, "DE318475627")])
        let rules = try Self.rules()
        #expect(rules.decide(for: rossi, language: "it").treatment.rate == (try TaxRate(percent: 22)))
        #expect(rules.decide(for: klein, language: "it").rule == .euBusinessReverseCharge)
        let globex = TaxBuyer(country: "US", region: "CA", taxIdentifiers: [try TaxIdentifier(.ein, "83-4417260")])
        #expect(rules.decide(for: globex, language: "en").treatment == .noTax(note: nil))
    }

    @Test func onlyARepresentativeMayOverrideTheTreatment() throws {
        let klein = Account(
            id: "KLEIN-DE",
            name: "Klein Akademie GmbH",
            kind: .selfService,
            billingContact: try Contact(name: "Jonas Klein", email: "jonas@klein.example"),
            billingAddress: Address(lines: ["Lindenstraße 12"], postalCode: "10969", city: "Berlin", country: "DE"),
            locale: "en",
            currency: .eur,
            taxIdentifiers: [try TaxIdentifier(.euVAT, "DE136695976")],
            taxTreatment: .vat(rate: try TaxRate(percent: 22))
        )
        let decided = try Self.rules().decide(for: TaxBuyer(klein), language: klein.locale)
        let update = AccountUpdate(taxTreatment: decided.treatment)
        #expect {
            try klein.updating(update, by: .user(email: "jonas@klein.example"))
        } throws: { error in
            (error as? BillingError)?.description
                == "jonas@klein.example may not change the tax treatment; only a vendor representative may"
        }
        let changed = try klein.updating(update, by: .representative(name: "Marco"))
        #expect(changed.taxTreatment.rate == .zero)
        #expect(changed.taxTreatment.note?.hasPrefix("Reverse charge") == true)
    }
}
