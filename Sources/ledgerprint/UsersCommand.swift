import ArgumentParser
import Billing
import BillingCenter
import Foundation
import HistoryStore

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manages who can sign in to the Billing Center (representatives only).",
        discussion: """
            Every change is recorded in the store's users' log with who made it (`ledgerprint users log`). \
            Passwords are read from $LEDGERPRINT_PASSWORD or standard input, never from an argument, and \
            kept only as a bcrypt hash.

            Examples:
              ledgerprint users add anna.bianchi@studiorossi.example --name "Anna Bianchi" --role contact \\
                --account ROSSI-IT --as rep:Marco
              printf '%s\\n' "$PASSWORD" | ledgerprint users set-password anna.bianchi@studiorossi.example --as rep:Marco
              ledgerprint users login-link anna.bianchi@studiorossi.example --as rep:Marco
              ledgerprint users disable luca.verdi@studiorossi.example --as rep:Marco
              ledgerprint users list
            """,
        subcommands: [Add.self, SetPassword.self, Disable.self, LoginLink.self, List.self, Log.self]
    )

    /// The acting representative: only they manage users.
    static func representative(_ options: StoreOptions) throws -> Actor {
        let actor = try options.who()
        guard actor.isRepresentative || actor == .system else {
            throw Failure(.notAllowed, "only a representative manages users: act with --as rep:NAME")
        }
        return actor
    }

    static func userStore(_ options: StoreOptions) throws -> any BillingStore {
        try options.existingStore()
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Adds a user: a billing contact or user of accounts, or a representative.",
            discussion: """
                A contact or user belongs to one or more accounts (--account, repeated) and sees only those; \
                a representative belongs to none and sees every account. The new user has no password: set one \
                with set-password, or send a login-link.

                Example:
                  ledgerprint users add luca.verdi@studiorossi.example --name "Luca Verdi" --role user --account ROSSI-IT --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The e-mail the user signs in with.") var email: String
        @Option(help: "Their name, shown on the pages.") var name: String
        @Option(help: "contact, user or representative.") var role: WebRole
        @Option(name: .customLong("account"), help: "An account they belong to (repeat for several).")
        var accounts: [String] = []

        func run() throws {
            try ledgerprint.run {
                let actor = try UsersCommand.representative(options)
                let user = try UsersCommand.userStore(options).addUser(
                    email: email,
                    name: name,
                    role: role,
                    accountIDs: accounts,
                    by: actor,
                    at: Date()
                )
                let scope = user.accountIDs.isEmpty ? "every account" : user.accountIDs.joined(separator: ", ")
                print("added \(user.email) (\(user.role.rawValue), \(scope)); no password yet")
            }
        }
    }

    struct SetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Sets a user's password from $LEDGERPRINT_PASSWORD or the first line of standard input.",
            discussion: """
                At least 10 characters, at most 72 bytes. Setting it lifts a lock and signs the user out everywhere.

                Example:
                  printf '%s\\n' "$PASSWORD" | ledgerprint users set-password anna.bianchi@studiorossi.example --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The user's e-mail.") var email: String

        func run() throws {
            try ledgerprint.run {
                let actor = try UsersCommand.representative(options)
                let password: String
                if let given = ProcessInfo.processInfo.environment["LEDGERPRINT_PASSWORD"], !given.isEmpty {
                    password = given
                } else if let line = Self.readPassword(), !line.isEmpty {
                    password = line
                } else {
                    throw Failure(.usage, "no password: set LEDGERPRINT_PASSWORD or write it on standard input")
                }
                let hash: String
                do {
                    hash = try Secrets.hashPassword(password)
                } catch {
                    throw Failure(.invalidInput, "\(error)")
                }
                try UsersCommand.userStore(options).setPasswordHash(hash, email: email, by: actor, at: Date())
                print("password set for \(email.lowercased())")
            }
        }

        /// The first line of standard input; at a terminal, asked for without echoing what is typed.
        static func readPassword() -> String? {
            guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
            var saved = termios()
            tcgetattr(STDIN_FILENO, &saved)
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &silent)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            FileHandle.standardError.write(Data("password: ".utf8))
            return readLine(strippingNewline: true)
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Stops a user from signing in, ends their sessions and voids their unused links.",
            discussion: "Example:\n  ledgerprint users disable luca.verdi@studiorossi.example --as rep:Marco"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The user's e-mail.") var email: String

        func run() throws {
            try ledgerprint.run {
                let actor = try UsersCommand.representative(options)
                try UsersCommand.userStore(options).disableUser(email: email, by: actor, at: Date())
                print("disabled \(email.lowercased())")
            }
        }
    }

    struct LoginLink: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login-link",
            abstract: "Prints a one-time sign-in link for a user.",
            discussion: """
                The link signs the user in once, within --minutes; the store keeps only its hash.

                Example:
                  ledgerprint users login-link anna.bianchi@studiorossi.example --as rep:Marco --base-url https://billing.example
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The user's e-mail.") var email: String
        @Option(help: "Where the Billing Center is reached.") var baseURL = "http://127.0.0.1:8080"
        @Option(help: "Minutes the link stays valid (1 to 1440).") var minutes = 30

        func validate() throws {
            guard (1...1440).contains(minutes) else { throw ValidationError("--minutes takes 1 to 1440") }
        }

        func run() throws {
            try ledgerprint.run {
                let actor = try UsersCommand.representative(options)
                print(
                    try Self.create(
                        email: email,
                        store: UsersCommand.userStore(options),
                        actor: actor,
                        minutes: minutes,
                        baseURL: baseURL
                    )
                )
            }
        }

        /// Keeps a new link's hash in the store and returns the link.
        static func create(
            email: String,
            store: any UserDirectory,
            actor: Actor,
            minutes: Int,
            baseURL: String
        ) throws
            -> String
        {
            let token = Secrets.token()
            let now = Date()
            try store.addSignInLink(
                tokenHash: Secrets.hash(token),
                email: email,
                expiresAt: now.addingTimeInterval(TimeInterval(minutes * 60)),
                by: actor,
                at: now
            )
            return "\(baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL)/sign-in/link/\(token)"
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract:
                "Lists the users: e-mail, name, role, accounts, whether they have a password, are disabled or locked.",
            discussion: "Example:\n  ledgerprint users list"
        )
        @OptionGroup var options: StoreOptions

        func run() throws {
            try ledgerprint.run {
                let now = Date()
                let rows = try UsersCommand.userStore(options).users().map { user -> [ListingCell] in
                    let state =
                        user.isDisabled
                        ? "disabled" : (user.lockedUntil.map { $0 > now } == true ? "locked" : "enabled")
                    return [
                        .text(user.email), .text(user.name), .text(user.role.rawValue),
                        .text(user.accountIDs.isEmpty ? "all" : user.accountIDs.joined(separator: " ")),
                        .text(user.passwordHash == nil ? "no" : "yes"), .text(state),
                    ]
                }
                Listing.print(["E-mail", "Name", "Role", "Accounts", "Password", "State"], cells: rows, as: .table)
            }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Prints the users' log: who added, changed, signed in, failed or was locked, and when (UTC).",
            discussion: "Examples:\n  ledgerprint users log\n  ledgerprint users log anna.bianchi@studiorossi.example"
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "Only this user's entries.") var email: String?

        func run() throws {
            try ledgerprint.run {
                let format = ISO8601DateFormatter()
                let rows = try UsersCommand.userStore(options).userEvents(email: email).map { event -> [ListingCell] in
                    [
                        .text(format.string(from: event.at)), .text(event.actor), .text(event.email), .text(event.kind),
                        .text(event.detail),
                    ]
                }
                Listing.print(["At", "Actor", "User", "What", "Detail"], cells: rows, as: .table)
            }
        }
    }
}

extension WebRole: ExpressibleByArgument {}
