import Foundation

/// A document e-mailed: what, to whom, when, by whom and what the relay answered (`mail_sendings`).
public struct MailSending: Sendable, Hashable, Codable {
    /// `invoice`, `credit-note` or `reminder`.
    public var kind: String
    /// The document's number or reference.
    public var reference: String
    /// The account it belongs to.
    public var accountID: String?
    /// The recipient's address.
    public var recipient: String
    /// The message's subject.
    public var subject: String
    /// The file names attached, comma-separated.
    public var attachments: String
    /// Who had it sent (`rep:Marco`, a user's e-mail, `system`).
    public var actor: String
    /// When the relay took it, ISO 8601 in UTC.
    public var sentAt: String
    /// The message's `Message-ID`.
    public var messageID: String
    /// The relay's reply to the message, with its queue id when it gives one.
    public var serverReply: String

    /// Creates one as recorded.
    public init(
        kind: String,
        reference: String,
        accountID: String?,
        recipient: String,
        subject: String,
        attachments: String,
        actor: String,
        sentAt: String,
        messageID: String,
        serverReply: String
    ) {
        self.kind = kind
        self.reference = reference
        self.accountID = accountID
        self.recipient = recipient
        self.subject = subject
        self.attachments = attachments
        self.actor = actor
        self.sentAt = sentAt
        self.messageID = messageID
        self.serverReply = serverReply
    }
}
