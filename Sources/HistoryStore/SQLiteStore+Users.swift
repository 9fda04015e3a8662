import Billing
import Foundation
import GRDB

/// The Billing Center's users, sessions and sign-in links in the SQLite store.
///
/// Every change writes its ``UserEvent`` in the same transaction. Times are whole seconds since 1970.
extension SQLiteStore: UserDirectory {
    /// Adds a user; a contact or user must belong to at least one account, and each must exist.
    ///
    /// - Throws: ``StoreError/duplicate(kind:id:)`` for an e-mail already used,
    ///   ``StoreError/notFound(kind:id:)`` for an account that does not exist, ``StoreError/rejected(_:)``
    ///   for an e-mail that is not one or a contact without an account.
    @discardableResult
    public func addUser(
        email: String,
        name: String,
        role: WebRole,
        accountIDs: [String],
        by actor: Actor,
        at date: Date
    ) throws(StoreError) -> WebUser {
        let contact: Contact
        do {
            contact = try Contact(name: name, email: email)
        } catch {
            throw .rejected(error)
        }
        let accounts = Array(Set(accountIDs)).sorted()
        if role != .representative, accounts.isEmpty {
            throw .rejected(
                .invalidValue(field: "accounts", value: "none", expected: "at least one account for a \(role.rawValue)")
            )
        }
        if role == .representative, !accounts.isEmpty {
            throw .rejected(
                .invalidValue(
                    field: "accounts",
                    value: accounts.joined(separator: ","),
                    expected: "none: a representative sees every account"
                )
            )
        }
        return try writeUsers { db in
            guard try Self.userRow(email: contact.email, db) == nil else {
                throw StoreError.duplicate(kind: "user", id: contact.email)
            }
            for account in accounts
            where try Int.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE id = ?", arguments: [account]) == nil {
                throw StoreError.notFound(kind: "account", id: account)
            }
            try db.execute(
                sql: "INSERT INTO web_users (email, name, role, created_at) VALUES (?, ?, ?, ?)",
                arguments: [contact.email, contact.name, role.rawValue, Self.seconds(date)]
            )
            let id = db.lastInsertedRowID
            for account in accounts {
                try db.execute(
                    sql: "INSERT INTO web_user_accounts (user_id, account_id) VALUES (?, ?)",
                    arguments: [id, account]
                )
            }
            let detail =
                "role \(role.rawValue)" + (accounts.isEmpty ? "" : ", accounts \(accounts.joined(separator: ", "))")
            try Self.log(
                db,
                at: date,
                actor: actor.description,
                email: contact.email,
                kind: "user-added",
                detail: detail
            )
            guard let user = try Self.userRow(email: contact.email, db) else {
                throw StoreError.database("the user just added cannot be read back")
            }
            return user
        }
    }

    /// The user signing in with `email` (in any case), if any.
    public func user(email: String) throws(StoreError) -> WebUser? {
        try read { db in try Self.userRow(email: email.lowercased(), db) }
    }

    /// Every user, by e-mail.
    public func users() throws(StoreError) -> [WebUser] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT email FROM web_users ORDER BY email").compactMap {
                try Self.userRow(email: $0, db)
            }
        }
    }

    /// Sets the bcrypt hash, clears failed attempts and any lock, and ends every session of the user.
    public func setPasswordHash(_ hash: String, email: String, by actor: Actor, at date: Date) throws(StoreError) {
        try writeUsers { db in
            let user = try Self.existingUser(email: email, db)
            try db.execute(
                sql: "UPDATE web_users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?",
                arguments: [hash, user.id]
            )
            try db.execute(sql: "DELETE FROM web_sessions WHERE user_id = ?", arguments: [user.id])
            try Self.log(db, at: date, actor: actor.description, email: user.email, kind: "password-set", detail: "")
        }
    }

    /// Disables the user, ends their sessions and voids their unused sign-in links.
    public func disableUser(email: String, by actor: Actor, at date: Date) throws(StoreError) {
        try writeUsers { db in
            let user = try Self.existingUser(email: email, db)
            try db.execute(sql: "UPDATE web_users SET disabled = 1 WHERE id = ?", arguments: [user.id])
            try db.execute(sql: "DELETE FROM web_sessions WHERE user_id = ?", arguments: [user.id])
            try db.execute(
                sql: "UPDATE web_sign_in_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                arguments: [Self.seconds(date), user.id]
            )
            try Self.log(db, at: date, actor: actor.description, email: user.email, kind: "user-disabled", detail: "")
        }
    }

    /// Keeps a sign-in link for an enabled user.
    ///
    /// - Throws: ``StoreError/notFound(kind:id:)`` for no such user, ``StoreError/rejected(_:)`` for a disabled one.
    public func addSignInLink(
        tokenHash: String,
        email: String,
        expiresAt: Date,
        by actor: Actor,
        at date: Date
    ) throws(StoreError) {
        try writeUsers { db in
            let user = try Self.existingUser(email: email, db)
            guard !user.isDisabled else {
                throw StoreError.rejected(
                    .invalidValue(field: "user", value: user.email, expected: "an enabled user (this one is disabled)")
                )
            }
            try db.execute(
                sql: "INSERT INTO web_sign_in_links (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [tokenHash, user.id, Self.seconds(date), Self.seconds(expiresAt)]
            )
            let minutes = Int((expiresAt.timeIntervalSince(date) / 60).rounded())
            try Self.log(
                db,
                at: date,
                actor: actor.description,
                email: user.email,
                kind: "sign-in-link-created",
                detail: "valid for \(minutes) minutes"
            )
        }
    }

    /// Uses up a sign-in link and returns its user; `nil` (and nothing changed) for an unknown, used
    /// or expired link or a disabled user.
    public func useSignInLink(tokenHash: String, at date: Date) throws(StoreError) -> WebUser? {
        try writeUsers { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT l.user_id, u.email FROM web_sign_in_links l JOIN web_users u ON u.id = l.user_id
                        WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND u.disabled = 0
                        """,
                    arguments: [tokenHash, Self.seconds(date)]
                )
            else { return nil }
            let email: String = row["email"]
            try db.execute(
                sql: "UPDATE web_sign_in_links SET used_at = ? WHERE token_hash = ?",
                arguments: [Self.seconds(date), tokenHash]
            )
            try db.execute(
                sql: "UPDATE web_users SET failed_attempts = 0, locked_until = NULL WHERE email = ?",
                arguments: [email]
            )
            return try Self.userRow(email: email, db)
        }
    }
}

extension SQLiteStore {
    /// A write transaction over the user tables; a store error thrown inside comes out as it is.
    func writeUsers<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        guard !isReadOnly else { throw .readOnly(path: path) }
        do {
            return try pool.write { db in try body(db) }
        } catch {
            throw Self.translate(error)
        }
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    static func date(_ seconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    static func log(_ db: Database, at date: Date, actor: String, email: String, kind: String, detail: String) throws {
        try db.execute(
            sql: "INSERT INTO user_events (at, actor, email, kind, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [seconds(date), actor, email, kind, detail]
        )
    }

    static func existingUser(email: String, _ db: Database) throws -> WebUser {
        guard let user = try userRow(email: email.lowercased(), db) else {
            throw StoreError.notFound(kind: "user", id: email)
        }
        return user
    }

    static func userRow(email: String, _ db: Database) throws -> WebUser? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM web_users WHERE email = ?", arguments: [email]) else {
            return nil
        }
        return try user(row, db)
    }

    static func user(_ row: Row, _ db: Database) throws -> WebUser {
        let id: Int64 = row["id"]
        let roleText: String = row["role"]
        let locked: Int64? = row["locked_until"]
        return WebUser(
            id: id,
            email: row["email"],
            name: row["name"],
            role: WebRole(rawValue: roleText) ?? .user,
            accountIDs: try String.fetchAll(
                db,
                sql: "SELECT account_id FROM web_user_accounts WHERE user_id = ? ORDER BY account_id",
                arguments: [id]
            ),
            passwordHash: row["password_hash"],
            isDisabled: (row["disabled"] as Int64) != 0,
            failedAttempts: Int(row["failed_attempts"] as Int64),
            lockedUntil: locked.map(date)
        )
    }
}
