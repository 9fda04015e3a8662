import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "Issues, lists and prints payment reminders for overdue invoices, and sets their levels.",
        subcommands: [Run.self, List.self, Print.self, Levels.self]
    )

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Issues a reminder to every account with invoices due for one on --today, and prints it.",
            discussion: """
                An overdue invoice gets the first level once it is that level's days past due (7, 21 and 45 \
                by default: see 'reminders levels'), the next level once it is that level's days past due and \
                the days between the levels have passed since the last; no invoice gets the same level twice. \
                Each account gets one reminder listing its invoices due for one, at the highest level among \
                them, recorded in its history (issue-reminder) and printed as reminder_<id>.pdf (and .html \
                with --format html) into --out. An account whose reminder fails is reported and the others go \
                on (exit 3).

                With --send each reminder's PDF is e-mailed to the account's billing contact through the relay \
                set with 'ledgerprint mail set'; one that cannot be sent is reported at the end (exit 3).

                Examples:
                  ledgerprint reminders run --today 2026-05-01 --out out/reminders --as rep:Marco
                  ledgerprint reminders run --out out/reminders --send --as rep:Marco
                  ledgerprint reminders run --today 2026-05-01 --format html --preview
                """
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Option(help: "Where the reminders are printed.") var out: String = "out"
        @Option(help: "pdf or html.") var format: DocumentFormat = .pdf
        @Flag(help: "List what would be sent; issue and print nothing.") var preview = false
        @Flag(help: "E-mail each reminder printed to the account's billing contact ('mail set --help').")
        var send = false

        func validate() throws {
            guard !send || format == .pdf else { throw ValidationError("--send e-mails PDFs: leave out --format html") }
        }

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let today = try options.date()
                // Scheduled runs act as the system; --as (or $LEDGERPRINT_ACTOR) names who sends them.
                let named = options.actor ?? ProcessInfo.processInfo.environment["LEDGERPRINT_ACTOR"] ?? ""
                let actor: Actor = named.isEmpty ? .system : try options.who()
                var due: [(account: String, lines: [ReminderLine])] = []
                for account in try store.accountsWithInvoicesPastDue(on: today) {
                    let lines = try store.dueReminderLines(accountID: account, on: today)
                    if !lines.isEmpty { due.append((account, lines)) }
                }
                if preview {
                    for (account, lines) in due {
                        let what = lines.map { "\($0.number) (level \($0.level), \($0.daysPastDue) days)" }
                        print("\(account): \(what.joined(separator: ", "))")
                    }
                    print("\(due.count) reminder(s) would be sent on \(today)")
                    return
                }
                let printer = try Printing(store: store, options: printing)
                let mailing = send ? try Mailing(store: store, printing: printing, actor: actor) : nil
                let folder = try OutputFiles.folder(out)
                let taken = Set(try store.reminders(accountID: nil).map(\.id))
                var failures: [String] = []
                var sent = 0
                for (account, _) in due {
                    var id = "REM-\(account)-\(today)"
                    var suffix = 2
                    while taken.contains(id) {
                        id = "REM-\(account)-\(today)-\(suffix)"
                        suffix += 1
                    }
                    do {
                        try store.apply(
                            StoreEvent(
                                date: today,
                                actor: actor,
                                action: .issueReminder(reminderID: id, accountID: account)
                            )
                        )
                        guard let reminder = try store.reminders(accountID: account).first(where: { $0.id == id })
                        else { throw Failure(.storeError, "reminder \(id) was not stored") }
                        let url = folder.appendingPathComponent(RemindersCommand.fileName(id, format: format))
                        let rendered = try printer.write(
                            .reminder(reminder, vendor: printer.vendor),
                            reference: id,
                            accountID: account,
                            format: format,
                            to: url,
                            force: true
                        )
                        sent += 1
                        let numbers = reminder.lines.map(\.number.description).joined(separator: ", ")
                        print("\(id): level \(reminder.level), \(reminder.total) for \(numbers) → \(url.path)")
                        if let mailing {
                            do {
                                print(
                                    Mailing.summary(
                                        try mailing.send(reminder, pdf: rendered.data, fileName: url.lastPathComponent)
                                    )
                                )
                            } catch {
                                failures.append("\(id) not e-mailed: \(Failure(error).message)")
                            }
                        }
                    } catch {
                        failures.append("\(account): \(Failure(error).message)")
                    }
                }
                print("sent \(sent) reminder(s) on \(today) into \(out)")
                for failure in failures {
                    FileHandle.standardError.write(Data("ledgerprint: \(Terminal.safe(failure))\n".utf8))
                }
                if !failures.isEmpty { throw ExitCode(Failure.Kind.partial.rawValue) }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists the reminders sent, of one account or all.",
            discussion: "Example:\n  ledgerprint reminders list --account GLOBEX-US --format json"
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let rows = try options.existingStore().reminders(accountID: account).map { reminder -> [ListingCell] in
                    [
                        .text(reminder.id), .text(reminder.date.description), .text(reminder.customer.accountID),
                        .number(reminder.level), .number(reminder.lines.count), .money(reminder.total),
                        .text(reminder.lines.map(\.number.description).joined(separator: " ")),
                    ]
                }
                Listing.print(
                    ["Reminder", "Date", "Account", "Level", "Invoice count", "Outstanding", "Invoices"],
                    cells: rows,
                    as: format
                )
            }
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Prints a reminder sent, again, as PDF or HTML.",
            discussion:
                "Example:\n  ledgerprint reminders print REM-GLOBEX-US-2026-05-01 --format html -o reminder.html"
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The reminder's reference.") var reminder: String
        @Option(help: "pdf or html.") var format: DocumentFormat = .pdf
        @Option(name: .shortAndLong, help: "The file to write (default: reminder_<reference>.<format>).")
        var output: String?
        @Flag(help: "Replace an existing file with other content.") var force = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                guard let found = try store.reminders(accountID: nil).first(where: { $0.id == reminder }) else {
                    throw Failure(.notFound, "no reminder '\(reminder)' in the store ('reminders list' shows them)")
                }
                let printer = try Printing(store: store, options: printing)
                let url = OutputFiles.url(output ?? RemindersCommand.fileName(reminder, format: format))
                let rendered = try printer.write(
                    .reminder(found, vendor: printer.vendor),
                    reference: reminder,
                    accountID: found.customer.accountID,
                    format: format,
                    to: url,
                    force: force
                )
                OutputFiles.report("wrote \(OutputFiles.name(url)) (\(rendered.title))", writing: url)
            }
        }
    }

    static func fileName(_ id: String, format: DocumentFormat) -> String {
        OutputFiles.safeName(["reminder", id], extension: format.rawValue)
    }
}
