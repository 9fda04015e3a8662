import ArgumentParser
import Billing
import Foundation
import HistoryStore

/// `ledgerprint numbering`: the numbering series and whether they take back-dated documents.
struct NumberingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "numbering",
        abstract: "Shows the numbering series, or lets one take documents dated before its latest one.",
        discussion: """
            In a series, numbers follow dates: an invoice or credit note dated before the latest one already \
            numbered is refused (exit 65), as Italian law (art. 21 DPR 633/72) and auditors require. A vendor \
            not bound by that rule may let a series take back-dated documents; every change is recorded with \
            who made it.
            """,
        subcommands: [Show.self, Set.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Lists each series with its latest number's date this year and its back-dating rule.",
            discussion: "Example:\n  ledgerprint numbering show"
        )

        @OptionGroup var options: StoreOptions
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let year = try options.date().year
                let rows = try DocumentSeries.allCases.map { series in
                    [
                        series.rawValue, String(year),
                        try store.lastNumberedDate(series, year: year)?.description ?? "",
                        try store.allowsBackDating(series) ? "allowed" : "refused",
                    ]
                }
                Listing.print(["Series", "Year", "Latest date", "Back-dated documents"], rows, as: format)
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Allows or refuses back-dated documents in a series (representatives).",
            discussion: """
                Examples:
                  ledgerprint numbering set invoice --back-dating allowed --as "rep:Marco Neri"
                  ledgerprint numbering set credit-note --back-dating refused --as "rep:Marco Neri"
                """
        )

        enum BackDating: String, ExpressibleByArgument, CaseIterable {
            case allowed, refused
        }

        @OptionGroup var options: StoreOptions
        @Argument(help: "invoice or credit-note.") var series: DocumentSeries
        @Option(help: "allowed or refused.") var backDating: BackDating

        func run() throws {
            try ledgerprint.run {
                let allows = backDating == .allowed
                try options.existingStore().apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .setNumbering(series: series, allowsBackDating: allows)
                    )
                )
                print(
                    "the \(series.rawValue) series now \(allows ? "takes" : "refuses") documents dated before its "
                        + "latest one"
                )
            }
        }
    }
}

extension DocumentSeries: ExpressibleByArgument {}
