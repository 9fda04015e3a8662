import ArgumentParser
import BillingCenter
import Dispatch
import Foundation
import HistoryStore
import PostgresStore

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Starts the Billing Center: the web pages where customers sign in and see their invoices and statements.",
        discussion: """
            Serves until Ctrl-C (SIGINT) or SIGTERM. Users sign in with a password or a one-time link that \
            `ledgerprint users login-link` prints (add them with `ledgerprint users add`). The pages come from \
            the web/ folder of the template folder; documents are printed with its templates, as the CLI prints them. \
            One access-log line per request goes to standard error. Behind a TLS proxy, add --secure-cookies. \
            docs/web.md has the whole story.

            Examples:
              ledgerprint serve --store billing.sqlite
              ledgerprint serve --listen 0.0.0.0:8443 --secure-cookies --store /srv/billing.sqlite
              ledgerprint serve --store billing.sqlite --sign-in-link anna.bianchi@studiorossi.example --as rep:Demo
              ledgerprint serve --store postgres://billing@db.example.com/ledger --secure-cookies
              ledgerprint serve --store postgres://billing@db.example.com/ledger --connections 8
            """
    )

    @OptionGroup var options: StoreOptions
    @OptionGroup var printing: PrintOptions
    @Option(help: "HOST:PORT to listen on.") var listen = "127.0.0.1:8080"
    @Flag(help: "Mark cookies Secure: set this when a TLS proxy serves the pages over HTTPS.") var secureCookies = false
    @Option(help: "Print a one-time sign-in link for this user once the server listens (needs --as).")
    var signInLink: String?
    @Option(help: "Minutes a session lasts.") var sessionMinutes = 480
    @Option(help: "How many documents may render at once (default: the number of active processors).")
    var renderers: Int?
    @Option(
        help: ArgumentHelp(
            "On a PostgreSQL store, how many connections requests share (default: the number of active processors).",
            discussion:
                "Each request borrows one for each store call. A SQLite store needs none: it reads side by side "
                + "and writes one at a time."
        )
    )
    var connections: Int?

    func validate() throws {
        _ = try Self.address(listen)
        guard (5...10_080).contains(sessionMinutes) else {
            throw ValidationError("--session-minutes takes 5 to 10080 (a week)")
        }
        if let renderers, !(1...64).contains(renderers) {
            throw ValidationError("--renderers takes 1 to 64; got \(renderers)")
        }
        if let connections {
            guard (1...200).contains(connections) else {
                throw ValidationError("--connections takes 1 to 200; got \(connections)")
            }
            guard options.isPostgres else {
                throw ValidationError(
                    "--connections is for a PostgreSQL store (postgres://…); a SQLite store reads side by side and "
                        + "writes one at a time, with no connections to set"
                )
            }
        }
    }

    /// The connections to a PostgreSQL store when `--connections` is not given: one per active
    /// processor, as many as the threads that answer requests (a store call holds its thread).
    static var defaultConnections: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `HOST:PORT`, the port 1–65535.
    static func address(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65_535).contains(port), colon != text.startIndex
        else { throw ValidationError("--listen takes HOST:PORT, such as 127.0.0.1:8080; got '\(text)'") }
        return (String(text[..<colon]), port)
    }

    func run() throws {
        try ledgerprint.run {
            let store =
                options.isPostgres
                ? try PostgresStore(options.storePath, connections: connections ?? Self.defaultConnections)
                : try options.existingStore()
            if let sqlite = store as? SQLiteStore, sqlite.isReadOnly {
                throw Failure(
                    .storeError,
                    "\(sqlite.path) is read-only: the Billing Center writes its sign-ins to the store"
                )
            }
            let (host, port) = try Self.address(listen)
            var settings = BillingCenterSettings()
            settings.secureCookies = secureCookies
            settings.sessionLifetime = TimeInterval(sessionMinutes * 60)
            if let renderers { settings.renderers = renderers }
            if options.today != nil || ProcessInfo.processInfo.environment["LEDGERPRINT_TODAY"] != nil {
                settings.today = try options.date()
            }
            let link = try signInLink.map { email in
                try UsersCommand.LoginLink.create(
                    email: email,
                    store: store,
                    actor: options.who(),
                    minutes: 30,
                    baseURL: "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
                )
            }
            let center = try BillingCenter(
                store: store,
                templateFolder: printing.templateFolder(),
                fonts: printing.fonts(),
                settings: settings
            )
            let finished = DispatchSemaphore(value: 0)
            let failure = FailureBox()
            Task {
                do {
                    try await center.serve(host: host, port: port) {
                        var lines = "Billing Center on http://\(host):\(port)/ (Ctrl-C stops it)\n"
                        if let link { lines += "sign in: \(link)\n" }
                        FileHandle.standardOutput.write(Data(lines.utf8))
                    }
                } catch {
                    failure.set(error)
                }
                finished.signal()
            }
            finished.wait()
            if let error = failure.error { throw Failure(.storeError, "the server stopped: \(error)") }
        }
    }
}

/// The error a server task ended with, read after it ended.
private final class FailureBox: @unchecked Sendable {
    // Written once by the server task before it signals, read by the main thread after the signal.
    var error: (any Error)?
    func set(_ error: any Error) { self.error = error }
}
