import Billing
import Foundation

/// Sign-in attempts and sessions of the Billing Center in a ``DatabaseBillingStore``: the same
/// logic and SQL on SQLite and PostgreSQL.
extension DatabaseBillingStore {
    /// Counts a failed password, locking the user at the policy's limit.
    ///
    /// The user's count goes up, and at the policy's limit the user is locked for its time (`locked`).
    /// An unknown e-mail is logged too, and changes nothing else.
    @discardableResult
    public func recordFailedSignIn(email: String, policy: LockoutPolicy, at date: Date) throws(StoreError) -> WebUser? {
        let address = email.lowercased()
        return try writingRows { db in
            typealias Rows = StoreTransaction<Connection>
            guard let user = try Rows.userRow(email: address, db) else {
                try Rows.logUserEvent(
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
                "UPDATE web_users SET failed_attempts = ? WHERE id = ?",
                [
                    .integer(Int64(attempts)), .integer(user.id),
                ]
            )
            try Rows.logUserEvent(
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
                    "UPDATE web_users SET locked_until = ?, failed_attempts = 0 WHERE id = ?",
                    [.integer(Rows.seconds(until)), .integer(user.id)]
                )
                try Rows.logUserEvent(
                    db,
                    at: date,
                    actor: "system",
                    email: user.email,
                    kind: "locked",
                    detail: "after \(attempts) failed attempts, for \(Int(policy.lockFor / 60)) minutes"
                )
            }
            return try Rows.userRow(email: user.email, db)
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
        try writingRows { db in
            typealias Rows = StoreTransaction<Connection>
            guard
                let email = try db.first(
                    "SELECT email FROM web_users WHERE id = ?",
                    [.integer(userID)],
                    { row in try row.text("email") }
                )
            else { throw StoreError.notFound(kind: "user", id: String(userID)) }
            try db.execute(
                "UPDATE web_users SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                [.integer(userID)]
            )
            try db.execute(
                "INSERT INTO web_sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                [.text(tokenHash), .integer(userID), .integer(Rows.seconds(date)), .integer(Rows.seconds(expiresAt))]
            )
            // Sessions that ended are forgotten as new ones open.
            try db.execute("DELETE FROM web_sessions WHERE expires_at <= ?", [.integer(Rows.seconds(date))])
            try Rows.logUserEvent(
                db,
                at: date,
                actor: email,
                email: email,
                kind: "signed-in",
                detail: "with a \(method)"
            )
        }
    }

    /// The session whose token hashes to `tokenHash`, if it has not expired and its user is enabled.
    public func session(tokenHash: String, at date: Date) throws(StoreError) -> WebSession? {
        try reading { db in
            typealias Rows = StoreTransaction<Connection>
            guard
                let (user, createdAt, expiresAt) = try db.first(
                    """
                    SELECT s.created_at, s.expires_at, u.* FROM web_sessions s JOIN web_users u ON u.id = s.user_id
                    WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0
                    """,
                    [.text(tokenHash), .integer(Rows.seconds(date))],
                    { row in (try Rows.user(row), try row.int64("created_at"), try row.int64("expires_at")) }
                )
            else { return nil }
            return WebSession(
                tokenHash: tokenHash,
                user: try Rows.withAccounts(user, db),
                createdAt: Rows.date(createdAt),
                expiresAt: Rows.date(expiresAt)
            )
        }
    }

    /// Ends the session, logged as `signed-out` by its user; an unknown one changes nothing.
    public func endSession(tokenHash: String, at date: Date) throws(StoreError) {
        try writingRows { db in
            guard
                let email = try db.first(
                    "SELECT u.email FROM web_sessions s JOIN web_users u ON u.id = s.user_id WHERE s.token_hash = ?",
                    [.text(tokenHash)],
                    { row in try row.text("email") }
                )
            else { return }
            try db.execute("DELETE FROM web_sessions WHERE token_hash = ?", [.text(tokenHash)])
            try StoreTransaction<Connection>.logUserEvent(
                db,
                at: date,
                actor: email,
                email: email,
                kind: "signed-out",
                detail: ""
            )
        }
    }

    /// The users' log, oldest first; of one user (any case), or all.
    public func userEvents(email: String?) throws(StoreError) -> [UserEvent] {
        try reading { db in
            try db.all(
                "SELECT * FROM user_events WHERE CAST(?1 AS TEXT) IS NULL OR email = ?1 ORDER BY seq",
                [email?.lowercased().storedArgument ?? .null]
            ) { row in
                UserEvent(
                    at: StoreTransaction<Connection>.date(try row.int64("at")),
                    actor: try row.text("actor"),
                    email: try row.text("email"),
                    kind: try row.text("kind"),
                    detail: try row.text("detail")
                )
            }
        }
    }
}
