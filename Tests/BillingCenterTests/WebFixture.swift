import Billing
import BillingCenter
import Canvas
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import PostgresStore
import Synchronization
import Testing

/// A clock the tests move forward.
final class TestClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_796_000_000))  // 2026-11-29
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Lines the access log wrote.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// The samples imported into a temporary store, three users with passwords, and a Billing Center over them.
///
/// anna (contact of ROSSI-IT), sam (user of BLUEFIN-US), marco (representative); each password is "<name>-password-1".
/// The store is a SQLite file, or with `.postgres` a database of its own on the tests' throw-away
/// PostgreSQL server (the test is cancelled, saying why, where PostgreSQL is not installed),
/// opened with `connections` connections as `serve --connections` opens it.
final class WebFixture: Sendable {
    let folder: URL
    let store: any BillingStore
    /// What `--store` takes for this store: the file's path, or the database's address with its password.
    let storeAddress: String
    let clock = TestClock()
    let log = LogLines()
    let center: BillingCenter

    static let anna = "anna.bianchi@studiorossi.example"
    static let sam = "sam@bluefin.example"
    static let marco = "marco@webinarseats.example"

    init(
        _ kind: StoreKind = .sqlite,
        secureCookies: Bool = false,
        today: CalendarDate? = nil,
        renderers: Int? = nil,
        postgresAddress: String? = nil,
        connections: Int = 4
    ) throws {
        folder = try temporaryFolder("billing-center")
        switch kind {
        case .sqlite:
            storeAddress = folder.appendingPathComponent("web.sqlite").path
            store = try SQLiteStore(path: storeAddress)
        case .postgres:
            storeAddress = try postgresAddress ?? Self.newPostgresDatabase()
            store = try PostgresStore(storeAddress, connections: connections)
        }
        if kind == .sqlite || postgresAddress != nil || Self.postgresTemplate == nil {
            try Self.fill(store, at: clock.date)
        }
        var settings = BillingCenterSettings()
        settings.secureCookies = secureCookies
        settings.today = today
        settings.bcryptCost = 4
        if let renderers { settings.renderers = renderers }
        settings.lockout = LockoutPolicy(slowAfter: 3, delay: .milliseconds(20), lockAfter: 5, lockFor: 900)
        let clock = clock
        let log = log
        settings.clock = { clock.date }
        settings.accessLog = { log.append($0) }
        center = try BillingCenter(
            store: store,
            templateFolder: repositoryRoot.appendingPathComponent("Templates"),
            fonts: FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf")),
            settings: settings
        )
    }

    /// Imports the samples into `store` and adds the three users with their passwords, at `now`.
    static func fill(_ store: any BillingStore, at now: Date) throws {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        try store.importFiles([("Samples/history.json", data)])
        let rep = Actor.representative(name: "Tests")
        try store.addUser(
            email: Self.anna,
            name: "Anna Bianchi",
            role: .contact,
            accountIDs: ["ROSSI-IT"],
            by: rep,
            at: now
        )
        try store.addUser(
            email: Self.sam,
            name: "Sam Carter",
            role: .user,
            accountIDs: ["BLUEFIN-US"],
            by: rep,
            at: now
        )
        try store.addUser(
            email: Self.marco,
            name: "Marco Neri",
            role: .representative,
            accountIDs: [],
            by: rep,
            at: now
        )
        for (email, password) in [
            (Self.anna, "anna-password-1"), (Self.sam, "sam-password-1"), (Self.marco, "marco-password-1"),
        ] {
            try store.setPasswordHash(Secrets.hashPassword(password, cost: 4), email: email, by: rep, at: now)
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A new database on the tests' throw-away PostgreSQL server, a copy of ``postgresTemplate``
    /// (empty if it could not be made); the test is cancelled, saying why, where there is no server.
    static func newPostgresDatabase() throws -> String {
        guard let server = ThrowAwayPostgres.shared else {
            try Test.cancel(Comment(rawValue: ThrowAwayPostgres.unavailableReason ?? "no PostgreSQL server"))
        }
        return try server.newDatabase(template: postgresTemplate)
    }

    /// The name of a database with the samples and the three users, made once on the shared server.
    ///
    /// Each PostgreSQL fixture starts as a copy of it (`createdb -T`), which is quicker than migrating
    /// and importing again. `nil` when it could not be made: each fixture then imports for itself.
    static let postgresTemplate: String? = {
        guard let server = ThrowAwayPostgres.shared, let address = try? server.newDatabase() else { return nil }
        do {
            // Closed at the end of the scope: nobody may be connected to a database that is copied.
            let store = try PostgresStore(address, connections: 1)
            try fill(store, at: TestClock().date)
        } catch {
            return nil
        }
        let path = address.split(separator: "?").first.map(String.init) ?? address
        return path.split(separator: "/").last.map(String.init)
    }()

    /// Runs `body` with a client of the center's router (its responder, with every middleware).
    func test<Value: Sendable>(_ body: @Sendable (WebClient) async throws -> Value) async throws -> Value {
        try await body(WebClient(router: center.router()))
    }

    /// Adds a user with `password` (as a representative would with `ledgerprint users add`).
    func addUser(_ email: String, name: String, role: WebRole, accounts: [String], password: String) throws {
        let rep = Actor.representative(name: "Tests")
        try store.addUser(email: email, name: name, role: role, accountIDs: accounts, by: rep, at: clock.date)
        try store.setPasswordHash(Secrets.hashPassword(password, cost: 4), email: email, by: rep, at: clock.date)
    }

    /// The number of an invoice of `accountID`, as it appears in download paths (`invoice-2026-0003`).
    func invoiceStem(of accountID: String) throws -> String {
        let number = try #require(try store.invoices(accountID: accountID).last?.number)
        return "invoice-\(number.year)-\(String(format: "%04d", number.sequence))"
    }
}

/// A browser's cookie jar over a test client.
///
/// Unless made with `language: nil`, its user has chosen English (the cookie `lp_lang=en`, as after
/// pressing *English* at the top of a page), so the texts the tests expect are English whatever
/// language the account prints in; `PageLanguageTests` use one that has chosen nothing.
struct Browser: Sendable {
    let client: WebClient
    var cookies: [String: String] = [:]
    /// The browser's `Accept-Language`, if it sends one.
    var acceptLanguage: String?

    init(_ client: WebClient, language: String? = "en") {
        self.client = client
        if let language { cookies[PageLanguageCookie.name] = language }
    }

    /// Sends a request with the jar's cookies, keeps the cookies it sets, and returns the response.
    mutating func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        form: [String: String]? = nil,
        body: String? = nil
    ) async throws -> WebResponse {
        var headers = HTTPFields()
        if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; "
            )
        }
        var buffer: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            let encoded = form.sorted { $0.key < $1.key }.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }
            buffer = ByteBuffer(string: encoded.joined(separator: "&"))
        } else if let body {
            headers[.contentType] = "application/x-www-form-urlencoded"
            buffer = ByteBuffer(string: body)
        }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: buffer)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";").first.map(String.init) ?? ""
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// The CSRF token of the first form in `html`.
    static func csrf(in html: String) throws -> String {
        let marker = "name=\"csrf\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        let end = try #require(html[start...].firstIndex(of: "\""))
        return String(html[start..<end])
    }

    /// Signs in with a password through the sign-in page; returns the POST's response.
    @discardableResult
    mutating func signIn(_ email: String, _ password: String) async throws -> WebResponse {
        let page = try await send(.get, "/sign-in")
        let csrf = try Self.csrf(in: String(buffer: page.body))
        return try await send(.post, "/sign-in", form: ["email": email, "password": password, "csrf": csrf])
    }
}

/// The Billing Center's language cookie.
enum PageLanguageCookie {
    static let name = "lp_lang"
}
