import ArgumentParser
import Billing
import Foundation
import HistoryStore

struct VendorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vendor",
        abstract: "Shows and sets the company that issues the documents.",
        subcommands: [Show.self, Set.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows the vendor: name, addresses, tax ids, contacts and bank details.",
            discussion: "Example:\n  ledgerprint vendor show"
        )
        @OptionGroup var options: StoreOptions

        func run() throws {
            try ledgerprint.run {
                guard let vendor = try options.existingStore().vendor() else {
                    throw Failure(.notFound, "the store has no vendor: set one with `ledgerprint vendor set`")
                }
                print("vendor: \(vendor.legalName)")
                print("address: \(Self.line(vendor.address))")
                if let remitTo = vendor.remitTo { print("remit to: \(Self.line(remitTo))") }
                for identifier in vendor.taxIdentifiers {
                    print("tax id: \(identifier.kind.displayName) \(identifier.value)")
                }
                print("e-mail: \(vendor.email)")
                if let website = vendor.website { print("web site: \(website)") }
                if let bank = vendor.bankDetails { print("bank: \(bank)") }
                if let w9 = vendor.w9 { print("W-9 signed by \(w9.signerName), \(w9.signerTitle)") }
                print(
                    vendor.logo.map { "logo: a PNG of about \($0.count * 3 / 4) bytes, kept in the store" }
                        ?? "logo: logo.png of the template folder"
                )
            }
        }

        static func line(_ address: Address) -> String {
            (address.lines + [address.postalCode, address.city, address.region ?? "", address.country])
                .filter { !$0.isEmpty }.joined(separator: ", ")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract:
                "Changes the vendor's name, address, tax ids, e-mail, web site, bank details or logo (representatives).",
            discussion: """
                Only what is given changes; a tax id replaces the vendor's of its kind. Every value is checked \
                first: a wrong one is refused with what would be right (exit 65) and nothing changes. The change \
                is recorded as a set-vendor event with who made it; issued documents keep the vendor they were \
                printed with only as far as they are archived (a reprint shows the vendor as it is).

                Examples:
                  ledgerprint vendor set --name "Webinar Seats, Inc." --email billing@webinarseats.example --as "rep:Marco Neri"
                  ledgerprint vendor set --address-line "100 Example Way" --postal-code 02110 --city Boston --region MA --country US --as "rep:Marco Neri"
                  ledgerprint vendor set --vat-number 39182740587 --bank "IBAN IT60 X054 2811 1010 0000 0123 456" --as "rep:Marco Neri"
                  ledgerprint vendor set --logo letterhead.png --as "rep:Marco Neri"
                """
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Legal name.") var name: String?
        @Option(
            name: .customLong("address-line"),
            help: "A street line (repeat for more); with --postal-code, --city, --country."
        )
        var addressLines: [String] = []
        @Option(name: .customLong("postal-code"), help: "Postal code.") var postalCode: String?
        @Option(help: "City.") var city: String?
        @Option(help: "Province or state code.") var region: String?
        @Option(help: "ISO country code, such as US.") var country: String?
        @Option(help: "E-mail printed on documents.") var email: String?
        @Option(help: "Web site printed on documents.") var website: String?
        @Option(help: "Bank details printed for transfers, on one line.") var bank: String?
        @Option(name: .customLong("vat-number"), help: "Partita IVA (11 digits) or an EU VAT number with its prefix.")
        var vatNumber: String?
        @Option(help: "US Employer Identification Number, NN-NNNNNNN.") var ein: String?
        @Option(help: "A PNG file for the letterhead logo (up to 512 KB); kept in the store.") var logo: String?

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                guard let vendor = try store.vendor() else {
                    throw Failure(
                        .notFound,
                        "the store has no vendor: import a set-vendor event first (docs/data-format.md)"
                    )
                }
                var changes = VendorChanges(legalName: name, email: email, website: website, bankDetails: bank)
                if !addressLines.isEmpty || postalCode != nil || city != nil || country != nil || region != nil {
                    changes.address = Address(
                        lines: addressLines.isEmpty ? vendor.address.lines : addressLines,
                        postalCode: postalCode ?? vendor.address.postalCode,
                        city: city ?? vendor.address.city,
                        region: region ?? vendor.address.region,
                        country: country ?? vendor.address.country
                    )
                }
                if let vatNumber {
                    let digits = vatNumber.filter(\.isNumber)
                    let italian =
                        digits.count == 11
                        && (vatNumber.uppercased().hasPrefix("IT") || vatNumber.first?.isNumber == true)
                    changes.taxIdentifiers.append(try TaxIdentifier(italian ? .partitaIVA : .euVAT, vatNumber))
                }
                if let ein { changes.taxIdentifiers.append(try TaxIdentifier(.ein, ein)) }
                if let logo {
                    guard let data = FileManager.default.contents(atPath: logo) else {
                        throw Failure(.invalidInput, "cannot read the logo file '\(logo)'")
                    }
                    changes.logoPNG = Array(data)
                }
                guard !changes.isEmpty else { throw Failure(.usage, "give at least one value to change; see --help") }
                let changed = try vendor.applying(changes)
                try store.apply(
                    StoreEvent(date: try options.date(), actor: try options.who(), action: .setVendor(changed))
                )
                print("vendor \(changed.legalName) updated")
            }
        }
    }
}
