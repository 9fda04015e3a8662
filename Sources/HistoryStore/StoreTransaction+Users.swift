import Billing
import Foundation

/// The rows of the Billing Center's users and their log, read and written once for both stores
/// (`BillingStore+Users.swift`, `BillingStore+Sessions.swift`). Times are whole seconds since 1970.
extension StoreTransaction {
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    /// Appends one entry to `user_events`, the users' append-only log.
    static func logUserEvent(
        _ db: Connection,
        at date: Date,
        actor: String,
        email: String,
        kind: String,
        detail: String
    ) throws {
        try db.execute(
            "INSERT INTO user_events (at, actor, email, kind, detail) VALUES (?, ?, ?, ?, ?)",
            [.integer(seconds(date)), .text(actor), .text(email), .text(kind), .text(detail)]
        )
    }

    /// The user `email` (lower-case), or ``StoreError/notFound(kind:id:)``.
    static func existingUser(email: String, _ db: Connection) throws -> WebUser {
        guard let user = try userRow(email: email.lowercased(), db) else {
            throw StoreError.notFound(kind: "user", id: email)
        }
        return user
    }

    /// The user whose e-mail is `email` exactly, if any.
    static func userRow(email: String, _ db: Connection) throws -> WebUser? {
        guard let user = try db.first("SELECT * FROM web_users WHERE email = ?", [.text(email)], { try user($0) })
        else {
            return nil
        }
        return try withAccounts(user, db)
    }

    /// The user of a row that has `web_users`' columns, without their accounts (``withAccounts(_:_:)``).
    static func user(_ row: Connection.ResultRow) throws -> WebUser {
        WebUser(
            id: try row.int64("id"),
            email: try row.text("email"),
            name: try row.text("name"),
            role: WebRole(rawValue: try row.text("role")) ?? .user,
            accountIDs: [],
            passwordHash: try row.optionalText("password_hash"),
            isDisabled: try row.int64("disabled") != 0,
            failedAttempts: try row.integer("failed_attempts"),
            lockedUntil: try row.optionalInt64("locked_until").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        )
    }

    /// `user` with the accounts they belong to, by id.
    static func withAccounts(_ user: WebUser, _ db: Connection) throws -> WebUser {
        var user = user
        user.accountIDs = try db.all(
            "SELECT account_id FROM web_user_accounts WHERE user_id = ? ORDER BY account_id",
            [.integer(user.id)]
        ) { row in try row.text("account_id") }
        return user
    }

    /// Inserts a user linked to `accounts` (each must exist), logged as `user-added`.
    static func insertUser(
        _ contact: Contact,
        role: WebRole,
        accounts: [String],
        by actor: Actor,
        at date: Date,
        _ db: Connection
    ) throws -> WebUser {
        guard try userRow(email: contact.email, db) == nil else {
            throw StoreError.duplicate(kind: "user", id: contact.email)
        }
        for account in accounts
        where try db.first("SELECT 1 AS found FROM accounts WHERE id = ?", [.text(account)], { _ in true }) == nil {
            throw StoreError.notFound(kind: "account", id: account)
        }
        try db.execute(
            "INSERT INTO web_users (email, name, role, created_at) VALUES (?, ?, ?, ?)",
            [.text(contact.email), .text(contact.name), .text(role.rawValue), .integer(seconds(date))]
        )
        let id = try db.lastInsertedKey()
        for account in accounts {
            try db.execute(
                "INSERT INTO web_user_accounts (user_id, account_id) VALUES (?, ?)",
                [.integer(id), .text(account)]
            )
        }
        let detail =
            "role \(role.rawValue)" + (accounts.isEmpty ? "" : ", accounts \(accounts.joined(separator: ", "))")
        try logUserEvent(
            db,
            at: date,
            actor: actor.description,
            email: contact.email,
            kind: "user-added",
            detail: detail
        )
        guard let user = try userRow(email: contact.email, db) else {
            throw StoreError.database("the user just added cannot be read back")
        }
        return user
    }
}
