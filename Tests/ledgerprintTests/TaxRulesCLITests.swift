import Foundation
import LedgerprintTestSupport
import Testing

/// `ledgerprint tax-rules`: the vendor's tax tables kept in the store, used to decide treatments and
/// to charge a product's reduced rate.
@Suite("ledgerprint tax-rules")
struct TaxRulesCLITests {
    static let rules = """
        {"sellerCountry": "IT", "domesticRate": {"basisPoints": 2200},
         "reducedRates": {"training": {"basisPoints": 400}},
         "usesOSS": true, "ossRates": {"DE": {"basisPoints": 1900}},
         "usStateRates": {"WA": {"basisPoints": 650}}}
        """

    @Test func rulesSetByARepresentativeDecideTreatmentsAndReducedRates() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        try Self.rules.write(toFile: cli.path("rules.json"), atomically: true, encoding: .utf8)

        let none = try cli.run(["tax-rules", "show"])
        #expect(none.status == 66)
        #expect(none.error.contains("no tax rules in the store: the defaults apply"))

        let contact = try cli.run([
            "tax-rules", "set", "--file", cli.path("rules.json"), "--as", "anna.bianchi@studiorossi.example",
        ])
        #expect(contact.status == 77, "\(contact.error)")
        let set = try cli.run(["tax-rules", "set", "--file", cli.path("rules.json"), "--as", "rep:Marco"])
        #expect(set.status == 0, "\(set.error)")
        #expect(set.output.contains("tax rules set: IT 22%, 1 reduced rates, OSS used (1 countries), 1 US states"))
        let shown = try cli.run(["tax-rules", "show"])
        #expect(shown.output.contains("reduced       training  4%"), "\(shown.output)")
        #expect(shown.output.contains("US sales tax  WA        6.5%"), "\(shown.output)")

        // A new account is decided by the rules in the store, without --tax-rules.
        let account = """
            {"id": "CASCADE-US", "name": "Cascade Training Inc.", "kind": "self-service",
             "billingContact": {"name": "Kim Lee", "email": "kim@cascade.example"},
             "billingAddress": {"lines": ["1 Pine St"], "postalCode": "98101", "city": "Seattle", "region": "WA",
                                "country": "US"},
             "locale": "en", "currency": "USD"}
            """
        try account.write(toFile: cli.path("cascade.json"), atomically: true, encoding: .utf8)
        let created = try cli.run(["accounts", "create", "--file", cli.path("cascade.json"), "--as", "rep:Marco"])
        #expect(created.output.contains("tax treatment by rule usSalesTax: sales tax 6.5% (WA)"), "\(created.error)")

        // An Italian customer buying the product with a reduced rate is charged 4 %, not 22 %.
        let bought = try cli.run([
            "subscription", "add", "ROSSI-IT", "--product", "training", "--tier", "pro", "--seats", "2",
            "--as", "rep:Marco",
        ])
        #expect(bought.status == 0, "\(bought.error)")
        #expect(bought.output.contains("tax 4%"), "\(bought.output)")
        #expect(!bought.output.contains("tax 22%"), "\(bought.output)")
    }

    @Test func rulesThatCannotBeRightAreRefusedAndNothingIsKept() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let wrong = Self.rules.replacingOccurrences(
            of: "\"DE\": {\"basisPoints\": 1900}",
            with: "\"IT\": {\"basisPoints\": 2200}"
        )
        try wrong.write(toFile: cli.path("wrong.json"), atomically: true, encoding: .utf8)
        let refused = try cli.run(["tax-rules", "set", "--file", cli.path("wrong.json"), "--as", "rep:Marco"])
        #expect(refused.status == 65)
        #expect(refused.error.contains("ossRates.IT"), "\(refused.error)")
        #expect(refused.error.contains("another EU member state's code"), "\(refused.error)")
        #expect(try cli.run(["tax-rules", "show"]).status == 66)

        try "{\"sellerCountry\": \"IT\"}".write(toFile: cli.path("short.json"), atomically: true, encoding: .utf8)
        let short = try cli.run(["tax-rules", "set", "--file", cli.path("short.json"), "--as", "rep:Marco"])
        #expect(short.status == 65)
        #expect(short.error.contains("short.json"), "\(short.error)")
        #expect(short.error.contains("domesticRate"), "\(short.error)")
    }
}
