import ArgumentParser
import Billing
import Canvas
import Documents
import Foundation
import HistoryStore

/// A temporary store with the samples imported.
struct DemoStore {
    let folder: URL
    let store: any BillingStore

    init(samples: URL) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerprint-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore(path: folder.appendingPathComponent("demo.sqlite").path)
        guard let data = FileManager.default.contents(atPath: samples.path) else {
            throw Failure(.notFound, "cannot read \(samples.path)")
        }
        try store.importFiles([(samples.path, data)])
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Every quote of the samples, as its document prints it.
    func quotes() throws -> [QuoteDocument] {
        let rules = BillingRules(catalog: try store.catalog())
        return try store.accounts().flatMap { account in
            try store.quotes(ofAccount: account.id).map { quote in
                try rules.document(
                    for: quote,
                    subscription: try store.subscription(quote.subscriptionID),
                    account: try store.account(account.id)
                )
            }
        }
    }

    func vendor() throws -> Vendor {
        guard let vendor = try store.vendor() else { throw Failure(.notFound, "the samples have no vendor") }
        return vendor
    }

    /// An invoice, a credit note, a statement, a W-9 packet and a quote.
    func oneOfEachKind() throws -> [PrintableDocument] {
        let vendor = try vendor()
        var documents: [PrintableDocument] = []
        if let invoice = try store.invoices().first { documents.append(.invoice(invoice, vendor: vendor, mark: .none)) }
        if let note = try store.creditNotes().first { documents.append(.creditNote(note, vendor: vendor)) }
        if let account = try store.accounts().first {
            let statement = try store.statement(ofAccount: account.id, for: DatePeriod.year(2025))
            documents.append(.statement(statement, vendor: vendor, issuedOn: try CalendarDate("2025-12-31")))
        }
        if let request = try store.w9Requests(accountID: nil).first {
            documents.append(
                .w9Packet(
                    request,
                    vendor: vendor,
                    account: try store.account(request.accountID),
                    issuedOn: request.fulfilledOn ?? request.submittedOn
                )
            )
        }
        if let quote = try quotes().first { documents.append(.quote(quote, vendor: vendor)) }
        return documents
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Imports Samples/ into a temporary store and prints every kind of document, in PDF and HTML, into a folder.",
        discussion: """
            For each sample account: its latest invoice (marked as its state is), any credit note, its statement \
            since it was opened, the W-9 packet of each request and each quote, and a payment reminder to each \
            account with overdue invoices on --today; the FatturaPA XML of each invoice and credit \
            note printed, when the vendor is registered for VAT in Italy.

            Example:
              ledgerprint demo --out out
            """
    )

    @OptionGroup var printing: PrintOptions
    @Option(name: .shortAndLong, help: "The folder to write into; created if missing.") var out: String = "out"
    @Option(help: "The samples file (default: Samples/history.json).") var samples: String?
    @Option(help: "The date the statements run to, YYYY-MM-DD.") var today: String = "2026-11-27"

    func run() throws {
        try ledgerprint.run {
            guard
                let file = samples.map({ URL(fileURLWithPath: $0) })
                    ?? (PrintOptions.search("Samples/history.json")
                        ?? PrintOptions.search("Samples/history.json", from: PrintOptions.executableFolder)
                        ?? PrintOptions.installedFile("Samples/history.json"))
            else {
                throw Failure(.notFound, "Samples/history.json not found: run from the repository or pass --samples")
            }
            let folder = try OutputFiles.folder(out)
            let demo = try DemoStore(samples: file)
            defer { demo.remove() }
            let printer = try Printing(store: demo.store, options: printing)
            let date = try CalendarDate(today)
            var written: [String] = []
            func write(_ document: PrintableDocument, _ parts: [String]) throws {
                for language in DocumentLanguage.codes {
                    for format in DocumentFormat.allCases {
                        let url = folder.appendingPathComponent(
                            OutputFiles.safeName(parts + [language], extension: format.rawValue)
                        )
                        let rendered = try printer.renderer.render(
                            document,
                            as: format,
                            language: language,
                            attachments: try printer.attachments(for: document, format: format)
                        )
                        try AtomicFile.write(rendered.data, to: url)
                        written.append(
                            "\(url.lastPathComponent)  \(rendered.title)"
                                + (format == .pdf ? " (\(rendered.pages) p.)" : "")
                        )
                    }
                }
            }
            let eInvoices = try EInvoiceFiles(store: demo.store, templates: printer.renderer.templates)
            func writeXML(_ number: DocumentNumber?) throws {
                guard eInvoices.areRequired, let number else { return }
                let file = try eInvoices.file(for: number)
                try AtomicFile.write(file.data, to: folder.appendingPathComponent(file.fileName))
                written.append("\(file.fileName)  FatturaPA of \(number)")
            }
            for account in try demo.store.accounts() {
                let invoices = try demo.store.invoices(accountID: account.id)
                if let invoice = invoices.last {
                    try write(try printer.printable(invoice, on: date), ["invoice", account.id])
                    try writeXML(invoice.number)
                }
                let opened = invoices.first?.issueDate ?? date
                let statement = try demo.store.statement(
                    ofAccount: account.id,
                    for: DatePeriod(start: opened, end: date.adding(days: 1))
                )
                try write(.statement(statement, vendor: printer.vendor, issuedOn: date), ["statement", account.id])
            }
            for note in try demo.store.creditNotes() {
                try write(.creditNote(note, vendor: printer.vendor), ["credit-note", note.customer.accountID])
                try writeXML(note.number)
                // The invoice the note corrects, as printed now: void, naming the note.
                let voided = try demo.store.invoice(note.invoiceNumber)
                try write(try printer.printable(voided, on: date), ["invoice", voided.customer.accountID, "corrected"])
            }
            for request in try demo.store.w9Requests(accountID: nil) {
                let account = try demo.store.account(request.accountID)
                try write(
                    .w9Packet(request, vendor: printer.vendor, account: account, issuedOn: request.fulfilledOn ?? date),
                    ["w9-packet", account.id]
                )
            }
            // A payment reminder to each account with overdue invoices on the demo's date.
            for account in try demo.store.accounts()
            where !(try demo.store.dueReminderLines(accountID: account.id, on: date)).isEmpty {
                let id = "REM-\(account.id)-\(date)"
                try demo.store.apply(
                    StoreEvent(
                        date: date,
                        actor: .system,
                        action: .issueReminder(reminderID: id, accountID: account.id)
                    )
                )
                for reminder in try demo.store.reminders(accountID: account.id) where reminder.id == id {
                    try write(.reminder(reminder, vendor: printer.vendor), ["reminder", account.id])
                }
            }
            for quote in try demo.quotes() {
                try write(.quote(quote, vendor: printer.vendor), ["quote", quote.quote.id, quote.customer.accountID])
            }
            for line in written { print("wrote \(folder.path)/\(line)") }
            print("\(written.count) files in \(folder.path)")
        }
    }
}
