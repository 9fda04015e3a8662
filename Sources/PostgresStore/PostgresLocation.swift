import Foundation
import HistoryStore

/// Where a PostgreSQL store is: `postgres://user@host:5432/database?sslmode=verify-full` (or
/// `postgresql://…`), as given to `--store` or in `LEDGERPRINT_STORE`.
///
/// What the address leaves out, libpq takes from its `PG…` variables (`PGHOST`, `PGUSER`,
/// `PGPASSWORD`…) and the password from `~/.pgpass`, as `psql` does. A password in the address is
/// used but never shown: ``description`` leaves it out, and so does every message.
///
/// ```swift
/// let location = try PostgresLocation("postgres://billing@db.example.com/ledger?sslmode=verify-full")
/// print(location)  // postgres://billing@db.example.com/ledger?sslmode=verify-full
/// ```
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// The server's name or address, or the folder of its Unix socket; `nil` for libpq's default.
    public var host: String?
    /// The server's port; `nil` for libpq's default (5432).
    public var port: Int?
    /// The role to connect as; `nil` for libpq's default (`PGUSER`, else the system user).
    public var user: String?
    /// The database; `nil` for libpq's default (the user's name).
    public var database: String?
    /// The other settings of the address (`sslmode`, `sslrootcert`…), by name.
    public var settings: [String: String]
    /// The password given in the address, if any: passed to libpq, never printed.
    let password: String?

    /// The settings an address may carry besides user, password, host, port and database (libpq's
    /// own names, passed to it as they are).
    public static let knownSettings: Set<String> = [
        "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "passfile", "connect_timeout",
        "application_name", "target_session_attrs", "host", "port", "user", "dbname", "password",
    ]

    /// The values `sslmode` takes (libpq's).
    public static let sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    /// Whether `text` is a PostgreSQL address rather than a store file's path.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads an address.
    ///
    /// - Throws: ``StoreError/database(_:)`` naming what is wrong and what would be right; the
    ///   message repeats the address without its password.
    public init(_ address: String) throws(StoreError) {
        guard Self.isAddress(address), let components = URLComponents(string: address) else {
            throw .database(
                "'\(Self.withoutPassword(address))' is not a PostgreSQL address: "
                    + "write postgres://user@host:5432/database (or postgresql://…)"
            )
        }
        var settings: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.knownSettings.contains(item.name) else {
                throw .database(
                    "\(Self.withoutPassword(address)): unknown setting '\(item.name)'; known: "
                        + Self.knownSettings.sorted().joined(separator: ", ")
                )
            }
            settings[item.name] = item.value ?? ""
        }
        if let mode = settings["sslmode"], !Self.sslModes.contains(mode) {
            throw .database(
                "\(Self.withoutPassword(address)): sslmode '\(mode)' is not one of "
                    + Self.sslModes.joined(separator: ", ")
            )
        }
        host = settings.removeValue(forKey: "host") ?? components.host.flatMap { $0.isEmpty ? nil : $0 }
        if let text = settings.removeValue(forKey: "port") ?? components.port.map(String.init) {
            guard let number = Int(text), (1...65535).contains(number) else {
                throw .database("\(Self.withoutPassword(address)): port '\(text)' is not a number from 1 to 65535")
            }
            port = number
        } else {
            port = nil
        }
        user = settings.removeValue(forKey: "user") ?? components.user.flatMap { $0.isEmpty ? nil : $0 }
        password = settings.removeValue(forKey: "password") ?? components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = settings.removeValue(forKey: "dbname") ?? (path.isEmpty ? nil : path)
        self.settings = settings
    }

    /// The address without its password: what messages, logs and `--help` show.
    public var description: String {
        var text = "postgres://"
        if let user { text += Self.escaped(user) + "@" }
        if let host, !host.hasPrefix("/") { text += host.contains(":") ? "[\(host)]" : host }
        if let port { text += ":\(port)" }
        text += "/" + (database.map(Self.escaped) ?? "")
        var query = settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if let host, host.hasPrefix("/") { query.insert("host=\(host)", at: 0) }
        return query.isEmpty ? text : text + "?" + query.joined(separator: "&")
    }

    /// What libpq is given: the address's parts under libpq's keywords, and `ledgerprint` as the
    /// application's name unless the address names another.
    var connectionParameters: [(keyword: String, value: String)] {
        var parameters: [(keyword: String, value: String)] = []
        if let host { parameters.append(("host", host)) }
        if let port { parameters.append(("port", String(port))) }
        if let user { parameters.append(("user", user)) }
        if let password { parameters.append(("password", password)) }
        if let database { parameters.append(("dbname", database)) }
        for (name, value) in settings.sorted(by: { $0.key < $1.key }) { parameters.append((name, value)) }
        if settings["application_name"] == nil { parameters.append(("application_name", "ledgerprint")) }
        // Dates come back as YYYY-MM-DD whatever the server's default style; text is UTF-8.
        parameters.append(("options", "-c DateStyle=ISO,YMD -c TimeZone=UTC"))
        parameters.append(("client_encoding", "UTF8"))
        return parameters
    }

    /// `message` with the address's password, if any, replaced by `***`.
    func redacting(_ message: String) -> String {
        guard let password, !password.isEmpty else { return message }
        let encoded = password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? password
        return message.replacingOccurrences(of: password, with: "***").replacingOccurrences(of: encoded, with: "***")
    }

    /// An address as text with whatever stands between `://user:` and `@` removed, for messages
    /// about an address that could not be read.
    static func withoutPassword(_ address: String) -> String {
        guard let scheme = address.range(of: "://"), let at = address.range(of: "@", options: .backwards),
            scheme.upperBound < at.lowerBound
        else { return address }
        let userInfo = address[scheme.upperBound..<at.lowerBound]
        guard let colon = userInfo.firstIndex(of: ":") else { return address }
        return String(address[..<colon]) + String(address[at.lowerBound...])
    }

    private static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? text
    }
}
