import ArgumentParser
import Billing
import Foundation
import HistoryStore

extension InvoiceStatus: ExpressibleByArgument {}

extension InvoicesCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists issued invoices with what is left to pay and their status as of --today.",
            discussion: """
                Status is open, partly-paid, paid, overdue (past its due date with a balance) or void, \
                on the business date (--today, $LEDGERPRINT_TODAY, else today). Balance is what is still \
                owed on that date, not the amount due at issue. Credit notes are listed with the invoices, \
                their amounts negative, unless --status is given. CSV gives amounts without their currency, \
                in a Currency column; JSON gives each as { "amount": "1234.56", "currency": "EUR" }.

                Examples:
                  ledgerprint invoices list --status overdue --today 2026-05-01
                  ledgerprint invoices list --account GLOBEX-US --from 2026-01-01 --to 2026-06-30
                  ledgerprint invoices list --search Globex --format csv
                """
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "Only this month, YYYY-MM.") var period: String?
        @Option(help: "Only invoices issued on or after this day, YYYY-MM-DD.") var from: String?
        @Option(help: "Only invoices issued on or before this day, YYYY-MM-DD.") var to: String?
        @Option(help: "Only this status: open, partly-paid, paid, overdue or void.") var status: InvoiceStatus?
        @Option(help: "Only invoices whose number, account, customer or PO contains this text.") var search: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let today = try options.date()
                let range = try InvoicesCommand.issueRange(month: period, from: from, to: to)
                // Each account's ledger is read once: its invoices, and what settled them.
                let accounts: [String]
                if let account {
                    accounts = [account]
                } else if let range {
                    let invoiced = try store.invoiceReferences(issuedIn: range).map(\.accountID)
                    let credited = try store.creditNotes(issuedIn: range).map(\.customer.accountID)
                    accounts = Array(Set(invoiced + credited)).sorted()
                } else {
                    accounts = try store.accounts().map(\.id)
                }
                var rows: [(date: CalendarDate, number: DocumentNumber?, cells: [ListingCell])] = []
                var notes: [CreditNote] = []
                for id in accounts {
                    let inputs = try store.ledgerInputs(ofAccount: id, before: CalendarDate("9999-12-31"))
                    let standings = Dictionary(
                        try inputs.standings(asOf: today).map { ($0.number, $0) },
                        uniquingKeysWith: { first, _ in first }
                    )
                    notes += inputs.creditNotes
                    for invoice in inputs.invoices where range?.contains(invoice.issueDate) ?? true && matches(invoice)
                    {
                        guard let number = invoice.number, let standing = standings[number] else { continue }
                        if let status, standing.status != status { continue }
                        rows.append(
                            (
                                invoice.issueDate, number,
                                [
                                    .text(number.description), .text(invoice.issueDate.description),
                                    .text(invoice.customer.accountID), .text(invoice.customer.name),
                                    .money(invoice.totals.subtotal), .money(invoice.totals.taxTotal),
                                    .money(invoice.grandTotal), .money(standing.balance),
                                    .text(invoice.dueDate.description), .text(standing.status.rawValue),
                                    .text(invoice.purchaseOrderNumber ?? ""),
                                ]
                            )
                        )
                    }
                }
                if status == nil {
                    rows += creditNotes(notes, in: range).map { note in
                        (
                            note.issueDate, note.number,
                            [
                                .text(note.number?.description ?? ""), .text(note.issueDate.description),
                                .text(note.customer.accountID), .text(note.customer.name),
                                .money(note.totals.subtotal.negated), .money(note.totals.taxTotal.negated),
                                .money(note.grandTotal.negated), .none, .text(""),
                                .text("credit note for \(note.invoiceNumber)"), .text(""),
                            ]
                        )
                    }
                }
                Listing.print(
                    [
                        "Number", "Date", "Account", "Customer", "Net", "Tax", "Total", "Balance", "Due date", "Status",
                        "PO",
                    ],
                    cells: rows.sorted { left, right in
                        guard left.date == right.date else { return left.date < right.date }
                        guard let first = left.number, let second = right.number else { return left.number != nil }
                        // Invoices before credit notes of the same day, each in number order.
                        return (first.series == .invoice ? 0 : 1, first.year, first.sequence)
                            < (second.series == .invoice ? 0 : 1, second.year, second.sequence)
                    }.map(\.cells),
                    as: format
                )
            }
        }

        /// Whether `invoice` has `--search` in its number, account, customer or PO.
        private func matches(_ invoice: Invoice) -> Bool {
            guard let search, !search.isEmpty else { return true }
            return [
                invoice.number?.description ?? "", invoice.customer.accountID, invoice.customer.name,
                invoice.purchaseOrderNumber ?? "",
            ].contains { $0.localizedCaseInsensitiveContains(search) }
        }

        /// The credit notes the filters allow, listed with the invoices they correct.
        private func creditNotes(_ notes: [CreditNote], in range: DatePeriod?) -> [CreditNote] {
            notes.filter { note in
                guard range?.contains(note.issueDate) ?? true else { return false }
                guard let search, !search.isEmpty else { return true }
                return [
                    note.number?.description ?? "", note.invoiceNumber.description, note.customer.accountID,
                    note.customer.name,
                ].contains { $0.localizedCaseInsensitiveContains(search) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows an invoice's lines and totals, its status, and the payments and credits applied to it.",
            discussion: """
                Examples:
                  ledgerprint invoices show 2026/0007
                  ledgerprint invoices show 2026/0007 --today 2026-09-30
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The invoice number, such as 2026/0007.") var number: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let parsed = try store.documentNumber(number)
                let invoice = try store.invoice(parsed)
                print(
                    "invoice \(parsed) to \(invoice.customer.name) (\(invoice.customer.accountID)), dated \(invoice.issueDate), due \(invoice.dueDate)"
                )
                if let order = invoice.purchaseOrderNumber { print("purchase order \(order)") }
                if let quote = invoice.quoteID { print("at the price of quote \(quote)") }
                // Lines are numbered as `invoices credit --line` takes them.
                for (index, line) in invoice.lines.enumerated() {
                    print(
                        "  \(index + 1). \(line.description): \(line.quantity) × \(line.unitPrice) = \(line.amount)"
                    )
                }
                print(
                    "subtotal \(invoice.totals.subtotal); tax \(invoice.totals.taxTotal); total \(invoice.grandTotal); due \(invoice.amountDue)"
                )
                let today = try options.date()
                if let standing = try InvoicesCommand.standings(of: [invoice], in: store, on: today)[parsed] {
                    for settlement in standing.settlements { print(InvoicesCommand.describe(settlement)) }
                    print("status on \(today): \(standing.status.rawValue); balance \(standing.balance)")
                }
                let notes = try store.creditNotes().filter { $0.invoiceNumber == invoice.number }
                for note in notes {
                    print(
                        "credited by credit note \(note.number?.description ?? "") on \(note.issueDate) "
                            + "(\(CreditNotesCommand.scope(of: note))): \(note.grandTotal) — \(note.reason)"
                    )
                }
                if !notes.isEmpty {
                    let left = CreditNote.uncredited(invoice, after: notes)
                    print(left.isZero ? "void: credited in full" : "left uncredited \(left)")
                }
            }
        }
    }

    /// The standing on `date` of each of `invoices`, by number, from their accounts' documents and payments.
    static func standings(
        of invoices: [Invoice],
        in store: any BillingStore,
        on date: CalendarDate
    ) throws -> [DocumentNumber: InvoiceStanding] {
        var result: [DocumentNumber: InvoiceStanding] = [:]
        let end = CalendarDate(dayNumber: max(date, invoices.map(\.issueDate).max() ?? date).dayNumber + 1)
        for accountID in Set(invoices.map(\.customer.accountID)).sorted() {
            for standing in try store.ledgerInputs(ofAccount: accountID, before: end).standings(asOf: date) {
                result[standing.number] = standing
            }
        }
        return result
    }

    /// One line of `invoices show` for a payment or credit applied.
    static func describe(_ settlement: InvoiceSettlement) -> String {
        switch settlement.kind {
        case .payment: return "  paid \(settlement.amount) on \(settlement.date) (payment \(settlement.reference))"
        case .paymentOnAccount:
            return "  paid \(settlement.amount) on \(settlement.date) from payment on account \(settlement.reference)"
        case .accountCredit: return "  account credit applied at issue: \(settlement.amount)"
        case .creditNote:
            return "  credited \(settlement.amount) on \(settlement.date) by credit note \(settlement.reference)"
        }
    }

    /// The issue dates `--period`, `--from` and `--to` allow; `nil` for all.
    static func issueRange(month: String?, from: String?, to: String?) throws -> DatePeriod? {
        if let month {
            guard from == nil, to == nil else { throw Failure(.usage, "give --period or --from/--to, not both") }
            return try InvoicesCommand.month(month)
        }
        guard from != nil || to != nil else { return nil }
        let start = try from.map { try CalendarDate($0) } ?? CalendarDate("1970-01-01")
        let end = try to.map { try CalendarDate($0).adding(days: 1) } ?? CalendarDate("9999-12-31")
        guard start < end else {
            throw Failure(.usage, "--from \(from ?? "") is after --to \(to ?? ""): give the earlier day first")
        }
        return try DatePeriod(start: start, end: end)
    }
}
