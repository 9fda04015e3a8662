import Billing
import GRDB

/// A line of an account listing.
public struct AccountSummary: Sendable, Hashable, Codable {
    /// The account id.
    public var id: String
    /// Its legal name.
    public var name: String
    /// Self-service or corporate.
    public var kind: AccountKind
    /// The billing contact's e-mail.
    public var billingContact: String
    /// How many subscriptions are active or pending cancellation.
    public var activeSubscriptions: Int
}

/// Which accounts to list.
public struct AccountFilter: Sendable, Hashable {
    /// Only this kind.
    public var kind: AccountKind?
    /// Only accounts with (true) or without (false) an active subscription.
    public var active: Bool?
    /// Only accounts whose id, name or billing contact contains this text, ignoring case.
    public var text: String?

    /// Creates a filter; `nil` fields do not filter.
    public init(kind: AccountKind? = nil, active: Bool? = nil, text: String? = nil) {
        self.kind = kind
        self.active = active
        self.text = text
    }
}

/// One entry of an account's history: an action from the event log.
public struct HistoryEntry: Sendable, Hashable {
    /// Its position in the log.
    public var sequence: Int64
    /// The event.
    public var event: StoreEvent
}

extension SQLiteStore {
    /// The vendor, if set.
    public func vendor() throws(StoreError) -> Vendor? {
        try read { db in
            try SettingRecord<Vendor>.fetchOne(db, sql: "SELECT * FROM settings WHERE name = 'vendor'")?.value
        }
    }

    /// The vendor's tax rules, if set (a `set-tax-rules` event).
    public func taxRules() throws(StoreError) -> TaxRules? {
        try read { db in
            try SettingRecord<TaxRules>.fetchOne(db, sql: "SELECT * FROM settings WHERE name = 'tax-rules'")?.value
        }
    }

    /// The catalog.
    public func catalog() throws(StoreError) -> Catalog {
        try read { db in
            guard
                let catalog = try SettingRecord<Catalog>.fetchOne(
                    db,
                    sql: "SELECT * FROM settings WHERE name = 'catalog'"
                )
            else {
                throw StoreError.notFound(kind: "catalog", id: "(none set: import one with a set-catalog event)")
            }
            return catalog.value
        }
    }

    /// The account `id`.
    public func account(_ id: String) throws(StoreError) -> Account {
        try read { db in try StoreTransaction.account(id, db) }
    }

    /// Accounts matching `filter`, by id.
    /// - Complexity: one indexed query; filtering by text scans the accounts.
    public func accounts(_ filter: AccountFilter) throws(StoreError) -> [AccountSummary] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let kind = filter.kind {
                conditions.append("a.kind = ?")
                _ = arguments.append(contentsOf: [kind.rawValue])
            }
            if let text = filter.text, !text.isEmpty {
                conditions.append(
                    "(a.id LIKE ? OR a.name LIKE ? OR a.billing_contact_email LIKE ?)"
                )
                let pattern = "%\(text)%"
                _ = arguments.append(contentsOf: [pattern, pattern, pattern])
            }
            let active = "(SELECT COUNT(*) FROM subscriptions s WHERE s.account_id = a.id AND s.status != 'expired')"
            if let wanted = filter.active { conditions.append(wanted ? "\(active) > 0" : "\(active) = 0") }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.name, a.kind, a.billing_contact_email AS contact,
                        \(active) AS active FROM accounts a \(whereClause) ORDER BY a.id
                    """,
                arguments: arguments
            )
            return rows.map { row in
                AccountSummary(
                    id: row["id"],
                    name: row["name"],
                    kind: AccountKind(rawValue: row["kind"]) ?? .selfService,
                    billingContact: row["contact"] ?? "",
                    activeSubscriptions: row["active"]
                )
            }
        }
    }

    /// The subscription `id`.
    public func subscription(_ id: String) throws(StoreError) -> Subscription {
        try read { db in try StoreTransaction.subscription(id, db) }
    }

    /// The subscriptions of an account, by id.
    public func subscriptions(ofAccount accountID: String) throws(StoreError) -> [Subscription] {
        try read { db in
            try SubscriptionRecord.fetchAll(
                db,
                sql: "SELECT * FROM subscriptions WHERE account_id = ? ORDER BY id",
                arguments: [accountID]
            ).map(\.subscription)
        }
    }

    /// The issued invoice `number`.
    public func invoice(_ number: DocumentNumber) throws(StoreError) -> Invoice {
        try read { db in try StoreTransaction.invoice(number, db) }
    }

    /// The credit note voiding invoice `number`, if any.
    public func creditNote(voiding number: DocumentNumber) throws(StoreError) -> CreditNote? {
        try read { db in
            try CreditNoteRecord.fetchOne(
                db,
                sql: "SELECT * FROM credit_notes WHERE invoice_number = ?",
                arguments: [number.description]
            )?.note
        }
    }

    /// Issued invoices, oldest first: of one account or all, within dates.
    public func invoices(accountID: String?, issuedIn period: DatePeriod?) throws(StoreError) -> [Invoice] {
        try read { db in
            var conditions = ["1 = 1"]
            var arguments: StatementArguments = []
            if let accountID {
                conditions.append("account_id = ?")
                _ = arguments.append(contentsOf: [accountID])
            }
            if let period {
                conditions.append("issue_date >= ? AND issue_date < ?")
                _ = arguments.append(contentsOf: [period.start.description, period.end.description])
            }
            return try InvoiceRecord.fetchAll(
                db,
                sql: "SELECT * FROM invoices WHERE \(conditions.joined(separator: " AND ")) ORDER BY year, sequence",
                arguments: arguments
            ).map(\.invoice)
        }
    }

    /// Issued credit notes, oldest first, within dates.
    public func creditNotes(issuedIn period: DatePeriod?) throws(StoreError) -> [CreditNote] {
        try read { db in
            let range = period.map { [$0.start.description, $0.end.description] } ?? ["0000-00-00", "9999-99-99"]
            return try CreditNoteRecord.fetchAll(
                db,
                sql: "SELECT * FROM credit_notes WHERE issue_date >= ? AND issue_date < ? ORDER BY year, sequence",
                arguments: StatementArguments(range)
            ).map(\.note)
        }
    }

    /// Ids of subscriptions whose period has ended by `date` and that are not expired: what a run
    /// on `date` renews or expires.
    public func dueSubscriptionIDs(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [String] {
        try read { db in try StoreTransaction.dueSubscriptionIDs(through: date, kind: kind, db) }
    }

    /// Whether `series` takes documents dated before its latest one (a `set-numbering` event).
    public func allowsBackDating(_ series: DocumentSeries) throws(StoreError) -> Bool {
        try read { db in try StoreTransaction.allowsBackDating(series, db) }
    }

    /// The date of the last document numbered in `series` in `year`; `nil` before the first.
    public func lastNumberedDate(_ series: DocumentSeries, year: Int) throws(StoreError) -> CalendarDate? {
        try read { db in
            try String.fetchOne(
                db,
                sql: "SELECT last_date FROM numbering WHERE series = ? AND year = ?",
                arguments: [series.rawValue, year]
            ).flatMap { $0.isEmpty ? nil : try CalendarDate($0) }
        }
    }

    /// Subscriptions due by `date`, with the date each renews on, by date, account and subscription.
    public func dueRenewals(through date: CalendarDate, kind: AccountKind?) throws(StoreError) -> [DueRenewal] {
        try read { db in try StoreTransaction.dueRenewals(through: date, kind: kind, db) }
    }

    /// An account's history: every event about it in `period` (all when `nil`), in order.
    public func history(ofAccount accountID: String, in period: DatePeriod?) throws(StoreError) -> [HistoryEntry] {
        try read { db in
            _ = try StoreTransaction.account(accountID, db)
            let range = period.map { [$0.start.description, $0.end.description] } ?? ["0000-00-00", "9999-99-99"]
            return try EventRecord.fetchAll(
                db,
                sql: "SELECT * FROM events WHERE account_id = ? AND date >= ? AND date < ? ORDER BY seq",
                arguments: StatementArguments([accountID] + range)
            ).map { record in HistoryEntry(sequence: record.sequence ?? 0, event: record.event) }
        }
    }

    /// Everything a statement of the account up to `date` (exclusive) is built from.
    public func ledgerInputs(ofAccount accountID: String, before date: CalendarDate) throws(StoreError) -> LedgerInputs
    {
        try read { db in try StoreTransaction.ledgerInputs(accountID, before: date, db) }
    }

    /// The statement of an account for `period`, derived from its issued documents and payments.
    public func statement(ofAccount accountID: String, for period: DatePeriod) throws(StoreError) -> Billing.Statement {
        try read { db in
            let account = try StoreTransaction.account(accountID, db)
            return try Billing.Statement.build(
                account: account,
                period: period,
                from: StoreTransaction.ledgerInputs(accountID, before: period.end, db)
            )
        }
    }

    /// W-9 requests, oldest first; of one account, or all.
    public func w9Requests(accountID: String?) throws(StoreError) -> [W9Request] {
        try read { db in
            try W9RequestRecord.fetchAll(
                db,
                sql: "SELECT * FROM w9_requests WHERE ?1 IS NULL OR account_id = ?1 ORDER BY id",
                arguments: [accountID]
            ).map(\.request)
        }
    }

    /// The W-9 request `id`.
    public func w9Request(_ id: String) throws(StoreError) -> W9Request {
        try read { db in
            guard
                let record = try W9RequestRecord.fetchOne(
                    db,
                    sql: "SELECT * FROM w9_requests WHERE id = ?",
                    arguments: [id]
                )
            else { throw StoreError.notFound(kind: "W-9 request", id: id) }
            return record.request
        }
    }

    /// Quotes of an account, by id.
    public func quotes(ofAccount accountID: String) throws(StoreError) -> [Quote] {
        try read { db in
            try QuoteRecord.fetchAll(
                db,
                sql: "SELECT * FROM quotes WHERE account_id = ? ORDER BY id",
                arguments: [accountID]
            ).map(\.quote)
        }
    }
}

/// An issued invoice by its number and account, without its contents.
public struct InvoiceReferenceRow: Sendable, Hashable {
    /// The number.
    public var number: DocumentNumber
    /// The account it was issued to.
    public var accountID: String
    /// The account's kind.
    public var kind: AccountKind
}

extension SQLiteStore {
    /// Numbers and accounts of the invoices issued in `period`, oldest first: what a run prints,
    /// without holding every invoice in memory.
    public func invoiceReferences(issuedIn period: DatePeriod) throws(StoreError) -> [InvoiceReferenceRow] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT i.number, i.account_id, a.kind FROM invoices i JOIN accounts a ON a.id = i.account_id
                    WHERE i.issue_date >= ? AND i.issue_date < ? ORDER BY i.year, i.sequence
                    """,
                arguments: [period.start.description, period.end.description]
            ).map { row in
                InvoiceReferenceRow(
                    number: try DocumentNumber(parsing: row["number"]),
                    accountID: row["account_id"],
                    kind: AccountKind(rawValue: row["kind"]) ?? .selfService
                )
            }
        }
    }
}
