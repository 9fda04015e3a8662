import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore

struct CreditNotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit-notes",
        abstract: "Lists, shows and prints issued credit notes.",
        discussion: """
            A credit note corrects an issued invoice: all of it (`invoices void`), one line or an amount \
            (`invoices credit`). What it credits beyond what was still owed on the invoice is account credit, \
            used by the account's next invoices or paid back with `payments refund`.

            Examples:
              ledgerprint credit-notes list --account ROSSI-IT
              ledgerprint credit-notes show NC-2025/0001
              ledgerprint credit-notes print NC-2025/0001 --format html
            """,
        subcommands: [List.self, Show.self, Print.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists issued credit notes, of one account or one invoice, or all.",
            discussion: """
                Examples:
                  ledgerprint credit-notes list
                  ledgerprint credit-notes list --invoice 2025/0012 --format csv
                """
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Only this account.") var account: String?
        @Option(help: "Only the credit notes of this invoice, such as 2026/0007.") var invoice: String?
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let invoiceNumber = try invoice.map { try store.documentNumber($0) }
                if let account { _ = try store.account(account) }
                let rows = try store.creditNotes().filter { note in
                    (account.map { note.customer.accountID == $0 } ?? true)
                        && (invoiceNumber.map { note.invoiceNumber == $0 } ?? true)
                }.map { note in
                    [
                        note.number?.description ?? "", note.issueDate.description, note.customer.accountID,
                        note.invoiceNumber.description, CreditNotesCommand.scope(of: note),
                        note.grandTotal.description, note.accountCreditAmount.description, note.reason,
                    ]
                }
                Listing.print(
                    ["Number", "Date", "Account", "Invoice", "Credits", "Total", "To account credit", "Reason"],
                    rows,
                    as: format
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows a credit note: the invoice it corrects, its lines, totals and where the credit went.",
            discussion: "Example:\n  ledgerprint credit-notes show NC-2025/0001"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The credit note's number, such as NC-2026/0001.") var number: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let note = try CreditNotesCommand.find(number, in: store)
                let invoice = try store.invoice(note.invoiceNumber)
                print(
                    "credit note \(note.number.map(String.init(describing:)) ?? number) to \(note.customer.name) (\(note.customer.accountID)), dated \(note.issueDate), for invoice \(note.invoiceNumber) of \(invoice.issueDate) (\(invoice.grandTotal))"
                )
                print("credits: \(CreditNotesCommand.scope(of: note)); reason: \(note.reason)")
                for line in note.lines {
                    print("  \(line.description): \(line.quantity) × \(line.unitPrice) = \(line.amount)")
                }
                if let stampDuty = note.stampDuty { print("stamp duty credited \(stampDuty)") }
                print("subtotal \(note.totals.subtotal); tax \(note.totals.taxTotal); total \(note.grandTotal)")
                let toInvoice = try note.grandTotal.minus(note.accountCreditAmount)
                print("applied to invoice \(note.invoiceNumber): \(toInvoice)")
                if note.accountCreditAmount.isPositive {
                    print(
                        "to account credit: \(note.accountCreditAmount) (used by the account's next invoices, or refunded with `payments refund`)"
                    )
                }
                let all = try store.creditNotes().filter { $0.invoiceNumber == note.invoiceNumber }
                print("left uncredited on invoice \(note.invoiceNumber): \(CreditNote.uncredited(invoice, after: all))")
            }
        }
    }

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Prints a credit note as PDF or HTML, or writes its FatturaPA XML (TD04).",
            discussion: """
                With --format xml it writes the FatturaPA 1.2.2 credit note (TipoDocumento TD04, naming the \
                invoice it corrects) of a vendor registered for VAT in Italy, as `invoices print --format xml` does.

                Examples:
                  ledgerprint credit-notes print NC-2025/0001 -o nota.pdf
                  ledgerprint credit-notes print NC-2025/0001 --format html
                  ledgerprint credit-notes print NC-2025/0001 --format xml
                """
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The credit note's number, such as NC-2026/0001.") var number: String
        @Option(help: "pdf, html, xml (FatturaPA) or factur-x (EN 16931).") var format: PrintFormat = .pdf
        @Option(
            name: .shortAndLong,
            help: "The file to write (default: a name from the number, in the working folder)."
        ) var output: String?
        @Flag(help: "Replace an existing file with other content.") var force = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let note = try CreditNotesCommand.find(number, in: store)
                guard let noteNumber = note.number else { throw Failure(.notFound, "no credit note '\(number)'") }
                let files = try EInvoiceFiles(
                    store: store,
                    templates: try TemplateSet(folder: printing.templateFolder())
                )
                if format == .facturX {
                    let url = URL(
                        fileURLWithPath: output
                            ?? OutputFiles.safeName([noteNumber.description, "factur-x"], extension: "xml")
                    )
                    _ = try OutputFiles.write(Data(try files.facturX(for: noteNumber).utf8), to: url, force: force)
                    print("wrote \(url.path) (Factur-X of \(noteNumber))")
                    return
                }
                guard let format = format.document else {
                    let file = try files.file(for: noteNumber)
                    let url = URL(fileURLWithPath: output ?? file.fileName)
                    try files.write(file, reference: noteNumber.description, to: url, force: force)
                    print("wrote \(url.path) (FatturaPA of \(noteNumber))")
                    return
                }
                let printer = try Printing(store: store, options: printing)
                let url = OutputFiles.url(output ?? Printing.fileName(for: note, format: format))
                let rendered = try printer.write(
                    .creditNote(note, vendor: printer.vendor),
                    reference: noteNumber.description,
                    accountID: note.customer.accountID,
                    format: format,
                    to: url,
                    force: force
                )
                OutputFiles.report("wrote \(OutputFiles.name(url)) (\(rendered.title))", writing: url)
            }
        }
    }

    /// The issued credit note `text` names.
    static func find(_ text: String, in store: any BillingStore) throws -> CreditNote {
        let scheme = try store.numberingScheme()
        let number = try scheme.number(parsing: text)
        guard number.series == .creditNote else {
            throw Failure(
                .invalidInput,
                "'\(text)' is an invoice number; a credit note's is like "
                    + scheme.examples(of: .creditNote).joined(separator: " or ")
            )
        }
        guard let note = try store.creditNotes().first(where: { $0.number == number }) else {
            throw Failure(.notFound, "no credit note '\(text)' in the store")
        }
        return note
    }

    /// What a credit note credits, in words: the whole invoice, a line, or an amount.
    static func scope(of note: CreditNote) -> String {
        if let line = note.creditedLine { return "line \(line)" }
        // An amount is credited as one free-text line worded as the reason.
        if note.lines.count == 1, let line = note.lines.first, line.item == nil, line.period == nil,
            line.description == note.reason
        {
            return "amount \(line.amount)"
        }
        return "whole invoice"
    }
}
