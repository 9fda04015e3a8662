import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore
import IssuedDocuments
import Mailer

extension InvoicesCommand {
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send",
            abstract: "E-mails an invoice or credit note (its PDF, and its FatturaPA XML where there is one).",
            discussion: """
                The PDF is the one 'invoices print' makes (marked PAID or VOID as the document stands, with its \
                Factur-X XML inside for the customers who expect it); a vendor registered for VAT in Italy also \
                attaches the FatturaPA XML. It goes to the account's billing contact unless --to says otherwise, \
                with a subject and text in the customer's language (Templates/mail/), through the relay set with \
                'ledgerprint mail set'. Each sending is recorded (who, to whom, when, the relay's reply); a \
                document already sent is refused unless --again. If the relay refuses, the command says what it \
                answered, exits 74 and records nothing.

                Examples:
                  ledgerprint invoices send 2026/0007 --as rep:Marco
                  ledgerprint invoices send 2026/0007 --to accounts@studiorossi.example --again --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The invoice (2026/0007) or credit note (NC-2026/0001) number.") var number: String
        @Option(help: "Send to this address instead of the billing contact (Name <address> or address).")
        var to: String?
        @Flag(help: "Send it even though it was sent before.") var again = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let parsed = try store.documentNumber(number)
                let recipient: MailAddress?
                do {
                    recipient = try to.map { try MailAddress(parsing: $0) }
                } catch {
                    throw Failure(.usage, "--to: \(error)")
                }
                let mailing = try Mailing(store: store, printing: printing, actor: try Mailing.actor(options))
                let printer = try Printing(store: store, options: printing)
                let document: PrintableDocument
                let fileName: String
                if parsed.series == .creditNote {
                    guard let note = try store.creditNotes().first(where: { $0.number == parsed }) else {
                        throw Failure(.notFound, "no credit note '\(number)' in the store")
                    }
                    document = try printer.eInvoices.issued.printable(note)
                    fileName = Printing.fileName(for: note, format: .pdf)
                } else {
                    let invoice = try store.invoice(parsed)
                    document = try printer.printable(invoice, on: options.date())
                    fileName = Printing.fileName(for: invoice, format: .pdf)
                }
                let rendered = try printer.renderer.render(
                    document,
                    as: .pdf,
                    language: printer.language,
                    attachments: try printer.attachments(for: document)
                )
                try Printing.check(rendered, strict: printer.strict, document: number)
                let sending = try mailing.send(
                    document,
                    pdf: rendered.data,
                    fileName: fileName,
                    to: recipient,
                    again: again
                )
                print(Mailing.summary(sending))
            }
        }
    }
}
