import GRDB

/// The schema of the Billing Center (issue 20): users, their accounts, sessions, sign-in links and their log.
extension SQLiteStore {
    /// Users with their role, bcrypt hash and lock state; the accounts each belongs to; sessions and
    /// one-time sign-in links by the SHA-256 of their token (the token itself is never stored); and
    /// `user_events`, the append-only log of every change with its actor.
    static func createUserTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE web_users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('contact', 'user', 'representative')),
                    password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0,
                    failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until INTEGER, created_at INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE web_user_accounts (
                    user_id INTEGER NOT NULL REFERENCES web_users(id), account_id TEXT NOT NULL REFERENCES accounts(id),
                    PRIMARY KEY (user_id, account_id)
                ) STRICT;
                CREATE INDEX web_user_accounts_by_account ON web_user_accounts(account_id);
                CREATE TABLE web_sessions (
                    token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES web_users(id),
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE web_sign_in_links (
                    token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES web_users(id),
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER
                ) STRICT;
                CREATE TABLE user_events (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,
                    email TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL
                ) STRICT;
                CREATE INDEX user_events_by_email ON user_events(email, seq);
                """
        )
        try forbidChanges(to: "user_events", db)
    }
}
