import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore

extension QuoteCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists quotes, of one account or all, with their price, term and state.",
            discussion: """
                Examples:
                  ledgerprint quote list
                  ledgerprint quote list --account GLOBEX-US --format csv
                """
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let rows = try QuoteCommand.quotes(of: account, in: store).map { quote in
                    [
                        quote.id, quote.accountID, quote.subscriptionID, "\(quote.selection.seats)",
                        quote.selection.frequency.rawValue, quote.unitPrice.description, quote.preparedOn.description,
                        quote.validUntil.description, quote.termEnds?.description ?? "",
                        quote.acceptedOn.map { "accepted \($0)" } ?? "open",
                    ]
                }
                Listing.print(
                    [
                        "Quote", "Account", "Subscription", "Seats", "Frequency", "Price", "Prepared", "Valid until",
                        "Price until", "State",
                    ],
                    rows,
                    as: format
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows a quote: what it changes, its price and term, and the invoices at its price.",
            discussion: "Example:\n  ledgerprint quote show Q-2025-0031"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The quote's reference.") var quote: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let found = try QuoteCommand.find(quote, in: store)
                let rules = BillingRules(catalog: try store.catalog())
                print(
                    "quote \(found.id) for \(found.subscriptionID) (\(found.accountID)), prepared by \(found.preparedBy) on \(found.preparedOn), valid until \(found.validUntil)"
                )
                print(
                    "  \((try? rules.describe(found.selection)) ?? found.selection.tierID) at \(found.unitPrice) a seat"
                )
                print(
                    found.termEnds.map { "price holds until \($0)" }
                        ?? "price holds until a representative changes it"
                )
                print(found.acceptedOn.map { "accepted on \($0)" } ?? "open: the billing contact may accept it")
                let invoices = try store.invoices(accountID: found.accountID).filter { $0.quoteID == found.id }
                for invoice in invoices {
                    print("invoice \(invoice.number?.description ?? "") of \(invoice.issueDate): \(invoice.grandTotal)")
                }
            }
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Prints a quote as PDF or HTML, in the account's language.",
            discussion: """
                Examples:
                  ledgerprint quote print Q-2025-0031
                  ledgerprint quote print Q-2025-0031 --format html -o quote.html
                """
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The quote's reference.") var quote: String
        @Option(help: "pdf or html.") var format: DocumentFormat = .pdf
        @Option(
            name: .shortAndLong,
            help: "The file to write (default: quote_<reference>_<account>.<format> in the working folder)."
        ) var output: String?
        @Flag(help: "Replace an existing file with other content.") var force = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let found = try QuoteCommand.find(quote, in: store)
                let document = try BillingRules(catalog: try store.catalog()).document(
                    for: found,
                    subscription: try store.subscription(found.subscriptionID),
                    account: try store.account(found.accountID)
                )
                let printer = try Printing(store: store, options: printing)
                let name = OutputFiles.safeName(["quote", found.id, found.accountID], extension: format.rawValue)
                let url = OutputFiles.url(output ?? name)
                let rendered = try printer.write(
                    .quote(document, vendor: printer.vendor),
                    reference: found.id,
                    accountID: found.accountID,
                    format: format,
                    to: url,
                    force: force
                )
                OutputFiles.report("wrote \(OutputFiles.name(url)) (\(rendered.title))", writing: url)
            }
        }
    }

    /// The quotes of `account`, or of every account, by reference.
    static func quotes(of account: String?, in store: any BillingStore) throws -> [Quote] {
        let ids = try account.map { [try store.account($0).id] } ?? store.accounts().map(\.id)
        return try ids.flatMap { try store.quotes(ofAccount: $0) }.sorted { $0.id < $1.id }
    }

    /// The quote `id`.
    static func find(_ id: String, in store: any BillingStore) throws -> Quote {
        guard let quote = try quotes(of: nil, in: store).first(where: { $0.id == id }) else {
            throw Failure(.notFound, "no quote '\(id)' in the store")
        }
        return quote
    }
}
