import Billing
import EventLog
import GRDB

/// Schema `v2`: every stored type in real columns, read and written by its one mapping
/// (`Records/`), and the migration of a `v1` store to it.
extension SQLiteStore {
    /// Migrates a `v1` store, whose records are JSON in a `data` column, to real columns.
    ///
    /// It renames the `v1` tables to `…_v1`, creates the `v2` ones, copies every `v1` record into
    /// them through its mapping, drops the `v1` tables and creates the indexes and append-only
    /// triggers. GRDB runs it in one transaction with foreign keys checked at the end: a store is migrated
    /// whole, or not at all.
    static func migrateRecordsToColumns(_ db: Database) throws {
        // Children first: a table is dropped before the one it refers to.
        let tables = [
            "credit_notes", "invoices", "payments", "account_credits", "quotes", "w9_requests", "subscriptions",
            "accounts",
        ]
        for table in tables { try db.execute(sql: "ALTER TABLE \(table) RENAME TO \(table)_v1") }
        try createColumnTables(db)
        try copy(db, from: "accounts_v1", decoding: Account.self) { account in
            try AccountRecord(account).insert(db)
            for (position, order) in account.purchaseOrders.enumerated() {
                try PurchaseOrderRecord(accountID: account.id, position: position, order: order).insert(db)
            }
        }
        try copy(db, from: "subscriptions_v1", decoding: Subscription.self) { try SubscriptionRecord($0).insert(db) }
        try copy(db, from: "quotes_v1", decoding: Quote.self) { try QuoteRecord($0).insertIntoV2(db) }
        try copy(db, from: "w9_requests_v1", decoding: W9Request.self) { try W9RequestRecord($0).insertIntoV2(db) }
        try copy(db, from: "invoices_v1", decoding: Invoice.self, order: "year, sequence") {
            try InvoiceRecord($0).insert(db)
        }
        try copy(db, from: "credit_notes_v1", decoding: CreditNote.self, order: "year, sequence") {
            try CreditNoteRecord($0).insertIntoV2(db)
        }
        try copy(db, from: "payments_v1", decoding: Payment.self) { try PaymentRecord($0).insert(db) }
        try copy(db, from: "account_credits_v1", decoding: AccountCredit.self) {
            try AccountCreditRecord($0).insert(db)
        }
        for table in tables { try db.execute(sql: "DROP TABLE \(table)_v1") }
        try createColumnIndexes(db)
        for table in ["invoices", "credit_notes", "payments", "account_credits"] {
            try forbidChanges(to: table, db)
        }
    }

    /// Every `v1` row of `table`, its `data` decoded as the `Codable` form `v1` wrote, handed to `body`.
    private static func copy<T: Decodable>(
        _ db: Database,
        from table: String,
        decoding type: T.Type,
        order: String = "rowid",
        _ body: (T) throws -> Void
    ) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT data FROM \(table) ORDER BY \(order)")
        while let row = try rows.next() {
            let text: String = try row.decode(atIndex: 0)
            do {
                try body(try EventLogJSON.decode(type, from: Array(text.utf8)))
            } catch let error as DecodingError {
                let (path, reason) = EventLogJSON.describe(error)
                throw StoreError.database("a \(table) record of the v1 store cannot be read at \(path): \(reason)")
            }
        }
    }

    private static func createColumnTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, locale TEXT NOT NULL,
                    currency TEXT NOT NULL, billing_contact_name TEXT NOT NULL, billing_contact_email TEXT NOT NULL,
                    billing_contact_phone TEXT, billing_contact_title TEXT, detail TEXT NOT NULL
                ) STRICT;
                CREATE TABLE purchase_orders (
                    account_id TEXT NOT NULL REFERENCES accounts(id), position INTEGER NOT NULL,
                    number TEXT NOT NULL, cap INTEGER NOT NULL, currency TEXT NOT NULL,
                    valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, PRIMARY KEY (account_id, position)
                ) STRICT;
                CREATE TABLE subscriptions (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    product_id TEXT NOT NULL, tier_id TEXT NOT NULL, seats INTEGER NOT NULL, frequency TEXT NOT NULL,
                    unit_price INTEGER NOT NULL, currency TEXT NOT NULL, anchor_day INTEGER NOT NULL,
                    period_start TEXT NOT NULL, period_end TEXT NOT NULL, status TEXT NOT NULL,
                    started_on TEXT NOT NULL, cancelled_on TEXT, expired_on TEXT
                ) STRICT;
                CREATE TABLE quotes (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    subscription_id TEXT NOT NULL, prepared_by TEXT NOT NULL, product_id TEXT NOT NULL,
                    tier_id TEXT NOT NULL, seats INTEGER NOT NULL, frequency TEXT NOT NULL,
                    unit_price INTEGER NOT NULL, currency TEXT NOT NULL, prepared_on TEXT NOT NULL,
                    valid_until TEXT NOT NULL, status TEXT NOT NULL, accepted_on TEXT
                ) STRICT;
                CREATE TABLE w9_requests (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    requester_name TEXT NOT NULL, requester_email TEXT NOT NULL, requester_phone TEXT,
                    requester_title TEXT, form_type TEXT NOT NULL, details TEXT NOT NULL,
                    submitted_on TEXT NOT NULL, status TEXT NOT NULL, fulfilled_on TEXT
                ) STRICT;
                """
        )
        try db.execute(
            sql: """
                CREATE TABLE invoices (
                    key TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL,
                    sequence INTEGER NOT NULL, account_id TEXT NOT NULL REFERENCES accounts(id),
                    subscription_id TEXT, reason TEXT NOT NULL, currency TEXT NOT NULL, issue_date TEXT NOT NULL,
                    due_date TEXT NOT NULL, po_number TEXT, subtotal INTEGER NOT NULL, tax_total INTEGER NOT NULL,
                    total INTEGER NOT NULL, stamp_duty INTEGER, grand_total INTEGER NOT NULL,
                    balance_applied INTEGER NOT NULL, amount_due INTEGER NOT NULL, detail TEXT NOT NULL,
                    UNIQUE (year, sequence)
                ) STRICT;
                CREATE TABLE credit_notes (
                    number TEXT NOT NULL UNIQUE, year INTEGER NOT NULL, sequence INTEGER NOT NULL,
                    invoice_number TEXT NOT NULL UNIQUE REFERENCES invoices(number),
                    account_id TEXT NOT NULL REFERENCES accounts(id), currency TEXT NOT NULL,
                    issue_date TEXT NOT NULL, reason TEXT NOT NULL, subtotal INTEGER NOT NULL,
                    tax_total INTEGER NOT NULL, total INTEGER NOT NULL, stamp_duty INTEGER,
                    grand_total INTEGER NOT NULL, detail TEXT NOT NULL, UNIQUE (year, sequence)
                ) STRICT;
                CREATE TABLE payments (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    invoice_number TEXT, amount INTEGER NOT NULL, currency TEXT NOT NULL,
                    received_on TEXT NOT NULL, method TEXT NOT NULL
                ) STRICT;
                CREATE TABLE account_credits (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                    date TEXT NOT NULL, description TEXT NOT NULL, amount INTEGER NOT NULL,
                    currency TEXT NOT NULL, detail TEXT NOT NULL
                ) STRICT;
                """
        )
    }

    private static func createColumnIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX subscriptions_by_account ON subscriptions(account_id);
                CREATE INDEX subscriptions_due ON subscriptions(status, period_end);
                CREATE INDEX quotes_by_account ON quotes(account_id);
                CREATE INDEX w9_requests_by_account ON w9_requests(account_id);
                CREATE INDEX invoices_by_account ON invoices(account_id, issue_date);
                CREATE INDEX invoices_by_date ON invoices(issue_date);
                CREATE INDEX invoices_by_po ON invoices(account_id, po_number);
                CREATE INDEX credit_notes_by_account ON credit_notes(account_id, issue_date);
                CREATE INDEX credit_notes_by_date ON credit_notes(issue_date);
                CREATE INDEX payments_by_account ON payments(account_id, received_on);
                CREATE INDEX account_credits_by_account ON account_credits(account_id, date);
                """
        )
    }
}
