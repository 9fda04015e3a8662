import ArgumentParser
import Billing
import Foundation
import HistoryStore
import Mailer

/// `ledgerprint mail set|show|list`: the SMTP relay documents are e-mailed through, and what was sent.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Sets and shows the SMTP relay documents are e-mailed through, and lists what was sent.",
        subcommands: [SetRelay.self, Show.self, List.self]
    )

    /// How the connection to the relay is secured.
    enum Security: String, EnumerableFlag {
        case starttls
        case tls
        case plain

        static func help(for value: Security) -> ArgumentHelp? {
            switch value {
            case .starttls:
                return "Plain SMTP upgraded with STARTTLS, refused if the relay does not offer it (default)."
            case .tls: return "TLS from the first byte (port 465)."
            case .plain: return "No encryption: only for a relay on this machine; no credentials over it."
            }
        }

        var defaultPort: Int {
            switch self {
            case .starttls: return 587
            case .tls: return 465
            case .plain: return 25
            }
        }
    }

    struct SetRelay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Sets the SMTP relay (representatives); recorded as a set-mail-relay event.",
            discussion: """
                The store keeps the names of the environment variables the user name and password are read \
                from when a message is sent, never the password itself: set them in the environment of \
                the commands that send (invoices send, invoices run --send, reminders run --send, serve).

                Examples:
                  ledgerprint mail set --host smtp.example.com --starttls --from "Acme Billing <billing@acme.example>" \\
                    --user-env SMTP_USER --password-env SMTP_PASSWORD --as rep:Marco
                  ledgerprint mail set --host localhost --port 25 --plain --from billing@acme.example --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "The relay's host name or address.") var host: String
        @Option(help: "Its port (default: 587 with --starttls, 465 with --tls, 25 with --plain).") var port: Int?
        @Flag var security: Security = .starttls
        @Option(help: "The sender: \"Name <address>\" or an address.") var from: String
        @Option(name: .customLong("user-env"), help: "The environment variable holding the user name.")
        var userVariable: String?
        @Option(name: .customLong("password-env"), help: "The environment variable holding the password.")
        var passwordVariable: String?
        @Option(
            name: .customLong("ca-file"),
            help: "A PEM file of certificate authorities to trust (a private relay's)."
        )
        var caFile: String?

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                do {
                    _ = try MailAddress(parsing: from)
                } catch {
                    throw Failure(.usage, "--from: \(error)")
                }
                var caPath: String?
                if let caFile {
                    let url = URL(fileURLWithPath: caFile).standardizedFileURL
                    guard let text = try? String(contentsOf: url, encoding: .utf8),
                        text.contains("-----BEGIN CERTIFICATE-----")
                    else {
                        throw Failure(.invalidInput, "--ca-file \(caFile): not a readable PEM file of certificates")
                    }
                    caPath = url.path
                }
                let relay = MailRelay(
                    security: security.rawValue,
                    host: host,
                    port: port ?? security.defaultPort,
                    from: from,
                    userVariable: userVariable,
                    passwordVariable: passwordVariable,
                    caFile: caPath
                )
                try store.apply(
                    StoreEvent(date: try options.date(), actor: try options.who(), action: .setMailRelay(relay))
                )
                print("mail relay set: \(MailCommand.describe(relay))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Shows the SMTP relay; never a password, only whether its variable is set here.",
            discussion: "Example:\n  ledgerprint mail show"
        )
        @OptionGroup var options: StoreOptions

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                guard let relay = try store.mailRelay() else {
                    throw Failure(.notFound, "no mail relay is set: see 'ledgerprint mail set --help'")
                }
                let environment = ProcessInfo.processInfo.environment
                print("relay:    \(relay.host):\(relay.port) (\(relay.security))")
                print("from:     \(relay.from)")
                for (label, variable) in [("user:    ", relay.userVariable), ("password:", relay.passwordVariable)] {
                    guard let variable else { continue }
                    let state = environment[variable].map { $0.isEmpty ? "empty" : "set" } ?? "not set"
                    print("\(label) from $\(variable) (\(state) in this environment)")
                }
                if relay.userVariable == nil { print("auth:     none") }
                print("trusts:   \(relay.caFile ?? "the system's certificate authorities")")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Lists the documents e-mailed: what, to whom, when, by whom, the relay's reply.",
            discussion: "Example:\n  ledgerprint mail list --format csv"
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "table, csv or json.") var format: ListingFormat = .table

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let rows = try store.sendings().map { sending -> [String] in
                    [
                        sending.sentAt, sending.kind, sending.reference, sending.recipient, sending.actor,
                        sending.attachments, sending.serverReply,
                    ]
                }
                Listing.print(["Sent at", "Kind", "Reference", "To", "By", "Attachments", "Reply"], rows, as: format)
            }
        }
    }

    static func describe(_ relay: MailRelay) -> String {
        "\(relay.host):\(relay.port) (\(relay.security)), from \(relay.from)"
            + (relay.userVariable.map { ", user from $\($0)" } ?? "")
            + (relay.passwordVariable.map { ", password from $\($0)" } ?? "")
            + (relay.caFile.map { ", trusting \($0)" } ?? "")
    }
}
