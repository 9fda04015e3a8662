import Billing

/// Loading and saving records inside the transaction, each through its one mapping.
extension StoreTransaction {
    /// The one record `sql` selects, through the connection's statements; `nil` when there is none.
    func one<Record: StoredRecord>(
        _ type: Record.Type,
        _ sql: String,
        _ arguments: [StoredArgument]
    ) throws
        -> Record?
    {
        try db.one(type, sql, arguments)
    }

    func setting<T: Codable & Sendable>(_ name: String, as type: T.Type) throws -> T? {
        if let known = settings[name] {
            if known is NoSetting { return nil }
            if let value = known as? T { return value }
        }
        let value = try one(SettingRecord<T>.self, "SELECT * FROM settings WHERE name = ?", [.text(name)])?.value
        // A setting that is not there is remembered too: the tax rules, read by every renewal,
        // are not set in most stores (a query each time was 18 k instructions a renewal).
        settings[name] = value.map { $0 as any Sendable } ?? NoSetting()
        return value
    }

    func saveSetting<T: Codable & Sendable>(_ name: String, _ value: T) throws {
        try save(SettingRecord(name: name, value: value))
        settings[name] = value
    }

    /// Forgets the settings, accounts and subscriptions read or written: a savepoint they may have been written
    /// in was rolled back.
    package func forgetSettings() {
        settings = [:]
        accounts = [:]
        subscriptionsAsStored = [:]
        numbering = [:]
    }

    func catalog() throws -> Catalog {
        guard let catalog = try setting("catalog", as: Catalog.self) else {
            throw StoreError.notFound(kind: "catalog", id: "(none set: import one with a set-catalog event)")
        }
        return catalog
    }

    /// The billing rules over the catalog, with the vendor's tax rules when set.
    func rules() throws -> BillingRules {
        BillingRules(catalog: try catalog(), taxRules: try setting("tax-rules", as: TaxRules.self))
    }

    func account(_ id: String) throws -> Account {
        if let account = accounts[id] { return account }
        let account = try Self.account(id, db)
        accounts[id] = account
        return account
    }

    /// The account `id` with its purchase orders.
    static func account(_ id: String, _ db: Connection) throws -> Account {
        guard
            var account = try db.first(
                "SELECT * FROM accounts WHERE id = ?",
                [.text(id)],
                { row in
                    try AccountRecord(columns: row)
                }
            )?.account
        else { throw StoreError.notFound(kind: "account", id: id) }
        // Stepped in `RawSQLite.swift` on SQLite: GRDB's cursor was 13 k instructions of every account read.
        account.purchaseOrders = try db.all(
            "SELECT * FROM purchase_orders WHERE account_id = ? ORDER BY position",
            [.text(id)]
        ) { row in try PurchaseOrderRecord(columns: row).order }
        account.purchaseOrders = try withStates(account.purchaseOrders, accountID: id, db)
        return account
    }

    /// Saves the account and its purchase orders.
    func save(_ account: Account) throws {
        try save(AccountRecord(account))
        accounts[account.id] = account
        try db.execute("DELETE FROM purchase_orders WHERE account_id = ?", [.text(account.id)])
        for (position, order) in account.purchaseOrders.enumerated() {
            try insert(PurchaseOrderRecord(accountID: account.id, position: position, order: order))
        }
        try savePurchaseOrderStates(account)
    }

    func subscription(_ id: String) throws -> Subscription {
        let subscription = try Self.subscription(id, db)
        subscriptionsAsStored[id] = subscription
        return subscription
    }

    static func subscription(_ id: String, _ db: Connection) throws -> Subscription {
        guard let record = try db.one(SubscriptionRecord.self, "SELECT * FROM subscriptions WHERE id = ?", [.text(id)])
        else { throw StoreError.notFound(kind: "subscription", id: id) }
        return record.subscription
    }

    /// Saves a subscription: an UPDATE of the columns that changed since this transaction read
    /// it, or of every column, and an INSERT only for a new one.
    func save(_ subscription: Subscription) throws {
        if let previous = subscriptionsAsStored[subscription.id] {
            try update(SubscriptionRecord(subscription), from: SubscriptionRecord(previous))
        } else {
            try save(SubscriptionRecord(subscription))
        }
        subscriptionsAsStored[subscription.id] = subscription
    }

    func quote(_ id: String) throws -> Quote {
        guard let record = try one(QuoteRecord.self, "SELECT * FROM quotes WHERE id = ?", [.text(id)]) else {
            throw StoreError.notFound(kind: "quote", id: id)
        }
        return record.quote
    }

    func w9Request(_ id: String) throws -> W9Request {
        guard let record = try one(W9RequestRecord.self, "SELECT * FROM w9_requests WHERE id = ?", [.text(id)]) else {
            throw StoreError.notFound(kind: "W-9 request", id: id)
        }
        return record.request
    }

    func invoice(_ number: DocumentNumber) throws -> Invoice {
        try Self.invoice(number, db)
    }

    static func invoice(_ number: DocumentNumber, _ db: Connection) throws -> Invoice {
        guard
            let record = try db.one(
                InvoiceRecord.self,
                "SELECT * FROM invoices WHERE number = ?",
                [
                    .text(number.description)
                ]
            )
        else { throw StoreError.notFound(kind: "invoice", id: number.description) }
        return record.invoice
    }

    /// The number of the invoice a reference names.
    func number(of reference: InvoiceReference) throws -> DocumentNumber {
        switch reference {
        case .number(let number): return number
        case .key(let key):
            guard
                let text = try db.first(
                    "SELECT number FROM invoices WHERE key = ?",
                    [.text(key)],
                    { row in
                        try row.text("number")
                    }
                )
            else { throw StoreError.notFound(kind: "invoice with key", id: key) }
            return try DocumentNumber(parsing: text)
        }
    }

    /// Whether `table` has a row whose `column` is `value`.
    func exists(_ table: String, column: String = "id", _ value: String) throws -> Bool {
        // `CASE`: PostgreSQL's `EXISTS` is a boolean, read back as `t` or `f`.
        try db.first(
            "SELECT CASE WHEN EXISTS(SELECT 1 FROM \(table) WHERE \(column) = ?) THEN 1 ELSE 0 END AS found",
            [.text(value)]
        ) { try $0.int64("found") == 1 } ?? false
    }
}

/// What ``StoreTransaction/setting(_:as:)`` remembers for a setting the store does not have.
private struct NoSetting: Sendable {}
