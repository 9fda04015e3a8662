import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore

struct InvoicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "Lists, shows, prints and voids invoices, and runs month-end invoicing.",
        subcommands: [List.self, Show.self, Print.self, Void.self, Run.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists issued invoices, of one account or all, by month.",
            discussion: "Example:\n  ledgerprint invoices list --account GLOBEX-US --format json"
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "Only this month, YYYY-MM.") var period: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let month = try period.map { try InvoicesCommand.month($0) }
                let rows = try store.invoices(accountID: account, issuedIn: month).map { invoice in
                    [
                        invoice.number?.description ?? "", invoice.issueDate.description, invoice.customer.accountID,
                        invoice.grandTotal.description,
                        invoice.amountDue.description, invoice.dueDate.description, invoice.purchaseOrderNumber ?? "",
                    ]
                }
                Listing.print(["Number", "Date", "Account", "Total", "Due", "Due date", "PO"], rows, as: format)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows an invoice's lines and totals.",
            discussion: "Example:\n  ledgerprint invoices show 2026/0007"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The invoice number, such as 2026/0007.") var number: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let invoice = try store.invoice(DocumentNumber(parsing: number))
                print(
                    "invoice \(number) to \(invoice.customer.name) (\(invoice.customer.accountID)), dated \(invoice.issueDate), due \(invoice.dueDate)"
                )
                if let order = invoice.purchaseOrderNumber { print("purchase order \(order)") }
                for line in invoice.lines {
                    print("  \(line.description): \(line.quantity) × \(line.unitPrice) = \(line.amount)")
                }
                print(
                    "subtotal \(invoice.totals.subtotal); tax \(invoice.totals.taxTotal); total \(invoice.grandTotal); due \(invoice.amountDue)"
                )
                if let note = try store.creditNote(voiding: invoice.number ?? DocumentNumber(parsing: number)) {
                    print(
                        "voided by credit note \(note.number?.description ?? "") on \(note.issueDate): \(note.reason)"
                    )
                }
            }
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract:
                "Prints an invoice or credit note, marked PAID, VOID or COPY as its state is, or writes its FatturaPA XML.",
            discussion: """
                With --format xml it writes the FatturaPA 1.2.2 e-invoice of a vendor registered for VAT in Italy, \
                named IT<Partita IVA>_<progressive>.xml unless -o says otherwise; a document whose XML would not be \
                valid is refused with its number and the field at fault (exit 65), and nothing is written.

                Examples:
                  ledgerprint invoices print 2026/0007 -o fattura.pdf
                  ledgerprint invoices print NC-2025/0001 --format html
                  ledgerprint invoices print 2026/0007 --format xml
                """
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The invoice (2026/0007) or credit note (NC-2026/0001) number.") var number: String
        @Option(help: "pdf, html or xml (FatturaPA).") var format: PrintFormat = .pdf
        @Option(
            name: .shortAndLong,
            help: "The file to write (default: a name from the number, in the working folder)."
        ) var output: String?
        @Flag(help: "Mark it COPY (a duplicate).") var copy = false
        @Flag(help: "Replace an existing file with other content.") var force = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let parsed = try DocumentNumber(parsing: number)
                guard let format = format.document else {
                    let files = try EInvoiceFiles(store: store)
                    let file = try files.file(for: parsed)
                    let url = URL(fileURLWithPath: output ?? file.fileName)
                    try files.write(file, reference: parsed.description, to: url, force: force)
                    print("wrote \(url.path) (FatturaPA of \(parsed))")
                    return
                }
                let printer = try Printing(store: store, options: printing)
                let document: PrintableDocument
                let name: String
                let account: String
                if parsed.series == .creditNote {
                    guard let note = try store.creditNotes().first(where: { $0.number == parsed }) else {
                        throw Failure(.notFound, "no credit note '\(number)' in the store")
                    }
                    (document, name, account) = (
                        .creditNote(note, vendor: try store.vendor(asIssued: note.number, current: printer.vendor)),
                        Printing.fileName(for: note, format: format),
                        note.customer.accountID
                    )
                } else {
                    let invoice = try store.invoice(parsed)
                    (document, name, account) = (
                        copy
                            ? .invoice(
                                invoice,
                                vendor: try store.vendor(asIssued: invoice.number, current: printer.vendor),
                                mark: .copy
                            )
                            : try printer.printable(invoice, on: options.date()),
                        Printing.fileName(for: invoice, format: format), invoice.customer.accountID
                    )
                }
                let url = OutputFiles.url(output ?? name)
                let rendered = try printer.write(
                    document,
                    reference: number,
                    accountID: account,
                    format: format,
                    to: url,
                    force: force
                )
                OutputFiles.report("wrote \(OutputFiles.name(url)) (\(rendered.title))", writing: url)
            }
        }
    }

    struct Void: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Voids an issued invoice by issuing a credit note for it (representatives).",
            discussion: "Example:\n  ledgerprint invoices void 2026/0007 --reason \"billed twice\" --as rep:Marco"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The invoice number.") var number: String
        @Option(help: "Why, printed on the credit note.") var reason: String

        func run() throws {
            try ledgerprint.run {
                let result = try options.existingStore().apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .voidInvoice(invoice: .number(try DocumentNumber(parsing: number)), reason: reason)
                    )
                )
                for note in result.creditNotes {
                    print("issued credit note \(note.number?.description ?? "") for \(number): \(note.grandTotal)")
                }
            }
        }
    }

    static func month(_ text: String) throws -> DatePeriod {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            (1...12).contains(month)
        else {
            throw Failure(.invalidInput, "invalid period '\(text)': use YYYY-MM, such as 2026-11")
        }
        return try DatePeriod.month(year: year, month: month)
    }
}
