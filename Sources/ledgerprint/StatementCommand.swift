import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract:
            "Prints an account statement: for a month, a date range, a renewal period, or every renewal; or lists the renewals.",
        discussion: """
            --list prints every billing period with its number (what --renewal takes), dates, invoices and closing
            balance, and prints no statement.

            Examples:
              ledgerprint statement ROSSI-IT --list
              ledgerprint statement ROSSI-IT --list --list-format csv
              ledgerprint statement ROSSI-IT --renewal 3
              ledgerprint statement ROSSI-IT --period 2025-03
              ledgerprint statement NORDWERK-DE --from 2025-01-01 --to 2026-11-27 --format html -o nordwerk.html
              ledgerprint statement ROSSI-IT --all -o statements/
            """
    )

    @OptionGroup var options: StoreOptions
    @OptionGroup var printing: PrintOptions
    @Argument(help: "The account id.") var account: String
    @Option(help: "A calendar month, YYYY-MM.") var period: String?
    @Option(help: "The Nth billing period (1 is the first).") var renewal: Int?
    @Option(help: "First day, YYYY-MM-DD.") var from: String?
    @Option(help: "Last day, YYYY-MM-DD.") var to: String?
    @Flag(help: "One statement per billing period.") var all = false
    @Flag(help: "List the billing periods (their numbers, dates, invoices, balance) instead of printing.")
    var list = false
    @Option(name: .customLong("list-format"), help: "With --list: table, csv or json.")
    var listFormat: ListingFormat?
    @Option(help: "pdf or html.") var format: DocumentFormat = .pdf
    @Option(name: .shortAndLong, help: "The file to write (a folder with --all); default: the working folder.")
    var output: String?
    @Flag(help: "Replace existing files with other content.") var force = false

    func validate() throws {
        let chosen = [period != nil, renewal != nil, from != nil || to != nil, all, list].filter { $0 }.count
        guard chosen == 1 else {
            throw ValidationError("choose one of --period, --renewal, --from/--to, --all or --list")
        }
        if from != nil || to != nil, from == nil || to == nil { throw ValidationError("give both --from and --to") }
        if listFormat != nil, !list { throw ValidationError("--list-format goes with --list") }
    }

    func run() throws {
        try ledgerprint.run {
            let store = try options.existingStore(connections: .one)
            if list { return try listRenewals(store) }
            let periods = try chosenPeriods(store)
            let printer = try Printing(store: store, options: printing)
            if periods.count == 1 { printer.keepsDocument() }
            let today = try options.date()
            for statementPeriod in periods {
                let statement = try store.statement(ofAccount: account, for: statementPeriod)
                let issued = min(statementPeriod.lastDay, today)
                let name = OutputFiles.safeName(
                    ["statement", account, statementPeriod.start.description, statementPeriod.lastDay.description],
                    extension: format.rawValue
                )
                let url = try destination(name, many: periods.count > 1)
                let rendered = try printer.write(
                    .statement(statement, vendor: printer.vendor, issuedOn: issued),
                    reference: "\(account) \(statementPeriod.start)–\(statementPeriod.lastDay)",
                    accountID: account,
                    format: format,
                    to: url,
                    force: force
                )
                OutputFiles.report(
                    "wrote \(OutputFiles.name(url)) (\(rendered.pages) page\(rendered.pages == 1 ? "" : "s"), closing balance \(statement.closingBalance))",
                    writing: url
                )
            }
            if periods.count == 1 { printer.keepUntilExit() }
        }
    }

    /// Every billing period: its number, first and last day, the invoices billing it, the closing balance.
    private func listRenewals(_ store: any BillingStore) throws {
        let invoices = try store.invoices(accountID: account)
        let renewals = try Self.billingPeriods(invoices)
        guard !renewals.isEmpty else { throw Failure(.notFound, "account \(account) has no billing periods yet") }
        let rows = try renewals.enumerated().map { index, period in
            let billing = invoices.filter { invoice in invoice.lines.contains { $0.period?.start == period.start } }
            let balance = try store.statement(ofAccount: account, for: period).closingBalance
            return [
                .number(index + 1), .text(period.start.description), .text(period.lastDay.description),
                .text(billing.compactMap { $0.number?.description }.joined(separator: " ")), .money(balance),
            ] as [ListingCell]
        }
        Listing.print(
            ["Renewal", "From", "To", "Invoices", "Closing balance"],
            cells: rows,
            as: listFormat ?? .table
        )
    }

    private func destination(_ name: String, many: Bool) throws -> URL {
        guard let output else { return URL(fileURLWithPath: name) }
        if output == "-", many {
            throw Failure(.usage, "-o - writes one statement to standard output; give a folder for several")
        }
        var isFolder: ObjCBool = false
        if many || output.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) && isFolder.boolValue)
        {
            return try OutputFiles.folder(output).appendingPathComponent(name)
        }
        return OutputFiles.url(output)
    }

    private func chosenPeriods(_ store: any BillingStore) throws -> [DatePeriod] {
        if let period {
            let parts = period.split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), parts[0].count == 4,
                (1...12).contains(month)
            else {
                throw Failure(.invalidInput, "invalid --period '\(period)': use YYYY-MM, such as 2026-03")
            }
            return [try DatePeriod.month(year: year, month: month)]
        }
        if let from, let to {
            return [try DatePeriod(start: CalendarDate(from), end: CalendarDate(to).adding(days: 1))]
        }
        let renewals = try Self.billingPeriods(store.invoices(accountID: account))
        guard !renewals.isEmpty else { throw Failure(.notFound, "account \(account) has no billing periods yet") }
        if let renewal {
            guard (1...renewals.count).contains(renewal) else {
                throw Failure(
                    .notFound,
                    "account \(account) has \(renewals.count) billing periods; --renewal takes 1 to \(renewals.count)"
                )
            }
            return [renewals[renewal - 1]]
        }
        return renewals
    }

    /// The account's billing periods, one per renewal: from each period's start to the next one's.
    static func billingPeriods(_ invoices: [Invoice]) throws -> [DatePeriod] {
        try Statement.billingPeriods(invoices)
    }
}
