import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore
import IssuedDocuments

struct InvoicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "Lists, shows, prints, voids and credits invoices, and runs month-end invoicing.",
        subcommands: [List.self, Show.self, Print.self, Void.self, Run.self, Overdue.self, Credit.self, Send.self]
    )

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract:
                "Prints an invoice or credit note, marked PAID, VOID or COPY as its state is, or writes its FatturaPA XML.",
            discussion: """
                With --format xml it writes the FatturaPA 1.2.2 e-invoice of a vendor registered for VAT in Italy, \
                named IT<Partita IVA>_<progressive>.xml unless -o says otherwise; a document whose XML would not be \
                valid is refused with its number and the field at fault (exit 65), and nothing is written. \
                With --format factur-x it writes the Factur-X / ZUGFeRD XML (EN 16931, CII syntax) that German and \
                French businesses read, named <number>-factur-x.xml unless -o says otherwise.

                Examples:
                  ledgerprint invoices print 2026/0007 -o fattura.pdf
                  ledgerprint invoices print NC-2025/0001 --format html
                  ledgerprint invoices print 2026/0007 --format xml
                  ledgerprint invoices print 2025/0003 --format factur-x
                """
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The invoice (2026/0007) or credit note (NC-2026/0001) number.") var number: String
        @Option(help: "pdf, html, xml (FatturaPA) or factur-x (EN 16931).") var format: PrintFormat = .pdf
        @Option(
            name: .shortAndLong,
            help: "The file to write (default: a name from the number, in the working folder)."
        ) var output: String?
        @Flag(help: "Mark it COPY (a duplicate).") var copy = false
        @Flag(help: "Replace an existing file with other content.") var force = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore(connections: .one)
                let parsed = try store.documentNumber(number)
                if format == .facturX {
                    let files = try EInvoiceFiles(
                        store: store,
                        templates: try TemplateSet(folder: printing.templateFolder())
                    )
                    let text = try files.facturX(for: parsed)
                    let name = OutputFiles.safeName([parsed.description, "factur-x"], extension: "xml")
                    let url = URL(fileURLWithPath: output ?? name)
                    _ = try OutputFiles.write(Data(text.utf8), to: url, force: force)
                    print("wrote \(url.path) (Factur-X of \(parsed))")
                    return
                }
                guard let format = format.document else {
                    let files = try EInvoiceFiles(
                        store: store,
                        templates: try TemplateSet(folder: printing.templateFolder())
                    )
                    let file = try files.file(for: parsed)
                    let url = URL(fileURLWithPath: output ?? file.fileName)
                    try files.write(file, reference: parsed.description, to: url, force: force)
                    print("wrote \(url.path) (FatturaPA of \(parsed))")
                    return
                }
                let printer = try Printing(store: store, options: printing)
                printer.keepsDocument()
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
                printer.keepUntilExit()
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
                let store = try options.existingStore()
                let result = try store.apply(
                    StoreEvent(
                        date: try options.date(),
                        actor: try options.who(),
                        action: .voidInvoice(invoice: .number(try store.documentNumber(number)), reason: reason)
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
