import Billing
import Foundation
import GRDB

/// Sign-in attempts and sessions of the Billing Center in the SQLite store.
extension SQLiteStore {
    /// Counts a failed password, locking the user at the policy's limit.
    ///
    /// The user's count goes up, and at the policy's limit the user is locked for its time (`locked`).
    /// An unknown e-mail is logged too, and changes nothing else.
    @discardableResult
    public func recordFailedSignIn(email: String, policy: LockoutPolicy, at date: Date) throws(StoreError) -> WebUser? {
        let address = email.lowercased()
        return try writeUsers { db in
            guard let user = try Self.userRow(email: address, db) else {
                try Self.log(
                    db,
                    at: date,
                    actor: "system",
                    email: address,
                    kind: "sign-in-failed",
                    detail: "unknown user"
                )
                return nil
            }
            let attempts = user.failedAttempts + 1
            try db.execute(
                sql: "UPDATE web_users SET failed_attempts = ? WHERE id = ?",
                arguments: [attempts, user.id]
            )
            try Self.log(
                db,
                at: date,
                actor: "system",
                email: user.email,
                kind: "sign-in-failed",
                detail: "\(attempts) failed in a row"
            )
            if attempts >= policy.lockAfter {
                let until = date.addingTimeInterval(policy.lockFor)
                try db.execute(
                    sql: "UPDATE web_users SET locked_until = ?, failed_attempts = 0 WHERE id = ?",
                    arguments: [Self.seconds(until), user.id]
                )
                try Self.log(
                    db,
                    at: date,
                    actor: "system",
                    email: user.email,
                    kind: "locked",
                    detail: "after \(attempts) failed attempts, for \(Int(policy.lockFor / 60)) minutes"
                )
            }
            return try Self.userRow(email: user.email, db)
        }
    }

    /// Opens a session and clears the user's failed attempts; logged as `signed-in` with `method`.
    public func openSession(
        tokenHash: String,
        userID: Int64,
        method: String,
        expiresAt: Date,
        at date: Date
    ) throws(StoreError) {
        try writeUsers { db in
            guard
                let email = try String.fetchOne(
                    db,
                    sql: "SELECT email FROM web_users WHERE id = ?",
                    arguments: [userID]
                )
            else { throw StoreError.notFound(kind: "user", id: String(userID)) }
            try db.execute(
                sql: "UPDATE web_users SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                arguments: [userID]
            )
            try db.execute(
                sql: "INSERT INTO web_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [tokenHash, userID, Self.seconds(date), Self.seconds(expiresAt)]
            )
            // Sessions that ended are forgotten as new ones open.
            try db.execute(sql: "DELETE FROM web_sessions WHERE expires_at <= ?", arguments: [Self.seconds(date)])
            try Self.log(db, at: date, actor: email, email: email, kind: "signed-in", detail: "with a \(method)")
        }
    }

    /// The session whose token hashes to `tokenHash`, if it has not expired and its user is enabled.
    public func session(tokenHash: String, at date: Date) throws(StoreError) -> WebSession? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.created_at, s.expires_at, u.* FROM web_sessions s JOIN web_users u ON u.id = s.user_id
                        WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0
                        """,
                    arguments: [tokenHash, Self.seconds(date)]
                )
            else { return nil }
            return WebSession(
                tokenHash: tokenHash,
                user: try Self.user(row, db),
                createdAt: Self.date(row["created_at"]),
                expiresAt: Self.date(row["expires_at"])
            )
        }
    }

    /// Ends the session, logged as `signed-out` by its user; an unknown one changes nothing.
    public func endSession(tokenHash: String, at date: Date) throws(StoreError) {
        try writeUsers { db in
            guard
                let email = try String.fetchOne(
                    db,
                    sql:
                        "SELECT u.email FROM web_sessions s JOIN web_users u ON u.id = s.user_id WHERE s.token_hash = ?",
                    arguments: [tokenHash]
                )
            else { return }
            try db.execute(sql: "DELETE FROM web_sessions WHERE token_hash = ?", arguments: [tokenHash])
            try Self.log(db, at: date, actor: email, email: email, kind: "signed-out", detail: "")
        }
    }

    /// The users' log, oldest first; of one user (any case), or all.
    public func userEvents(email: String?) throws(StoreError) -> [UserEvent] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM user_events WHERE ?1 IS NULL OR email = ?1 ORDER BY seq",
                arguments: [email?.lowercased()]
            ).map { row in
                UserEvent(
                    at: Self.date(row["at"]),
                    actor: row["actor"],
                    email: row["email"],
                    kind: row["kind"],
                    detail: row["detail"]
                )
            }
        }
    }
}
