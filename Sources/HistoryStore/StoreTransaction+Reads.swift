import Billing

/// Every read of ``BillingStore`` written once, on any ``StoreDatabase``: ``SQLiteStore`` runs them
/// on a snapshot, the PostgreSQL store in a read-only transaction.
///
/// The SQL is what both databases take: `CAST(?1 AS TEXT) IS NULL` where a filter may be absent
/// (PostgreSQL must know a parameter's type), `LOWER(…) LIKE LOWER(…)` for a search that ignores
/// case (PostgreSQL's `LIKE` does not), integers read back from text.
extension StoreTransaction {
    /// The setting `name`, if set.
    static func setting<T: Codable & Sendable>(_ name: String, as type: T.Type, _ db: Connection) throws -> T? {
        try db.one(SettingRecord<T>.self, "SELECT * FROM settings WHERE name = ?", [.text(name)])?.value
    }

    /// The catalog, or the error that says how to set one.
    static func catalog(_ db: Connection) throws -> Catalog {
        guard let catalog = try setting("catalog", as: Catalog.self, db) else {
            throw StoreError.notFound(kind: "catalog", id: "(none set: import one with a set-catalog event)")
        }
        return catalog
    }

    /// Accounts matching `filter`, by id.
    static func accounts(_ filter: AccountFilter, _ db: Connection) throws -> [AccountSummary] {
        var conditions: [String] = []
        var arguments: [StoredArgument] = []
        if let kind = filter.kind {
            conditions.append("a.kind = ?")
            arguments.append(.text(kind.rawValue))
        }
        if let text = filter.text, !text.isEmpty {
            conditions.append(
                "(LOWER(a.id) LIKE LOWER(?) OR LOWER(a.name) LIKE LOWER(?) OR LOWER(a.billing_contact_email) LIKE LOWER(?))"
            )
            arguments += Array(repeating: .text("%\(text)%"), count: 3)
        }
        let active = "(SELECT COUNT(*) FROM subscriptions s WHERE s.account_id = a.id AND s.status != 'expired')"
        if let wanted = filter.active { conditions.append(wanted ? "\(active) > 0" : "\(active) = 0") }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try db.all(
            """
            SELECT a.id, a.name, a.kind, a.billing_contact_email AS contact,
                \(active) AS active FROM accounts a \(whereClause) ORDER BY a.id
            """,
            arguments
        ) { row in
            AccountSummary(
                id: try row.text("id"),
                name: try row.text("name"),
                kind: AccountKind(rawValue: try row.text("kind")) ?? .selfService,
                billingContact: try row.optionalText("contact") ?? "",
                activeSubscriptions: try row.integer("active")
            )
        }
    }

    /// The subscriptions of an account, by id.
    static func subscriptions(ofAccount accountID: String, _ db: Connection) throws -> [Subscription] {
        try db.records(
            SubscriptionRecord.self,
            "SELECT * FROM subscriptions WHERE account_id = ? ORDER BY id",
            [
                .text(accountID)
            ]
        ).map(\.subscription)
    }

    /// The credit note voiding invoice `number`, if any.
    static func creditNote(voiding number: DocumentNumber, _ db: Connection) throws -> CreditNote? {
        try db.one(
            CreditNoteRecord.self,
            "SELECT * FROM credit_notes WHERE invoice_number = ?",
            [
                .text(number.description)
            ]
        )?.note
    }

    /// Issued invoices, oldest first: of one account or all, within dates.
    static func invoices(accountID: String?, issuedIn period: DatePeriod?, _ db: Connection) throws -> [Invoice] {
        var conditions = ["1 = 1"]
        var arguments: [StoredArgument] = []
        if let accountID {
            conditions.append("account_id = ?")
            arguments.append(.text(accountID))
        }
        if let period {
            conditions.append("issue_date >= ? AND issue_date < ?")
            arguments += [.text(period.start.description), .text(period.end.description)]
        }
        return try db.records(
            InvoiceRecord.self,
            "SELECT * FROM invoices WHERE \(conditions.joined(separator: " AND ")) ORDER BY year, sequence",
            arguments
        ).map(\.invoice)
    }

    /// Issued credit notes, oldest first, within dates.
    static func creditNotes(issuedIn period: DatePeriod?, _ db: Connection) throws -> [CreditNote] {
        var sql = "SELECT * FROM credit_notes"
        var arguments: [StoredArgument] = []
        if let period {
            sql += " WHERE issue_date >= ? AND issue_date < ?"
            arguments = [.text(period.start.description), .text(period.end.description)]
        }
        return try db.records(CreditNoteRecord.self, sql + " ORDER BY year, sequence", arguments).map(\.note)
    }

    /// Numbers and accounts of the invoices issued in `period`, oldest first.
    static func invoiceReferences(issuedIn period: DatePeriod, _ db: Connection) throws -> [InvoiceReferenceRow] {
        try db.all(
            """
            SELECT i.number, i.account_id, a.kind FROM invoices i JOIN accounts a ON a.id = i.account_id
            WHERE i.issue_date >= ? AND i.issue_date < ? ORDER BY i.year, i.sequence
            """,
            [.text(period.start.description), .text(period.end.description)]
        ) { row in
            InvoiceReferenceRow(
                number: try DocumentNumber(parsing: try row.text("number")),
                accountID: try row.text("account_id"),
                kind: AccountKind(rawValue: try row.text("kind")) ?? .selfService
            )
        }
    }

    /// The date of the last document numbered in `series` in `year`; `nil` before the first.
    static func lastNumberedDate(_ series: DocumentSeries, year: Int, _ db: Connection) throws -> CalendarDate? {
        try db.first(
            "SELECT last_date FROM numbering WHERE series = ? AND year = ?",
            [.text(series.rawValue), .integer(Int64(year))]
        ) { row in try row.optionalText("last_date") }?.flatMap { $0.isEmpty ? nil : try CalendarDate($0) }
    }

    /// An account's history: every event about it in `period` (all when `nil`), in order.
    static func history(
        ofAccount accountID: String,
        in period: DatePeriod?,
        _ db: Connection
    ) throws
        -> [HistoryEntry]
    {
        _ = try account(accountID, db)
        var sql = "SELECT * FROM events WHERE account_id = ?"
        var arguments: [StoredArgument] = [.text(accountID)]
        if let period {
            sql += " AND date >= ? AND date < ?"
            arguments += [.text(period.start.description), .text(period.end.description)]
        }
        return try db.records(EventRecord.self, sql + " ORDER BY seq", arguments).map { record in
            HistoryEntry(sequence: record.sequence ?? 0, event: record.event)
        }
    }

    /// The statement of an account for `period`, derived from its issued documents and payments.
    static func statement(
        ofAccount accountID: String,
        for period: DatePeriod,
        _ db: Connection
    ) throws
        -> Billing.Statement
    {
        let account = try account(accountID, db)
        return try Billing.Statement.build(
            account: account,
            period: period,
            from: statementInputs(account.id, before: period.end, db)
        )
    }

    /// W-9 requests, oldest first; of one account, or all.
    static func w9Requests(accountID: String?, _ db: Connection) throws -> [W9Request] {
        try db.records(
            W9RequestRecord.self,
            "SELECT * FROM w9_requests WHERE CAST(?1 AS TEXT) IS NULL OR account_id = ?1 ORDER BY id",
            [accountID.storedArgument]
        ).map(\.request)
    }

    /// The W-9 request `id`.
    static func w9Request(_ id: String, _ db: Connection) throws -> W9Request {
        guard let record = try db.one(W9RequestRecord.self, "SELECT * FROM w9_requests WHERE id = ?", [.text(id)])
        else { throw StoreError.notFound(kind: "W-9 request", id: id) }
        return record.request
    }

    /// Quotes of an account, by id.
    static func quotes(ofAccount accountID: String, _ db: Connection) throws -> [Quote] {
        try db.records(QuoteRecord.self, "SELECT * FROM quotes WHERE account_id = ? ORDER BY id", [.text(accountID)])
            .map(\.quote)
    }

    /// Printed files, in the order they were printed; of one kind, or all.
    static func printedDocuments(kind: String?, _ db: Connection) throws -> [PrintedDocument] {
        try db.records(
            PrintedDocumentRecord.self,
            "SELECT * FROM printed_documents WHERE CAST(?1 AS TEXT) IS NULL OR kind = ?1 ORDER BY id",
            [kind.storedArgument]
        ).map(\.document)
    }

    /// Reminders issued, oldest first; of one account, or all.
    static func reminders(accountID: String?, _ db: Connection) throws -> [Reminder] {
        try db.records(
            ReminderRecord.self,
            "SELECT * FROM reminders WHERE CAST(?1 AS TEXT) IS NULL OR account_id = ?1 ORDER BY date, id",
            [accountID.storedArgument]
        ).map(\.reminder)
    }

    /// Accounts with an invoice past its due date on `date`, not voided and with something asked at issue.
    static func accountsWithInvoicesPastDue(on date: CalendarDate, _ db: Connection) throws -> [String] {
        try db.all(
            """
            SELECT DISTINCT account_id FROM invoices
            WHERE due_date < ? AND amount_due > 0
              AND number NOT IN (SELECT invoice_number FROM credit_notes)
            ORDER BY account_id
            """,
            [.text(date.description)]
        ) { row in try row.text("account_id") }
    }

    /// Every event of the log, in order: what `export` writes.
    static func events(_ db: Connection) throws -> [StoreEvent] {
        try db.records(EventRecord.self, "SELECT * FROM events ORDER BY seq", []).map(\.event)
    }
}
