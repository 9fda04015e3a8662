import ArgumentParser
import Billing
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
                    accounts.map {
                        [$0.id, $0.name, $0.kind.rawValue, $0.billingContact, String($0.activeSubscriptions)]
                    },
                    as: format
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
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
            abstract: "Opens an account described in a JSON file (the \"account\" object of docs/data-format.md).",
            discussion: "Example:\n  ledgerprint accounts create --file new-account.json --as rep:Marco"
        )

        @OptionGroup var options: StoreOptions
        @Option(help: "The account as JSON.") var file: String

        func run() throws {
            try ledgerprint.run {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(.notFound, "cannot read \(file)")
                }
                let account = try decodeFile(Account.self, from: data, name: file)
                try RecordID.check(account.id, kind: "account id (\(file): id)")
                try options.openStore().apply(
                    StoreEvent(date: try options.date(), actor: try options.who(), action: .openAccount(account))
                )
                print("opened account \(account.id)")
            }
        }
    }
}

extension AccountsCommand {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Changes an account's name, language, address, tax identifiers or users (billing contact or representative).",
            discussion: """
                Issued documents keep the details they were issued with. Address, tax identifiers and users come from a
                JSON file of the "changes" object of docs/data-format.md.

                Examples:
                  ledgerprint accounts update ROSSI-IT --name "Studio Rossi & Figli S.r.l." --as anna.bianchi@studiorossi.example
                  ledgerprint accounts update ROSSI-IT --file new-address.json --as rep:Marco
                """
        )

        @OptionGroup var options: StoreOptions
        @Argument(help: "The account id.") var account: String
        @Option(help: "The new legal name.") var name: String?
        @Option(help: "The new document language: it or en.") var locale: String?
        @Option(help: "A JSON file with billingAddress, taxIdentifiers or users.") var file: String?

        func run() throws {
            try ledgerprint.run {
                var update = AccountUpdate(name: name, locale: locale)
                if let file {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        throw Failure(.notFound, "cannot read \(file)")
                    }
                    let fromFile = try decodeFile(AccountUpdate.self, from: data, name: file)
                    update.billingAddress = fromFile.billingAddress
                    update.taxIdentifiers = fromFile.taxIdentifiers
                    update.users = fromFile.users
                    update.name = update.name ?? fromFile.name
                    update.locale = update.locale ?? fromFile.locale
                }
                try options.existingStore().apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .updateAccount(accountID: account, update: update)
                    )
                )
                print("updated account \(account)")
            }
        }
    }
}

extension AccountKind: ExpressibleByArgument {}
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
        abstract: "Lists the catalog: products, tiers and seat prices.",
        discussion: "Example:\n  ledgerprint plans --format csv"
    )

    @OptionGroup var options: StoreOptions
    @Option(help: "table, csv or json.") var format: ListingFormat = .table

    func run() throws {
        try ledgerprint.run {
            let catalog = try options.existingStore().catalog()
            var rows: [[String]] = []
            for product in catalog.products {
                for tier in product.tiers {
                    for price in catalog.prices where price.productID == product.id && price.tierID == tier.id {
                        rows.append([
                            product.id, tier.id, "\(product.name) \(tier.name)", price.frequency.rawValue,
                            price.unitPrice.description,
                        ])
                    }
                }
            }
            Listing.print(["Product", "Tier", "Name", "Frequency", "Price per seat"], rows, as: format)
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
