import ArgumentParser
import Billing
import Foundation
import HistoryStore

/// `ledgerprint numbering`: the numbering series and whether they take back-dated documents.
struct NumberingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "numbering",
        abstract: "Shows the numbering series, sets their formats, or lets one take back-dated documents.",
        discussion: """
            In a series, numbers follow dates: an invoice or credit note dated before the latest one already \
            numbered is refused (exit 65), as Italian law (art. 21 DPR 633/72) and auditors require. A vendor \
            not bound by that rule may let a series take back-dated documents; every change is recorded with \
            who made it.

            Each series prints its numbers as a prefix, the year, a slash and the sequence: 2026/0001 and \
            NC-2026/0001 until 'numbering format' sets another prefix or number of digits (FT-2027/00001) \
            from the 1st of January of a year on.
            """,
        subcommands: [Show.self, Set.self, Format.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Lists each series with its format, its latest number's date this year and its back-dating rule.",
            discussion: """
                A row per series for the year of --today, and one per format set for a later year.

                Example:
                  ledgerprint numbering show --today 2026-12-01
                """
        )

        @OptionGroup var options: StoreOptions
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let year = try options.date().year
                let scheme = try store.numberingScheme()
                var rows = try DocumentSeries.allCases.map { series in
                    [
                        series.rawValue, String(year), scheme.format(of: series, in: year).example(year: year),
                        try store.lastNumberedDate(series, year: year)?.description ?? "",
                        try store.allowsBackDating(series) ? "allowed" : "refused",
                    ]
                }
                for entry in scheme.entries where entry.from > year {
                    rows.append([
                        entry.series.rawValue, String(entry.from), entry.format.example(year: entry.from), "", "",
                    ])
                }
                Listing.print(
                    ["Series", "Year", "First number", "Latest date", "Back-dated documents"],
                    rows,
                    as: format
                )
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

extension NumberingCommand {
    /// `ledgerprint numbering format`: a series' prefix and digits from a year on.
    struct Format: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "format",
            abstract:
                "Sets the prefix and digits of a series' numbers from the 1st of January of a year (representatives).",
            discussion: """
                Numbers print as the prefix, the four-digit year, a slash and the sequence padded to the digits: \
                --prefix FT- --digits 5 gives FT-2027/00001. Issued numbers never change, and a series keeps one \
                format, and one count, for a whole calendar year: --from must be a year the series has not \
                numbered anything in yet (usually next year). A prefix: up to 8 letters, digits, '-' or '_', \
                starting with a letter, not ending with a digit, and never one another series has or had \
                (an invoice prefix NC- would make credit notes and invoices look alike). Old numbers keep \
                printing, and being accepted, as they were issued.

                Examples:
                  ledgerprint numbering format invoice --prefix FT- --digits 5 --from 2027 --as "rep:Marco Neri"
                  ledgerprint numbering format credit-note --prefix NC- --digits 5 --from 2027 --as "rep:Marco Neri"
                """
        )

        @OptionGroup var options: StoreOptions
        @Argument(help: "invoice or credit-note.") var series: DocumentSeries
        @Option(help: "What precedes the year, such as FT- (\"\" for none).") var prefix: String
        @Option(help: "Digits of the sequence, 4 to 8.") var digits: Int = 4
        @Option(help: "The first year numbered this way (default: next year).") var from: Int?

        func run() throws {
            try ledgerprint.run {
                let date = try options.date()
                let format = try NumberFormat(prefix: prefix, digits: digits)
                let year = from ?? date.year + 1
                try options.existingStore().apply(
                    StoreEvent(
                        date: date,
                        actor: try options.who(),
                        action: .setNumberFormat(series: series, format: format, fromYear: year)
                    )
                )
                print("the \(series.rawValue) series numbers from \(format.example(year: year)) on 1 January \(year)")
            }
        }
    }
}

extension DocumentSeries: ExpressibleByArgument {}
