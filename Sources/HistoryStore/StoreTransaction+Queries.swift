import Billing

/// The queries both a transaction and the store's reads run, on any ``StoreDatabase``: what a run
/// renews, what a statement is built from, which invoices are due for a reminder.
extension StoreTransaction {
    /// Ids of subscriptions whose period has ended by `date` and that are not expired.
    static func dueSubscriptionIDs(
        through date: CalendarDate,
        kind: AccountKind?,
        _ db: Connection
    ) throws
        -> [String]
    {
        var sql = """
            SELECT s.id FROM subscriptions s JOIN accounts a ON a.id = s.account_id
            WHERE s.status != 'expired' AND s.period_end <= ?
            """
        var arguments: [StoredArgument] = [.text(date.description)]
        if let kind {
            sql += " AND a.kind = ?"
            arguments.append(.text(kind.rawValue))
        }
        return try db.all(sql + " ORDER BY s.id", arguments) { row in try row.text("id") }
    }

    /// Subscriptions due by `date`, with the date each renews on, by date, account and subscription.
    static func dueRenewals(through date: CalendarDate, kind: AccountKind?, _ db: Connection) throws -> [DueRenewal] {
        var sql = """
            SELECT s.id, s.account_id, s.period_end FROM subscriptions s JOIN accounts a ON a.id = s.account_id
            WHERE s.status != 'expired' AND s.period_end <= ?
            """
        var arguments: [StoredArgument] = [.text(date.description)]
        if let kind {
            sql += " AND a.kind = ?"
            arguments.append(.text(kind.rawValue))
        }
        return try db.all(sql + " ORDER BY s.period_end, s.account_id, s.id", arguments) { row in
            DueRenewal(
                subscriptionID: try row.text("id"),
                accountID: try row.text("account_id"),
                date: try row.date("period_end")
            )
        }
    }

    /// Everything a statement of the account up to `date` (exclusive) is built from.
    static func ledgerInputs(_ accountID: String, before date: CalendarDate, _ db: Connection) throws -> LedgerInputs {
        let others = try statementInputs(accountID, before: date, invoices: [], db)
        return LedgerInputs(
            invoices: try records(InvoiceRecord.self, "invoices", "issue_date", accountID, before: date, db)
                .map(\.invoice),
            creditNotes: others.creditNotes,
            payments: others.payments,
            credits: others.credits,
            refunds: others.refunds
        )
    }

    /// The same, read as ``statement(ofAccount:for:_:)`` needs it: of each invoice its figures and
    /// the description, item and amount of its lines (``InvoiceRecord/statementInvoice(columns:)``).
    static func statementInputs(
        _ accountID: String,
        before date: CalendarDate,
        _ db: Connection
    ) throws
        -> StatementInputs
    {
        let invoices = try db.all(
            datedRows("invoices", "issue_date", columns: InvoiceRecord.statementColumns),
            [.text(accountID), .text(date.description)]
        ) { row in try InvoiceRecord.statementInvoice(columns: row) }
        return try statementInputs(accountID, before: date, invoices: invoices, db)
    }

    /// The account's invoices with something still owed on `date`, oldest first, by the statement's
    /// rule (``Billing/Statement/unpaidInvoices(of:asOf:currency:)``) from its invoices' figures alone:
    /// whether one invoice prints PAID, without decoding the account's whole invoices (issue 22,
    /// docs/performance.md "Session 16").
    static func unpaidInvoices(
        ofAccount accountID: String,
        asOf date: CalendarDate,
        _ db: Connection
    ) throws
        -> [UnpaidInvoice]
    {
        guard
            let currency = try db.first(
                "SELECT currency FROM accounts WHERE id = ?",
                [.text(accountID)],
                { row in
                    try row.currency()
                }
            )
        else { throw StoreError.notFound(kind: "account", id: accountID) }
        let end = date.adding(days: 1)
        let invoices = try db.all(
            datedRows("invoices", "issue_date", columns: InvoiceRecord.receivableColumns),
            [.text(accountID), .text(end.description)]
        ) { row in try InvoiceRecord.receivable(columns: row) }
        let inputs = ReceivableInputs(
            invoices: invoices,
            creditNotes: try records(CreditNoteRecord.self, "credit_notes", "issue_date", accountID, before: end, db)
                .map(\.note),
            payments: try records(PaymentRecord.self, "payments", "received_on", accountID, before: end, db)
                .map(\.payment)
        )
        return try Billing.Statement.unpaidInvoices(of: inputs, asOf: date, currency: currency)
    }

    /// The query for an account's rows of `table` dated (by `column`) before a date, oldest first: what a
    /// statement and its unpaid invoices read, with the account and the date as its two arguments.
    private static func datedRows(_ table: String, _ column: String, columns: String = "*") -> String {
        "SELECT \(columns) FROM \(table) WHERE account_id = ? AND \(column) < ? ORDER BY \(column)"
    }

    /// An account's records of `table` dated (by `column`) before `date`, oldest first.
    private static func records<Record: StoredRecord>(
        _ type: Record.Type,
        _ table: String,
        _ column: String,
        _ accountID: String,
        before date: CalendarDate,
        _ db: Connection
    ) throws -> [Record] {
        try db.records(type, datedRows(table, column), [.text(accountID), .text(date.description)])
    }

    /// `invoices` with the account's other records a statement reads, dated before `date`.
    private static func statementInputs(
        _ accountID: String,
        before date: CalendarDate,
        invoices: [StatementInvoice],
        _ db: Connection
    ) throws -> StatementInputs {
        func rows<Record: StoredRecord>(_ type: Record.Type, _ table: String, _ column: String) throws -> [Record] {
            try records(type, table, column, accountID, before: date, db)
        }
        return StatementInputs(
            invoices: invoices,
            creditNotes: try rows(CreditNoteRecord.self, "credit_notes", "issue_date").map(\.note),
            payments: try rows(PaymentRecord.self, "payments", "received_on").map(\.payment),
            credits: try rows(AccountCreditRecord.self, "account_credits", "date").map(\.credit),
            refunds: try rows(RefundRecord.self, "refunds", "date").map(\.refund)
        )
    }

    /// The account's invoices due for a reminder on `date` under `policy`.
    static func dueReminderLines(
        _ accountID: String,
        policy: ReminderPolicy,
        on date: CalendarDate,
        _ db: Connection
    ) throws -> [ReminderLine] {
        let standings = try ledgerInputs(accountID, before: date.adding(days: 1), db).standings(asOf: date)
        var sent: [DocumentNumber: (level: Int, date: CalendarDate)] = [:]
        let rows = try db.all(
            """
            SELECT invoice_number, MAX(level) AS level, MAX(date) AS date FROM reminded_invoices
            WHERE invoice_number IN (SELECT number FROM invoices WHERE account_id = ?)
            GROUP BY invoice_number
            """,
            [.text(accountID)]
        ) { row in
            (number: try row.number("invoice_number"), level: try row.integer("level"), date: try row.date("date"))
        }
        for row in rows { sent[row.number] = (row.level, row.date) }
        return policy.due(standings, sent: sent, on: date)
    }
}
