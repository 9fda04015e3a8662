import Billing
import Foundation

/// The Billing Center's users and sign-in links in a ``DatabaseBillingStore``: the same logic and
/// SQL on SQLite and PostgreSQL (`StoreTransaction+Users.swift`).
///
/// Every change writes its ``UserEvent`` in the same transaction. Passwords reach the store only
/// as a bcrypt hash, tokens only as their SHA-256.
extension DatabaseBillingStore {
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
        return try writingRows { db in
            try StoreTransaction<Connection>.insertUser(
                contact,
                role: role,
                accounts: accounts,
                by: actor,
                at: date,
                db
            )
        }
    }

    /// The user signing in with `email` (in any case), if any.
    public func user(email: String) throws(StoreError) -> WebUser? {
        try reading { db in try StoreTransaction<Connection>.userRow(email: email.lowercased(), db) }
    }

    /// Every user, by e-mail.
    public func users() throws(StoreError) -> [WebUser] {
        try reading { db in
            try db.all("SELECT * FROM web_users ORDER BY email", []) { row in try StoreTransaction<Connection>.user(row)
            }.map {
                user in
                try StoreTransaction<Connection>.withAccounts(user, db)
            }
        }
    }

    /// Sets the bcrypt hash, clears failed attempts and any lock, and ends every session of the user.
    public func setPasswordHash(_ hash: String, email: String, by actor: Actor, at date: Date) throws(StoreError) {
        try writingRows { db in
            let user = try StoreTransaction<Connection>.existingUser(email: email, db)
            try db.execute(
                "UPDATE web_users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?",
                [.text(hash), .integer(user.id)]
            )
            try db.execute("DELETE FROM web_sessions WHERE user_id = ?", [.integer(user.id)])
            try StoreTransaction<Connection>.logUserEvent(
                db,
                at: date,
                actor: actor.description,
                email: user.email,
                kind: "password-set",
                detail: ""
            )
        }
    }

    /// Disables the user, ends their sessions and voids their unused sign-in links.
    public func disableUser(email: String, by actor: Actor, at date: Date) throws(StoreError) {
        try writingRows { db in
            let user = try StoreTransaction<Connection>.existingUser(email: email, db)
            try db.execute("UPDATE web_users SET disabled = 1 WHERE id = ?", [.integer(user.id)])
            try db.execute("DELETE FROM web_sessions WHERE user_id = ?", [.integer(user.id)])
            try db.execute(
                "UPDATE web_sign_in_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
                [.integer(StoreTransaction<Connection>.seconds(date)), .integer(user.id)]
            )
            try StoreTransaction<Connection>.logUserEvent(
                db,
                at: date,
                actor: actor.description,
                email: user.email,
                kind: "user-disabled",
                detail: ""
            )
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
        try writingRows { db in
            let user = try StoreTransaction<Connection>.existingUser(email: email, db)
            guard !user.isDisabled else {
                throw StoreError.rejected(
                    .invalidValue(field: "user", value: user.email, expected: "an enabled user (this one is disabled)")
                )
            }
            try db.execute(
                "INSERT INTO web_sign_in_links (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [
                    .text(tokenHash), .integer(user.id), .integer(StoreTransaction<Connection>.seconds(date)),
                    .integer(StoreTransaction<Connection>.seconds(expiresAt)),
                ]
            )
            let minutes = Int((expiresAt.timeIntervalSince(date) / 60).rounded())
            try StoreTransaction<Connection>.logUserEvent(
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
        try writingRows { db in
            guard
                let email = try db.first(
                    """
                    SELECT u.email FROM web_sign_in_links l JOIN web_users u ON u.id = l.user_id
                    WHERE l.token_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND u.disabled = 0
                    """,
                    [.text(tokenHash), .integer(StoreTransaction<Connection>.seconds(date))],
                    { row in try row.text("email") }
                )
            else { return nil }
            try db.execute(
                "UPDATE web_sign_in_links SET used_at = ? WHERE token_hash = ?",
                [.integer(StoreTransaction<Connection>.seconds(date)), .text(tokenHash)]
            )
            try db.execute(
                "UPDATE web_users SET failed_attempts = 0, locked_until = NULL WHERE email = ?",
                [.text(email)]
            )
            return try StoreTransaction<Connection>.userRow(email: email, db)
        }
    }
}
