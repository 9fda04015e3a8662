import Billing
import Foundation

/// What a person signed in to the Billing Center may do.
public enum WebRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// The billing contact of the accounts they are linked to.
    case contact
    /// Another user of the accounts they are linked to: sees, changes nothing.
    case user
    /// A representative of the vendor (corporate account services): sees every account.
    case representative
}

/// A person who can sign in to the Billing Center, as the store keeps them.
///
/// Passwords are kept only as a bcrypt hash; a new user has none until one is set or they sign in
/// with a one-time link.
public struct WebUser: Sendable, Hashable {
    /// The store's number for the user.
    public var id: Int64
    /// E-mail address, lower-case: what they sign in with.
    public var email: String
    /// Their name, shown on the pages.
    public var name: String
    /// Contact, user or representative.
    public var role: WebRole
    /// The accounts they belong to (none for a representative, who sees all).
    public var accountIDs: [String]
    /// The bcrypt hash of their password; `nil` until one is set.
    public var passwordHash: String?
    /// Whether they may no longer sign in.
    public var isDisabled: Bool
    /// Failed password attempts since the last sign-in.
    public var failedAttempts: Int
    /// Until when sign-in is refused after too many failed attempts.
    public var lockedUntil: Date?

    /// Creates one as read from the store.
    public init(
        id: Int64,
        email: String,
        name: String,
        role: WebRole,
        accountIDs: [String],
        passwordHash: String?,
        isDisabled: Bool,
        failedAttempts: Int,
        lockedUntil: Date?
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.accountIDs = accountIDs
        self.passwordHash = passwordHash
        self.isDisabled = isDisabled
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
    }

    /// The actor the event log records for what this user does.
    public var actor: Actor {
        role == .representative ? .representative(name: name) : .user(email: email)
    }

    /// Whether the user may see account `accountID`: a representative sees every account.
    public func maySee(account accountID: String) -> Bool {
        role == .representative || accountIDs.contains(accountID)
    }
}

/// A signed-in browser: the store keeps only the SHA-256 of the cookie's random value.
public struct WebSession: Sendable, Hashable {
    /// The SHA-256 (hex) of the session cookie's value.
    public var tokenHash: String
    /// Who signed in.
    public var user: WebUser
    /// When it was opened.
    public var createdAt: Date
    /// When it ends.
    public var expiresAt: Date

    /// Creates one as read from the store.
    public init(tokenHash: String, user: WebUser, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.user = user
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// One entry of the users' log: who did what to whose sign-in, and when.
///
/// It never holds a password or a token.
public struct UserEvent: Sendable, Hashable {
    /// When it happened.
    public var at: Date
    /// Who acted, in the event log's form: an e-mail, `rep:NAME` or `system`.
    public var actor: String
    /// The user it is about.
    public var email: String
    /// What happened, such as `user-added`, `password-set`, `signed-in`, `sign-in-failed` or `locked`.
    public var kind: String
    /// Details for a person: the role and accounts, how the user signed in, how long a lock lasts.
    public var detail: String

    /// Creates one.
    public init(at: Date, actor: String, email: String, kind: String, detail: String) {
        self.at = at
        self.actor = actor
        self.email = email
        self.kind = kind
        self.detail = detail
    }
}

/// How many failed passwords are tolerated before sign-in is locked, and for how long.
public struct LockoutPolicy: Sendable, Hashable {
    /// Failed attempts after which each further attempt waits ``delay`` before answering.
    public var slowAfter: Int
    /// How long a slowed attempt waits.
    public var delay: Duration
    /// Failed attempts in a row that lock the user.
    public var lockAfter: Int
    /// How long a lock lasts.
    public var lockFor: TimeInterval

    /// Creates a policy; the default slows after 3 failures by a second and locks after 5 for 15 minutes.
    public init(slowAfter: Int = 3, delay: Duration = .seconds(1), lockAfter: Int = 5, lockFor: TimeInterval = 900) {
        self.slowAfter = slowAfter
        self.delay = delay
        self.lockAfter = lockAfter
        self.lockFor = lockFor
    }
}

/// The Billing Center's users, sessions and one-time sign-in links, and their log.
///
/// Tokens reach the store hashed (SHA-256): a copy of the store signs no one in. Every change
/// is recorded as a ``UserEvent`` with its actor, in the same transaction.
public protocol UserDirectory: Sendable {
    /// Adds a user linked to `accountIDs` (each must exist; none for a representative).
    @discardableResult
    func addUser(
        email: String,
        name: String,
        role: WebRole,
        accountIDs: [String],
        by actor: Actor,
        at date: Date
    ) throws(StoreError) -> WebUser
    /// The user signing in with `email`, if any.
    func user(email: String) throws(StoreError) -> WebUser?
    /// Every user, by e-mail.
    func users() throws(StoreError) -> [WebUser]
    /// Sets a user's password hash, lifts a lock and ends their sessions.
    func setPasswordHash(_ hash: String, email: String, by actor: Actor, at date: Date) throws(StoreError)
    /// Stops a user from signing in and ends their sessions.
    func disableUser(email: String, by actor: Actor, at date: Date) throws(StoreError)
    /// Keeps a one-time sign-in link (its token's hash) for a user until `expiresAt`.
    func addSignInLink(
        tokenHash: String,
        email: String,
        expiresAt: Date,
        by actor: Actor,
        at date: Date
    )
        throws(StoreError)
    /// Uses a sign-in link: the user, if the link exists, is unused, unexpired and its user enabled; it is used up.
    func useSignInLink(tokenHash: String, at date: Date) throws(StoreError) -> WebUser?
    /// Counts a failed password for `email` and locks the user once the policy says so; returns the user after it.
    @discardableResult
    func recordFailedSignIn(email: String, policy: LockoutPolicy, at date: Date) throws(StoreError) -> WebUser?
    /// Opens a session for a user who proved who they are (`method`: "password" or "link").
    func openSession(
        tokenHash: String,
        userID: Int64,
        method: String,
        expiresAt: Date,
        at date: Date
    )
        throws(StoreError)
    /// The session with this token hash, if it has not ended and its user is not disabled.
    func session(tokenHash: String, at date: Date) throws(StoreError) -> WebSession?
    /// Ends a session (sign-out).
    func endSession(tokenHash: String, at date: Date) throws(StoreError)
    /// The users' log, oldest first; of one user, or all.
    func userEvents(email: String?) throws(StoreError) -> [UserEvent]
}
