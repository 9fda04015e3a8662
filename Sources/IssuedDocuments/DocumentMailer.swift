import Billing
import Documents
import EInvoice
import Foundation
import HistoryStore
import Mailer

/// E-mails issued documents through the store's relay and records each sending: the one place
/// `ledgerprint invoices send`, the runs' `--send` and the Billing Center's "e-mail me this" go through.
///
/// The message's subject and text are in the customer's language (``MailWording``); the relay's user
/// and password are read from the environment variables the relay setting names, when a message is sent.
public struct DocumentMailer: Sendable {
    /// Where the relay setting is and sendings are recorded.
    public let store: any BillingStore
    /// The relay set with `ledgerprint mail set`.
    public let relay: MailRelay
    /// The subjects and texts.
    public let wording: MailWording
    /// Where credentials are read from (the process's environment).
    public let environment: [String: String]

    /// A mailer over the relay set in `store`, with the wording of `templateFolder/mail`.
    ///
    /// - Throws: ``MailError/setting(_:)`` when no relay is set or the wording files are wrong.
    public init(store: any BillingStore, templateFolder: URL, environment: [String: String]) throws {
        guard let relay = try store.mailRelay() else {
            throw MailError.setting(
                "no mail relay is set: run 'ledgerprint mail set --host HOST --from \"Name <address>\" --as rep:NAME'"
            )
        }
        self.store = store
        self.relay = relay
        self.environment = environment
        wording = try MailWording(folder: templateFolder.appendingPathComponent("mail"))
    }

    /// How to reach the relay, with the user and password read from the environment now.
    ///
    /// - Throws: ``MailError/setting(_:)`` naming a variable that is not set.
    public func smtpSettings() throws(MailError) -> SMTPSettings {
        var credentials: (user: String, password: String)?
        if let userVariable = relay.userVariable, let passwordVariable = relay.passwordVariable {
            guard let user = environment[userVariable], !user.isEmpty else {
                throw .setting("the mail relay's user name is read from $\(userVariable), which is not set")
            }
            guard let password = environment[passwordVariable], !password.isEmpty else {
                throw .setting("the mail relay's password is read from $\(passwordVariable), which is not set")
            }
            credentials = (user, password)
        }
        return SMTPSettings(
            host: relay.host,
            port: relay.port,
            security: SMTPSecurity(rawValue: relay.security) ?? .starttls,
            caFile: relay.caFile,
            credentials: credentials
        )
    }

    /// The message carrying an issued invoice or credit note: its PDF and, where there is one, its
    /// FatturaPA XML; to `recipient`, else the account's billing contact.
    public func message(
        for document: PrintableDocument,
        pdf: MailAttachment,
        xml: MailAttachment?,
        to recipient: MailAddress?
    ) throws -> MailMessage {
        let key: String
        let number: DocumentNumber?
        let customer: CustomerDetails
        let date: CalendarDate
        let total: Money
        switch document {
        case .invoice(let invoice, _, _, _):
            (key, number, customer, date, total) = (
                "invoice", invoice.number, invoice.customer, invoice.issueDate, invoice.grandTotal
            )
        case .creditNote(let note, _):
            (key, number, customer, date, total) = (
                "creditNote", note.number, note.customer, note.issueDate, note.grandTotal
            )
        default:
            throw MailError.setting("only invoices, credit notes and reminders are e-mailed")
        }
        let format = Formatting(language: customer.locale)
        var values = [
            "number": number?.description ?? "", "date": format.date(date), "total": format.money(total),
            "vendor": try vendorName(),
        ]
        if case .invoice(let invoice, _, _, _) = document { values["due"] = format.date(invoice.dueDate) }
        return try message(
            key,
            customer: customer,
            values: values,
            attachments: [pdf] + (xml.map { [$0] } ?? []),
            to: recipient
        )
    }

    /// The message carrying a payment reminder's PDF to `recipient`, else the account's billing contact.
    public func message(for reminder: Reminder, pdf: MailAttachment, to recipient: MailAddress?) throws -> MailMessage {
        let format = Formatting(language: reminder.customer.locale)
        return try message(
            "reminder",
            customer: reminder.customer,
            values: [
                "reference": reminder.id, "total": format.money(reminder.total), "date": format.date(reminder.date),
                "invoices": reminder.lines.map(\.number.description).joined(separator: ", "),
                "vendor": try vendorName(),
            ],
            attachments: [pdf],
            to: recipient
        )
    }

    private func message(
        _ key: String,
        customer: CustomerDetails,
        values: [String: String],
        attachments: [MailAttachment],
        to recipient: MailAddress?
    ) throws -> MailMessage {
        let contact = try store.account(customer.accountID).billingContact
        let to = try recipient ?? MailAddress(contact.email, name: contact.name)
        var values = values
        values["name"] =
            recipient == nil || recipient?.address == contact.email ? contact.name : (recipient?.name ?? "")
        if values["name"]?.isEmpty ?? true { values["name"] = customer.name }
        return MailMessage(
            from: try MailAddress(parsing: relay.from),
            to: [to],
            subject: wording.text(key + "Subject", customer.locale, values),
            body: wording.text(key + "Body", customer.locale, values),
            attachments: attachments
        )
    }

    private func vendorName() throws -> String { try store.vendor()?.legalName ?? "" }

    /// Sends `message` as document `kind` `reference` of `accountID`, by `actor`, and records it.
    ///
    /// A document already sent is refused unless `again`; nothing is recorded when sending fails.
    ///
    /// - Throws: ``AlreadyMailed``, ``MailError`` with the relay's reply, `StoreError`.
    @discardableResult
    public func deliver(
        _ message: MailMessage,
        kind: String,
        reference: String,
        accountID: String?,
        actor: Actor,
        again: Bool
    ) throws -> MailSending {
        if !again, let earlier = try store.sendings(kind: kind, reference: reference).last {
            throw AlreadyMailed(kind: kind, reference: reference, earlier: earlier)
        }
        let receipt = try SMTPClient(settings: try smtpSettings()).send(message)
        let sending = MailSending(
            kind: kind,
            reference: reference,
            accountID: accountID,
            recipient: message.to.map(\.address).joined(separator: ", "),
            subject: message.subject,
            attachments: message.attachments.map { MIMEEncoding.safeFileName($0.fileName) }.joined(separator: ", "),
            actor: actor.description,
            sentAt: ISO8601DateFormatter().string(from: message.date),
            messageID: receipt.messageID,
            serverReply: receipt.reply.description
        )
        try store.recordSending(sending)
        return sending
    }
}

/// A document that was e-mailed before, sent again only when asked (`--again`).
public struct AlreadyMailed: Error, Sendable, CustomStringConvertible {
    /// `invoice`, `credit-note` or `reminder`.
    public var kind: String
    /// Its number or reference.
    public var reference: String
    /// The last time it was sent.
    public var earlier: MailSending

    /// One line for the user.
    public var description: String {
        "\(kind) \(reference) was already e-mailed to \(earlier.recipient) at \(earlier.sentAt) by \(earlier.actor); "
            + "use --again to send it again"
    }
}
