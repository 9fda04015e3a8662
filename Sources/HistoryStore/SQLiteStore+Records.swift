import Billing
import EventLog
import GRDB

/// Loading and saving the mutable records: settings, accounts, subscriptions, quotes, W-9 requests.
extension SQLiteStore {
    static func setting<T: Decodable & Sendable>(_ name: String, as type: T.Type, _ db: Database) throws -> T? {
        let memo = TransactionMemo.current(for: db)
        if let value = memo?.settings[name] as? T { return value }
        let value = try HotStatement.withBytes(db, "SELECT data FROM settings WHERE name = ?", [name]) { bytes in
            try bytes.map { try cached(type, .init(table: "settings", id: name), bytes: $0) }
        }
        if let value { memo?.settings[name] = value }
        return value
    }

    static func saveSetting<T: Encodable & Sendable>(_ name: String, _ value: T, _ db: Database) throws {
        let text = try encode(value)
        try Self.execute(
            db,
            sql: "INSERT INTO settings(name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data",
            arguments: [name, text]
        )
        RecordCache.current?.remember(value, as: text, .init(table: "settings", id: name))
        TransactionMemo.current(for: db)?.settings[name] = value
    }

    /// A stored record's `bytes` decoded, through the current operation's cache when there is one.
    static func cached<T: Decodable & Sendable>(
        _ type: T.Type,
        _ key: RecordCache.Key,
        bytes: UnsafeBufferPointer<UInt8>
    ) throws -> T {
        guard let cache = RecordCache.current else { return try EventLogJSON.decode(type, from: Array(bytes)) }
        return try cache.value(type, key, bytes: bytes)
    }

    static func catalog(_ db: Database) throws -> Catalog {
        guard let catalog = try setting("catalog", as: Catalog.self, db) else {
            throw StoreError.notFound(kind: "catalog", id: "(none set: import one with a set-catalog event)")
        }
        return catalog
    }

    static func account(_ id: String, _ db: Database) throws -> Account {
        try record(Account.self, from: "accounts", id: id, kind: "account", db)
    }

    static func save(_ account: Account, _ db: Database) throws {
        let text = try encode(account)
        try Self.execute(
            db,
            sql: """
                INSERT INTO accounts(id, name, kind, data) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, data = excluded.data
                """,
            arguments: [account.id, account.name, account.kind.rawValue, text]
        )
        RecordCache.current?.remember(account, as: text, .init(table: "accounts", id: account.id))
    }

    static func subscription(_ id: String, _ db: Database) throws -> Subscription {
        try record(Subscription.self, from: "subscriptions", id: id, kind: "subscription", db)
    }

    static func save(_ subscription: Subscription, _ db: Database) throws {
        let text = try encode(subscription)
        // An UPDATE, and an INSERT only for a new one: most saves change a subscription that exists,
        // and an upsert first tries, and fails, to insert it.
        let (status, periodEnd) = (subscription.status.rawValue, subscription.currentPeriod.end.description)
        try Self.execute(
            db,
            sql: "UPDATE subscriptions SET status = ?, period_end = ?, data = ? WHERE id = ?",
            arguments: [status, periodEnd, text, subscription.id]
        )
        if db.changesCount == 0 {
            try Self.execute(
                db,
                sql: "INSERT INTO subscriptions(id, account_id, status, period_end, data) VALUES (?, ?, ?, ?, ?)",
                arguments: [subscription.id, subscription.accountID, status, periodEnd, text]
            )
        }
        RecordCache.current?.remember(subscription, as: text, .init(table: "subscriptions", id: subscription.id))
    }

    static func quote(_ id: String, _ db: Database) throws -> Quote {
        guard
            let data = try Self.cachedOne(String.self, db, sql: "SELECT data FROM quotes WHERE id = ?", arguments: [id])
        else {
            throw StoreError.notFound(kind: "quote", id: id)
        }
        return try decode(Quote.self, data)
    }

    static func save(_ quote: Quote, _ db: Database) throws {
        try Self.execute(
            db,
            sql:
                "INSERT INTO quotes(id, account_id, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
            arguments: [quote.id, quote.accountID, try encode(quote)]
        )
    }

    static func w9Request(_ id: String, _ db: Database) throws -> W9Request {
        try record(W9Request.self, from: "w9_requests", id: id, kind: "W-9 request", db)
    }

    static func save(_ request: W9Request, _ db: Database) throws {
        try Self.execute(
            db,
            sql: """
                INSERT INTO w9_requests(id, account_id, status, data) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET status = excluded.status, data = excluded.data
                """,
            arguments: [request.id, request.accountID, request.status.rawValue, try encode(request)]
        )
    }

    /// The record `id` of `table`, decoded; ``StoreError/notFound(kind:id:)`` naming `kind` when there is none.
    static func record<T: Decodable & Sendable>(
        _ type: T.Type,
        from table: String,
        id: String,
        kind: String,
        _ db: Database
    ) throws -> T {
        let sql: SQLText =
            switch table {
            case "accounts": "SELECT data FROM accounts WHERE id = ?"
            case "subscriptions": "SELECT data FROM subscriptions WHERE id = ?"
            default: .built("SELECT data FROM \(table) WHERE id = ?")
            }
        return try HotStatement.withBytes(db, sql, [id]) { bytes in
            guard let bytes else { throw StoreError.notFound(kind: kind, id: id) }
            return try cached(type, .init(table: table, id: id), bytes: bytes)
        }
    }

    static func exists(_ table: String, column: String = "id", _ value: String, _ db: Database) throws -> Bool {
        try Self.cachedOne(
            Bool.self,
            db,
            sql: table == "invoices" && column == "key"
                ? "SELECT EXISTS(SELECT 1 FROM invoices WHERE key = ?)"
                : .built("SELECT EXISTS(SELECT 1 FROM \(table) WHERE \(column) = ?)"),
            arguments: [value]
        )
            ?? false
    }
}
