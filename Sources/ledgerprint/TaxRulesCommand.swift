import ArgumentParser
import Billing
import Foundation
import HistoryStore

/// `ledgerprint tax-rules`: the vendor's VAT and sales-tax tables, kept in the store.
struct TaxRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tax-rules",
        abstract: "Shows or sets the vendor's tax rules: VAT rates, reduced rates by product, OSS and US state rates.",
        discussion: """
            The rules decide an account's tax treatment (`accounts create`, `accounts update --tax-by-rule`) and \
            give a product its reduced VAT rate on invoice lines (docs/billing-rules.md, "VAT treatment by rule"). \
            Without rules in the store, a vendor with a Partita IVA has Italian VAT at 22 %, no reduced rates, no \
            OSS and no US sales tax.
            """,
        subcommands: [Show.self, Set.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Prints the tax rules in the store.",
            discussion: """
                Examples:
                  ledgerprint tax-rules show
                  ledgerprint tax-rules show --format json > tax-rules.json
                """
        )

        @OptionGroup var options: StoreOptions
        @Option(help: "table or json (the form `tax-rules set --file` reads).") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                guard let rules = try options.existingStore().taxRules() else {
                    throw Failure(
                        .notFound,
                        "no tax rules in the store: the defaults apply (Italian VAT at 22 % for a vendor with a "
                            + "Partita IVA); set them with `ledgerprint tax-rules set --file FILE`"
                    )
                }
                switch format {
                case .json:
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    print(String(decoding: try encoder.encode(rules), as: UTF8.self))
                case .table, .csv:
                    var rows = [["standard", rules.sellerCountry, "\(rules.domesticRate)"]]
                    rows += rules.reducedRates.sorted { $0.key < $1.key }.map { ["reduced", $0.key, "\($0.value)"] }
                    rows += rules.ossRates.sorted { $0.key < $1.key }.map {
                        ["OSS" + (rules.usesOSS ? "" : " (not used)"), $0.key, "\($0.value)"]
                    }
                    rows += rules.usStateRates.sorted { $0.key < $1.key }.map {
                        ["US sales tax", $0.key, "\($0.value)"]
                    }
                    Listing.print(["Table", "Where", "Rate"], rows, as: format)
                }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Replaces the tax rules with those of a JSON file (representatives).",
            discussion: """
                The file is a TaxRules object: sellerCountry, domesticRate, reducedRates (by product id), \
                usesOSS, ossRates (by EU country), usStateRates (by state); rates as {"basisPoints": 2200}. \
                Recorded as a set-tax-rules event with who set them. Invoices already issued keep their rates.

                Example:
                  ledgerprint tax-rules set --file Samples/tax-rules.json --as "rep:Marco Neri"
                """
        )

        @OptionGroup var options: StoreOptions
        @Option(help: "The JSON file of the rules.") var file: String

        func run() throws {
            try ledgerprint.run {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(.notFound, "cannot read \(file)")
                }
                let rules = try decodeFile(TaxRules.self, from: data, name: file)
                let store = try options.existingStore()
                try store.apply(
                    StoreEvent(date: try options.date(), actor: try options.who(), action: .setTaxRules(rules))
                )
                print(
                    "tax rules set: \(rules.sellerCountry) \(rules.domesticRate), \(rules.reducedRates.count) reduced "
                        + "rates, OSS \(rules.usesOSS ? "used" : "not used") (\(rules.ossRates.count) countries), "
                        + "\(rules.usStateRates.count) US states"
                )
            }
        }
    }
}
