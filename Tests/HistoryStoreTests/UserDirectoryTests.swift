import Billing
import Foundation
import HistoryStore
import Testing

/// The Billing Center's users, sign-in links, sessions and lockout, the mail relay, the record of
/// e-mailed documents and the runs' results: one logic on both stores (``StoreKind``), the same
/// test and the same expectations.
@Suite("Users, sessions and mail records")
struct UserDirectoryTests {
    let fixtures: StoreFixtures
    static let marco = Actor.representative(name: "Marco")
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    init() throws {
        fixtures = try StoreFixtures()
    }

    /// A store of `kind` with two accounts.
    func store(_ kind: StoreKind) throws -> any BillingStore {
        let store = try fixtures.newStore(kind)
        try store.importFiles([("accounts.json", StoreFixtures.file(StoreFixtures.events(accounts: 2)))])
        return store
    }

    @Test(arguments: StoreKind.allCases)
    func aUserIsAddedWithTheirAccountsAndEveryChangeIsLoggedWithItsActor(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try store(kind)
        let anna = try store.addUser(
            email: "Anna@Example.COM",
            name: "Anna",
            role: .contact,
            accountIDs: ["ACC-00002", "ACC-00001", "ACC-00002"],
            by: Self.marco,
            at: Self.start
        )
        #expect(anna.email == "anna@example.com")
        #expect(anna.accountIDs == ["ACC-00001", "ACC-00002"])
        #expect(anna.passwordHash == nil)
        #expect(try store.user(email: "ANNA@example.com") == anna)
        #expect(throws: StoreError.duplicate(kind: "user", id: "anna@example.com")) {
            try store.addUser(
                email: "anna@example.com",
                name: "A",
                role: .user,
                accountIDs: ["ACC-00001"],
                by: Self.marco,
                at: Self.start
            )
        }
        #expect(throws: StoreError.notFound(kind: "account", id: "NOPE")) {
            try store.addUser(
                email: "b@example.com",
                name: "B",
                role: .user,
                accountIDs: ["NOPE"],
                by: Self.marco,
                at: Self.start
            )
        }
        try store.addUser(
            email: "rep@vendor.example",
            name: "Rep",
            role: .representative,
            accountIDs: [],
            by: Self.marco,
            at: Self.start
        )
        #expect(try store.users().map(\.email) == ["anna@example.com", "rep@vendor.example"])

        try store.setPasswordHash("$2b$12$hashhashhash", email: "anna@example.com", by: Self.marco, at: Self.start)
        #expect(try store.user(email: "anna@example.com")?.passwordHash == "$2b$12$hashhashhash")
        try store.disableUser(email: "anna@example.com", by: Self.marco, at: Self.start)
        #expect(try store.user(email: "anna@example.com")?.isDisabled == true)

        let log = try store.userEvents(email: "ANNA@example.com")
        #expect(log.map(\.kind) == ["user-added", "password-set", "user-disabled"])
        #expect(log.allSatisfy { $0.actor == "rep:Marco" })
        #expect(log[0].detail == "role contact, accounts ACC-00001, ACC-00002")
        #expect(!log.contains { $0.detail.contains("hash") }, "the log holds no password hash")
        #expect(try store.userEvents(email: nil).count == 4)
    }

    @Test(arguments: StoreKind.allCases)
    func aSignInLinkSignsInOnceBeforeItExpiresAndNotADisabledUser(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try store(kind)
        try store.addUser(
            email: "anna@example.com",
            name: "Anna",
            role: .user,
            accountIDs: ["ACC-00001"],
            by: Self.marco,
            at: Self.start
        )
        let expires = Self.start.addingTimeInterval(1800)
        try store.addSignInLink(
            tokenHash: "link-1",
            email: "anna@example.com",
            expiresAt: expires,
            by: Self.marco,
            at: Self.start
        )
        try store.addSignInLink(
            tokenHash: "link-2",
            email: "anna@example.com",
            expiresAt: expires,
            by: Self.marco,
            at: Self.start
        )
        #expect(try store.useSignInLink(tokenHash: "link-1", at: expires) == nil, "expired at its last second")
        #expect(try store.useSignInLink(tokenHash: "link-1", at: Self.start)?.email == "anna@example.com")
        #expect(try store.useSignInLink(tokenHash: "link-1", at: Self.start) == nil, "used twice")
        #expect(try store.useSignInLink(tokenHash: "unknown", at: Self.start) == nil)
        try store.disableUser(email: "anna@example.com", by: Self.marco, at: Self.start)
        #expect(try store.useSignInLink(tokenHash: "link-2", at: Self.start) == nil, "a disabled user's link")
        #expect(throws: StoreError.self) {
            try store.addSignInLink(
                tokenHash: "link-3",
                email: "anna@example.com",
                expiresAt: expires,
                by: Self.marco,
                at: Self.start
            )
        }
        let created = try store.userEvents(email: "anna@example.com").filter { $0.kind == "sign-in-link-created" }
        #expect(created.map(\.detail) == ["valid for 30 minutes", "valid for 30 minutes"])
    }

    @Test(arguments: StoreKind.allCases)
    func repeatedFailuresLockTheUserAndASignInClearsTheCount(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try store(kind)
        try store.addUser(
            email: "anna@example.com",
            name: "Anna",
            role: .user,
            accountIDs: ["ACC-00001"],
            by: Self.marco,
            at: Self.start
        )
        let policy = LockoutPolicy(lockAfter: 3, lockFor: 600)
        #expect(
            try store.recordFailedSignIn(email: "ANNA@example.com", policy: policy, at: Self.start)?
                .failedAttempts == 1
        )
        #expect(
            try store.recordFailedSignIn(email: "anna@example.com", policy: policy, at: Self.start)?
                .failedAttempts == 2
        )
        let locked = try #require(
            try store.recordFailedSignIn(email: "anna@example.com", policy: policy, at: Self.start)
        )
        #expect(locked.lockedUntil == Self.start.addingTimeInterval(600))
        #expect(locked.failedAttempts == 0)
        #expect(try store.recordFailedSignIn(email: "nobody@example.com", policy: policy, at: Self.start) == nil)
        let log = try store.userEvents(email: "anna@example.com").map { "\($0.kind): \($0.detail)" }
        #expect(
            log.suffix(2) == ["sign-in-failed: 3 failed in a row", "locked: after 3 failed attempts, for 10 minutes"]
        )
        #expect(try store.userEvents(email: "nobody@example.com").map(\.detail) == ["unknown user"])

        // A new password lifts the lock.
        try store.setPasswordHash("$2b$12$new", email: "anna@example.com", by: Self.marco, at: Self.start)
        let unlocked = try #require(try store.user(email: "anna@example.com"))
        #expect(unlocked.lockedUntil == nil)
        #expect(unlocked.failedAttempts == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func aSessionLastsUntilItExpiresOrEndsAndANewPasswordEndsIt(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try store(kind)
        let anna = try store.addUser(
            email: "anna@example.com",
            name: "Anna",
            role: .contact,
            accountIDs: ["ACC-00001"],
            by: Self.marco,
            at: Self.start
        )
        let end = Self.start.addingTimeInterval(3600)
        try store.openSession(tokenHash: "s1", userID: anna.id, method: "password", expiresAt: end, at: Self.start)
        let session = try #require(try store.session(tokenHash: "s1", at: Self.start.addingTimeInterval(3599)))
        #expect(session.user.email == "anna@example.com")
        #expect(session.user.accountIDs == ["ACC-00001"])
        #expect(session.createdAt == Self.start)
        #expect(session.expiresAt == end)
        #expect(try store.session(tokenHash: "s1", at: end) == nil, "expired")
        #expect(try store.session(tokenHash: "other", at: Self.start) == nil)

        try store.openSession(tokenHash: "s2", userID: anna.id, method: "sign-in link", expiresAt: end, at: Self.start)
        try store.endSession(tokenHash: "s2", at: Self.start)
        #expect(try store.session(tokenHash: "s2", at: Self.start) == nil, "signed out")
        try store.openSession(tokenHash: "s3", userID: anna.id, method: "password", expiresAt: end, at: Self.start)
        try store.setPasswordHash("$2b$12$x", email: "anna@example.com", by: Self.marco, at: Self.start)
        #expect(try store.session(tokenHash: "s3", at: Self.start) == nil, "a new password ends every session")
        #expect(throws: StoreError.notFound(kind: "user", id: "999")) {
            try store.openSession(tokenHash: "s4", userID: 999, method: "password", expiresAt: end, at: Self.start)
        }
        let kinds = try store.userEvents(email: "anna@example.com").map { "\($0.kind) \($0.detail)" }
        #expect(kinds.contains("signed-in with a sign-in link"))
        #expect(kinds.contains("signed-out "))
    }

    @Test(arguments: StoreKind.allCases)
    func theMailRelayAndEveryDocumentEmailedAreKeptAsWritten(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try store(kind)
        #expect(try store.mailRelay() == nil)
        let relay = MailRelay(
            security: "starttls",
            host: "smtp.example.com",
            port: 587,
            from: "Billing <billing@vendor.example>",
            userVariable: "SMTP_USER",
            passwordVariable: "SMTP_PASSWORD"
        )
        try store.apply(
            StoreEvent(
                date: try StoreFixtures.date("2026-01-02"),
                actor: Self.marco,
                action: .setMailRelay(relay)
            )
        )
        #expect(try store.mailRelay() == relay)

        // What the mailer reads before sending again: a document already e-mailed is found by kind and number.
        let first = MailSending(
            kind: "invoice",
            reference: "2026/0001",
            accountID: "ACC-00001",
            recipient: "anna@example.com",
            subject: "Invoice 2026/0001",
            attachments: "2026-0001.pdf",
            actor: "rep:Marco",
            sentAt: "2026-01-02T10:00:00Z",
            messageID: "<1@vendor.example>",
            serverReply: "250 2.0.0 queued as A1"
        )
        #expect(try store.sendings(kind: "invoice", reference: "2026/0001").isEmpty)
        try store.recordSending(first)
        var again = first
        again.sentAt = "2026-01-03T10:00:00Z"
        again.accountID = nil
        try store.recordSending(again)
        try store.recordSending(
            MailSending(
                kind: "reminder",
                reference: "R-1",
                accountID: "ACC-00002",
                recipient: "b@example.com",
                subject: "Reminder",
                attachments: "r.pdf",
                actor: "system",
                sentAt: "2026-01-04T10:00:00Z",
                messageID: "<2@vendor.example>",
                serverReply: "250 ok"
            )
        )
        #expect(try store.sendings(kind: "invoice", reference: "2026/0001") == [first, again])
        #expect(try store.sendings(kind: "invoice", reference: "2026/0002").isEmpty)
        #expect(try store.sendings(kind: "reminder").map(\.reference) == ["R-1"])
        #expect(try store.sendings().count == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func theRunsResultsReadBackLatestFirst(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try store(kind)
        #expect(try store.invoiceRuns().isEmpty)
        for (index, period) in ["2026-01", "2026-02", "2026-03"].enumerated() {
            try store.recordInvoiceRun(
                InvoiceRunSummary(
                    startedAt: "2026-0\(index + 2)-01T02:00:00Z",
                    finishedAt: "2026-0\(index + 2)-01T02:05:00Z",
                    period: period,
                    kind: index == 1 ? "corporate" : nil,
                    through: try StoreFixtures.date("\(period)-28"),
                    issued: 10 + index,
                    printed: 9 + index,
                    skipped: 1,
                    failures: index == 2 ? ["SUB-1: \"no\" card", "invoice 2026/0042: ✗"] : [],
                    folder: "out/\(period)",
                    actor: "rep:Marco"
                )
            )
        }
        let runs = try store.invoiceRuns(limit: 2)
        #expect(runs.map(\.period) == ["2026-03", "2026-02"])
        #expect(runs[0].failures == ["SUB-1: \"no\" card", "invoice 2026/0042: ✗"])
        #expect(runs[0].through.description == "2026-03-28")
        #expect(runs[0].issued == 12)
        #expect(runs[1].kind == "corporate")
        #expect(runs[0].kind == nil)
    }
}
