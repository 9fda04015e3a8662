import Billing
import Documents
import Foundation
import HistoryStore
import IssuedDocuments
import Mailer

/// E-mailing documents from the commands: `invoices send` and the runs' `--send`, over ``DocumentMailer``.
struct Mailing {
    let mailer: DocumentMailer
    let actor: Actor
    let eInvoices: EInvoiceFiles

    /// The mailer of the store's relay, with the wording of the template folder; acting as `actor`.
    init(store: any BillingStore, printing: PrintOptions, actor: Actor) throws {
        do {
            mailer = try DocumentMailer(
                store: store,
                templateFolder: printing.templateFolder(),
                environment: ProcessInfo.processInfo.environment
            )
            // Every setting is checked before anything is issued or sent.
            _ = try mailer.smtpSettings()
        } catch {
            throw Mailing.failure(error)
        }
        self.actor = actor
        eInvoices = try EInvoiceFiles(store: store, templates: try TemplateSet(folder: printing.templateFolder()))
    }

    /// Sends the issued invoice or credit note `document`, its PDF being `pdf` (named `fileName`), with
    /// its FatturaPA XML when the vendor issues them; returns what was recorded.
    func send(
        _ document: PrintableDocument,
        pdf: Data,
        fileName: String,
        to recipient: MailAddress?,
        again: Bool
    ) throws -> MailSending {
        let number: DocumentNumber?
        let kind: String
        let accountID: String
        switch document {
        case .invoice(let invoice, _, _, _):
            (number, kind, accountID) = (invoice.number, "invoice", invoice.customer.accountID)
        case .creditNote(let note, _): (number, kind, accountID) = (note.number, "credit-note", note.customer.accountID)
        default: throw Failure(.invalidInput, "only invoices, credit notes and reminders are e-mailed")
        }
        guard let number else { throw Failure(.invalidInput, "only issued documents are e-mailed") }
        do {
            let xml = try eInvoices.areRequired ? eInvoices.file(for: number) : nil
            let message = try mailer.message(
                for: document,
                pdf: MailAttachment(fileName: fileName, contentType: "application/pdf", data: pdf),
                xml: xml.map { MailAttachment(fileName: $0.fileName, contentType: "application/xml", data: $0.data) },
                to: recipient
            )
            return try mailer.deliver(
                message,
                kind: kind,
                reference: number.description,
                accountID: accountID,
                actor: actor,
                again: again
            )
        } catch {
            throw Mailing.failure(error)
        }
    }

    /// Sends a payment reminder's PDF to the account's billing contact.
    func send(_ reminder: Reminder, pdf: Data, fileName: String) throws -> MailSending {
        do {
            let message = try mailer.message(
                for: reminder,
                pdf: MailAttachment(fileName: fileName, contentType: "application/pdf", data: pdf),
                to: nil
            )
            return try mailer.deliver(
                message,
                kind: "reminder",
                reference: reminder.id,
                accountID: reminder.customer.accountID,
                actor: actor,
                again: false
            )
        } catch {
            throw Mailing.failure(error)
        }
    }

    /// What the user reads of a sending: `invoice 2026/0001 to anna@… (a.pdf, b.xml): 250 …`.
    static func summary(_ sending: MailSending) -> String {
        "e-mailed \(sending.kind) \(sending.reference) to \(sending.recipient) (\(sending.attachments)): "
            + sending.serverReply
    }

    /// A mail error as the user sees it: a relay or network problem is exit 74, a setting or a
    /// document already sent is 65.
    static func failure(_ error: any Error) -> Failure {
        switch error {
        case let error as MailError:
            switch error {
            case .invalidAddress, .setting: return Failure(.invalidInput, error.description)
            default: return Failure(.storeError, error.description)
            }
        case let error as AlreadyMailed: return Failure(.invalidInput, error.description)
        default: return Failure(error)
        }
    }

    /// Who sends in a run: `--as` (or `$LEDGERPRINT_ACTOR`), else the system.
    static func actor(_ options: StoreOptions) throws -> Actor {
        let named = options.actor ?? ProcessInfo.processInfo.environment["LEDGERPRINT_ACTOR"] ?? ""
        return named.isEmpty ? .system : try options.who()
    }
}
