import ArgumentParser
import Billing
import EInvoice
import Foundation
import HistoryStore

struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Lists, shows, creates and updates accounts.",
        subcommands: [List.self, Show.self, Create.self, Update.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists accounts, filtered by kind, activity or text.",
            discussion: "Example:\n  ledgerprint accounts list --kind corporate --format csv"
        )

        @OptionGroup var options: StoreOptions
        @Option(help: "Only this kind: self-service or corporate.") var kind: AccountKind?
        @Flag(help: "Only accounts with an active subscription.") var active = false
        @Option(help: "Only accounts whose id, name or billing contact contains this text.") var search: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let accounts = try options.existingStore().accounts(
                    AccountFilter(kind: kind, active: active ? true : nil, text: search)
                )
                Listing.print(
                    ["Account", "Name", "Kind", "Billing contact", "Active subscriptions"],
                    cells: accounts.map {
                        [
                            .text($0.id), .text($0.name), .text($0.kind.rawValue), .text($0.billingContact),
                            .number($0.activeSubscriptions),
                        ]
                    },
                    as: format
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows an account: contact, address, tax identifiers, payment, subscriptions, balance.",
            discussion: "Example:\n  ledgerprint accounts show ROSSI-IT"
        )

        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let value = try store.account(account)
                print("\(value.name) (\(value.id), \(value.kind.rawValue), \(value.locale), \(value.currency))")
                print("billing contact: \(value.billingContact.name) <\(value.billingContact.email)>")
                for user in value.users { print("user: \(user.name) <\(user.email)>") }
                print(
                    "address: "
                        + (value.billingAddress.lines + [
                            value.billingAddress.postalCode + " " + value.billingAddress.city,
                            value.billingAddress.country,
                        ]).joined(separator: ", ")
                )
                for identifier in value.taxIdentifiers { print("tax id: \(identifier)") }
                print("tax: \(value.taxTreatment.summary)")
                print("paper: \(value.resolvedPaper.rawValue)" + (value.paper == nil ? " (by country)" : " (chosen)"))
                let facturX = FacturX.isExpected(by: CustomerDetails(value))
                print(
                    "factur-x: \(facturX ? "yes" : "no")"
                        + (value.eInvoiceForm.map { " (\($0 == .facturX ? "asked for" : "opted out"))" } ?? " (auto)")
                )
                if let address = value.eInvoicing {
                    let parts = [address.recipientCode.map { "recipient code \($0)" }, address.pec.map { "PEC \($0)" }]
                    print("e-invoices: " + parts.compactMap { $0 }.joined(separator: ", "))
                }
                print("payment: \(value.paymentMethod?.description ?? "none set"); terms: \(value.paymentTerms)")
                for order in value.purchaseOrders {
                    print(
                        "purchase order: \(order.number), up to \(order.cap), \(order.validity.start) – \(order.validity.lastDay)"
                    )
                }
                for subscription in try store.subscriptions(ofAccount: account) {
                    print(
                        "subscription \(subscription.id): \(try BillingRules(catalog: store.catalog()).describe(subscription.selection)), \(subscription.status.rawValue), period \(subscription.currentPeriod.start) – \(subscription.currentPeriod.lastDay)"
                    )
                }
                let today = try options.date()
                let statement = try store.statement(
                    ofAccount: account,
                    for: DatePeriod(start: CalendarDate("1970-01-01"), end: today.adding(days: 1))
                )
                print("balance on \(today): \(statement.closingBalance) (negative: in credit)")
            }
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Opens an account described in a JSON file (the \"account\" object of docs/data-format.md).",
            discussion: """
                Without "taxTreatment" in the file, the treatment is decided by the VAT rules from the account's \
                country and VAT number (docs/billing-rules.md) and printed.

                Example:
                  ledgerprint accounts create --file new-account.json --as rep:Marco
                """
        )

        @OptionGroup var options: StoreOptions
        @OptionGroup var taxRules: TaxRuleOptions
        @Option(help: "The account as JSON.") var file: String

        func run() throws {
            try ledgerprint.run {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(.notFound, "cannot read \(file)")
                }
                let store = try options.openStore()
                let (account, decision) = try accountByRule(from: data, name: file, rules: taxRules, store: store)
                try RecordID.check(account.id, kind: "account id (\(file): id)")
                try store.apply(
                    StoreEvent(date: try options.date(), actor: try options.who(), action: .openAccount(account))
                )
                print("opened account \(account.id)")
                if let decision { print(decision.summary) }
            }
        }
    }
}

extension AccountsCommand {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract:
                "Changes an account's name, language, paper, address, tax identifiers, e-invoice address or form (Factur-X) or users (billing contact or representative).",
            discussion: """
                Issued documents keep the details they were issued with. Address, tax identifiers and users come from a
                JSON file of the "changes" object of docs/data-format.md. A malformed recipient code, PEC address,
                Codice Fiscale or VAT number is refused with the rule it breaks (exit 65) and nothing changes.

                Examples:
                  ledgerprint accounts update ROSSI-IT --name "Studio Rossi & Figli S.r.l." --as anna.bianchi@studiorossi.example
                  ledgerprint accounts update ROSSI-IT --file new-address.json --as rep:Marco
                  ledgerprint accounts update ROSSI-IT --recipient-code M5UXCR1 --codice-fiscale RSSMRA80A01H501U --as rep:Marco
                  ledgerprint accounts update ALPINA-IT --pec fatture@pec.alpinaformazione.example --as rep:Marco
                  ledgerprint accounts update KLEIN-DE --vat-number DE136695976 --tax-by-rule --as rep:Marco
                  ledgerprint accounts update ROSSI-IT --paper letter --as anna.bianchi@studiorossi.example
                  ledgerprint accounts update ROSSI-IT --e-invoice factur-x --as anna.bianchi@studiorossi.example
                """
        )

        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "The new legal name.") var name: String?
        @Option(help: "The new document language: it, en or de.") var locale: String?
        @Option(
            help:
                "The paper of its documents from now on: A4, letter, or by-country (Letter in the US and Canada, A4 elsewhere)."
        )
        var paper: PaperSize?
        @Option(
            help: """
                Factur-X for its invoices and credit notes from now on: factur-x (always), none (a plain PDF), \
                or auto (German and French businesses).
                """
        )
        var eInvoice: EInvoiceChoice?
        @Option(help: "A JSON file with billingAddress, taxIdentifiers or users.") var file: String?
        @Option(help: "The 7-character Codice Destinatario for Italian e-invoices, such as M5UXCR1.")
        var recipientCode: String?
        @Option(help: "The PEC address for Italian e-invoices, such as fatture@pec.example.it.") var pec: String?
        @Option(help: "The Codice Fiscale (16 characters for a person, 11 digits for a company); replaces the old one.")
        var codiceFiscale: String?
        @Option(help: "The VAT number: 11 digits (Partita IVA) or an EU number with its prefix; replaces the old one.")
        var vatNumber: String?
        @Flag(help: "Set the tax treatment the VAT rules give (representatives; see --tax-rules).") var taxByRule =
            false
        @OptionGroup var taxRules: TaxRuleOptions

        func run() throws {
            try ledgerprint.run {
                var update = AccountUpdate(name: name, locale: locale, paper: paper, eInvoiceForm: eInvoice)
                if let file {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw Failure(.notFound, "cannot read \(file)")
                    }
                    let fromFile = try decodeFile(AccountUpdate.self, from: data, name: file)
                    update.billingAddress = fromFile.billingAddress
                    update.taxIdentifiers = fromFile.taxIdentifiers
                    update.users = fromFile.users
                    update.eInvoicing = fromFile.eInvoicing
                    update.taxTreatment = fromFile.taxTreatment
                    update.name = update.name ?? fromFile.name
                    update.locale = update.locale ?? fromFile.locale
                    update.paper = update.paper ?? fromFile.paper
                    update.eInvoiceForm = update.eInvoiceForm ?? fromFile.eInvoiceForm
                }
                let store = try options.existingStore()
                var decision: TaxDecision?
                if recipientCode != nil || pec != nil || codiceFiscale != nil || vatNumber != nil || taxByRule {
                    var current = try store.account(account)
                    try applyIdentifiers(to: &update, current: current)
                    if taxByRule {
                        current.taxIdentifiers = update.taxIdentifiers ?? current.taxIdentifiers
                        current.billingAddress = update.billingAddress ?? current.billingAddress
                        current.locale = update.locale ?? current.locale
                        decision = try taxRules.decision(for: current, store: store)
                        update.taxTreatment = decision?.treatment
                    }
                }
                try store.apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .updateAccount(accountID: account, update: update)
                    )
                )
                print("updated account \(account)")
                if let decision { print(decision.summary) }
            }
        }

        /// Checks the e-invoicing options and adds them to `update`: each one given replaces the
        /// account's value of its kind; the others stay.
        private func applyIdentifiers(to update: inout AccountUpdate, current: Account) throws(BillingError) {
            if recipientCode != nil || pec != nil {
                let old = update.eInvoicing ?? current.eInvoicing
                update.eInvoicing = try EInvoiceAddress(
                    recipientCode: recipientCode ?? old?.recipientCode,
                    pec: pec ?? old?.pec
                )
            }
            var identifiers = update.taxIdentifiers ?? current.taxIdentifiers
            if let codiceFiscale {
                let checked = try TaxIdentifier(.codiceFiscale, codiceFiscale)
                identifiers.removeAll { $0.kind == .codiceFiscale }
                identifiers.append(checked)
            }
            if let vatNumber {
                let compact = vatNumber.uppercased().filter { !" .-".contains($0) }
                let isItalian = compact.hasPrefix("IT") || compact.allSatisfy(\.isNumber)
                let checked = try TaxIdentifier(isItalian ? .partitaIVA : .euVAT, vatNumber)
                identifiers.removeAll { $0.kind == .partitaIVA || $0.kind == .euVAT }
                identifiers.insert(checked, at: 0)
            }
            if codiceFiscale != nil || vatNumber != nil { update.taxIdentifiers = identifiers }
        }
    }
}

extension AccountKind: ExpressibleByArgument {}
extension EInvoiceChoice: ExpressibleByArgument {}
extension BillingFrequency: ExpressibleByArgument {}
extension W9FormType: ExpressibleByArgument {}

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Changes an account's billing contact.",
        subcommands: [Set.self]
    )

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Appoints a new billing contact (by the current one or a representative).",
            discussion:
                "Example:\n  ledgerprint contact set ROSSI-IT --name \"Luca Verdi\" --email luca@example.it --as anna@example.it"
        )

        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "The new contact's name.") var name: String
        @Option(help: "The new contact's e-mail.") var email: String

        func run() throws {
            try ledgerprint.run {
                let contact = try Contact(name: name, email: email)
                try options.existingStore().apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .appointBillingContact(accountID: account, contact: contact)
                    )
                )
                print("\(contact.email) is now the billing contact of \(account)")
            }
        }
    }
}

struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "Lists the catalog: products, tiers and seat prices; adds plans, sets prices, retires plans.",
        discussion: "Example:\n  ledgerprint plans --format csv",
        subcommands: [Add.self, SetPrice.self, Retire.self]
    )

    @OptionGroup var options: StoreOptions
    @Option(help: "table, csv or json.") var format: ListingFormat = .table

    func run() throws {
        try ledgerprint.run {
            let catalog = try options.existingStore().catalog()
            var rows: [[ListingCell]] = []
            for product in catalog.products {
                for tier in product.tiers {
                    for price in catalog.prices where price.productID == product.id && price.tierID == tier.id {
                        rows.append([
                            .text(product.id), .text(tier.id),
                            .text("\(product.name) \(tier.name)" + (tier.retired == true ? " (retired)" : "")),
                            .text(price.frequency.rawValue), .money(price.unitPrice),
                        ])
                    }
                }
            }
            Listing.print(["Product", "Tier", "Name", "Frequency", "Price per seat"], cells: rows, as: format)
        }
    }
}

/// Decodes a JSON file given on the command line; a wrong one is invalid input naming its line and
/// column or the JSON path of the wrong field.
func decodeFile<T: Decodable>(_ type: T.Type, from data: Data, name: String) throws -> T {
    do {
        return try SQLiteStore.decodeJSON(type, from: data, name: name)
    } catch .invalidImport(let location, let reason) {
        throw Failure(.invalidInput, "\(location): \(reason)")
    }
}

extension PaperSize: ExpressibleByArgument {
    /// `A4`, `letter` or `by-country`, in any case.
    public init?(argument: String) {
        guard let paper = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else {
            return nil
        }
        self = paper
    }
}
