import Billing
import Testing

/// A product's reduced VAT rate from the vendor's tax rules reaches the invoice line when the
/// customer pays the seller's standard VAT, and only then.
@Suite struct ReducedRateTests {
    static func rate(_ basisPoints: Int) throws -> TaxRate { try TaxRate(basisPoints: basisPoints) }

    static func taxRules() throws -> TaxRules {
        TaxRules(sellerCountry: "IT", domesticRate: try rate(2200), reducedRates: ["meeting": try rate(400)])
    }

    static func buy(_ productID: String, account: Account, rules taxRules: TaxRules?) throws -> ChangeOutcome {
        let rules = BillingRules(catalog: try Fixtures.catalog(), taxRules: taxRules)
        return try rules.purchase(
            id: "SUB-1",
            account: account,
            selection: SubscriptionSelection(productID: productID, tierID: "pro", seats: 2, frequency: .monthly),
            on: try Fixtures.date("2026-11-02"),
            by: account.billingContact.actor
        )
    }

    @Test func aProductWithAReducedRateIsChargedAtItInItaly() throws {
        let rossi = try Fixtures.selfServiceItalian(treatment: .vat(rate: try Self.rate(2200)))
        let reduced = try Self.buy("meeting", account: rossi, rules: try Self.taxRules())
        #expect(reduced.charges.map(\.taxRate) == [try Self.rate(400)])
        // 2 × 12.00 = 24.00 at 4 % is 0.96 of VAT, not 5.28.
        let tax = try reduced.charges[0].amount.multiplied(by: reduced.charges[0].taxRate.ratio)
        #expect(tax.decimalString == "0.96")
        // Another product keeps the standard rate; without rules every line takes the account's.
        #expect(
            try Self.buy("webinar", account: rossi, rules: try Self.taxRules()).charges.map(\.taxRate.basisPoints) == [
                2200
            ]
        )
        #expect(try Self.buy("meeting", account: rossi, rules: nil).charges.map(\.taxRate.basisPoints) == [2200])
    }

    /// An EU consumer under OSS (the consumer's country's rate), reverse charge, US sales tax.
    @Test(arguments: ["oss", "reverse charge", "sales tax"])
    func otherTreatmentsKeepTheirOneRate(kind: String) throws {
        let treatment: TaxTreatment =
            switch kind {
            case "oss": .vat(rate: try Self.rate(1900))
            case "reverse charge": .reverseCharge(note: "Reverse charge")
            default: .salesTax(rate: try Self.rate(650), jurisdiction: "WA")
            }
        let account = try Fixtures.selfServiceItalian(treatment: treatment)
        let outcome = try Self.buy("meeting", account: account, rules: try Self.taxRules())
        #expect(outcome.charges.map(\.taxRate) == [treatment.rate])
    }

    @Test func rulesThatCannotBeRightAreRefusedNamingTheField() throws {
        var rules = try Self.taxRules()
        rules.ossRates = ["IT": try Self.rate(2200)]
        #expect(
            throws: BillingError.invalidValue(
                field: "ossRates.IT",
                value: "IT",
                expected: "another EU member state's code, such as DE or FR"
            )
        ) {
            try rules.check()
        }
        rules.ossRates = [:]
        rules.usStateRates = ["Washington": try Self.rate(650)]
        #expect(throws: BillingError.self) { try rules.check() }
        #expect(throws: Never.self) { try Self.taxRules().check() }
    }
}
