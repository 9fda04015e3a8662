import ArgumentParser
import Billing
import Foundation
import HistoryStore

extension InvoicesCommand {
    struct Overdue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overdue",
            abstract: "Lists overdue invoices on --today, the oldest past due first, with their age and last reminder.",
            discussion: """
                An invoice is overdue the day after its due date while something is left to pay on it. Age is \
                the statement's: 1-30, 31-60, 61-90 or over 90 days past due.

                Examples:
                  ledgerprint invoices overdue --today 2026-05-01
                  ledgerprint invoices overdue --account GLOBEX-US --format csv
                """
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let today = try options.date()
                // Only accounts with an invoice past its due date can have one overdue.
                let accounts = try account.map { [$0] } ?? store.accountsWithInvoicesPastDue(on: today)
                var standings: [InvoiceStanding] = []
                var names: [String: String] = [:]
                for id in accounts {
                    let inputs = try store.ledgerInputs(ofAccount: id, before: today.adding(days: 1))
                    names[id] = inputs.invoices.last?.customer.name
                    standings += try inputs.standings(asOf: today).filter { $0.status == .overdue }
                }
                standings.sort { ($0.daysPastDue, $1.number) > ($1.daysPastDue, $0.number) }
                var reminded: [DocumentNumber: Int] = [:]
                for reminder in try store.reminders(accountID: account) {
                    for line in reminder.lines { reminded[line.number] = max(reminded[line.number] ?? 0, line.level) }
                }
                let rows = standings.map { standing -> [ListingCell] in
                    [
                        .text(standing.number.description), .text(standing.accountID),
                        .text(names[standing.accountID] ?? ""), .text(standing.dueDate.description),
                        .number(standing.daysPastDue), .text(Self.age(standing.daysPastDue)), .money(standing.total),
                        .money(standing.balance), reminded[standing.number].map { .number($0) } ?? .none,
                    ]
                }
                Listing.print(
                    ["Number", "Account", "Customer", "Due date", "Days", "Age", "Total", "Balance", "Reminder level"],
                    cells: rows,
                    as: format
                )
            }
        }

        /// The aging bucket of an invoice `days` past due, as the statement names them.
        static func age(_ days: Int) -> String {
            switch days {
            case ...30: return "1-30"
            case 31...60: return "31-60"
            case 61...90: return "61-90"
            default: return "over 90"
            }
        }
    }
}
