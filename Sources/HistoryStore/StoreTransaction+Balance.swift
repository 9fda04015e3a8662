import Billing
import EventLog
import Synchronization

/// What the Billing Center's account overview shows of an account on a day, read in one transaction.
public struct AccountOverview: Sendable {
    /// The account.
    public var account: Account
    /// Its subscriptions, by id.
    public var subscriptions: [Subscription]
    /// The catalog the subscriptions' plans are named in.
    public var catalog: Catalog
    /// What the account owes at the end of the day (negative: credit in its favour): the closing
    /// balance of its statement to that day.
    public var balance: Money
}

/// The reads of the account overview, on any ``StoreDatabase`` (issue 20: the overview at 2,000 a second).
///
/// The balance is added up by one query over the amounts the records keep as columns instead of
/// decoding every invoice of the account's history into a statement. It is the statement's
/// closing balance — invoices (with stamp duty) and refunds charged; credit notes, account credits
/// and payments credited; everything dated before the end — and `OverviewBalanceTests` checks the
/// two agree over varied histories on both stores.
extension StoreTransaction {
    /// The overview of account `accountID` at the end of `date`.
    static func accountOverview(_ accountID: String, on date: CalendarDate, _ db: Connection) throws -> AccountOverview
    {
        let found = try account(accountID, db)
        return AccountOverview(
            account: found,
            subscriptions: try subscriptions(ofAccount: accountID, db),
            catalog: try memoizedCatalog(db),
            balance: try balance(of: found, before: date.adding(days: 1), db)
        )
    }

    /// The closing balance of `account`'s statement of a period ending before `end`.
    ///
    /// A record in another currency than the account's makes the statement refuse to add it up;
    /// then the statement is built, and says so as it always has.
    static func balance(of account: Account, before end: CalendarDate, _ db: Connection) throws -> Money {
        let sums = try db.first(
            """
            SELECT (SELECT COALESCE(SUM(grand_total), 0) FROM invoices WHERE account_id = ?1 AND issue_date < ?2)
                 + (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE account_id = ?1 AND date < ?2)
                 - (SELECT COALESCE(SUM(grand_total), 0) FROM credit_notes WHERE account_id = ?1 AND issue_date < ?2)
                 - (SELECT COALESCE(SUM(amount), 0) FROM account_credits WHERE account_id = ?1 AND date < ?2)
                 - (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE account_id = ?1 AND received_on < ?2)
                 AS balance,
                (SELECT COUNT(*) FROM invoices WHERE account_id = ?1 AND issue_date < ?2 AND currency <> ?3)
                 + (SELECT COUNT(*) FROM refunds WHERE account_id = ?1 AND date < ?2 AND currency <> ?3)
                 + (SELECT COUNT(*) FROM credit_notes WHERE account_id = ?1 AND issue_date < ?2 AND currency <> ?3)
                 + (SELECT COUNT(*) FROM account_credits WHERE account_id = ?1 AND date < ?2 AND currency <> ?3)
                 + (SELECT COUNT(*) FROM payments WHERE account_id = ?1 AND received_on < ?2 AND currency <> ?3)
                 AS foreign_records
            """,
            [.text(account.id), .text(end.description), .text(account.currency.code)]
        ) { row in
            (balance: try row.optionalInt64("balance") ?? 0, foreign: try row.optionalInt64("foreign_records") ?? 0)
        }
        guard let sums, sums.foreign == 0 else {
            let period = try DatePeriod(start: end.adding(days: -1), end: end)
            return try Billing.Statement.build(
                account: account,
                period: period,
                from: statementInputs(account.id, before: end, db)
            ).closingBalance
        }
        return Money(minorUnits: sums.balance, currency: account.currency)
    }

    /// The languages the accounts of `accountIDs` print in (their `locale`), of those that exist.
    static func locales(ofAccounts accountIDs: [String], _ db: Connection) throws -> Set<String> {
        var locales: Set<String> = []
        for accountID in accountIDs {
            let sql = "SELECT locale FROM accounts WHERE id = ?"
            if let locale = try db.first(sql, [.text(accountID)], { row in try row.text("locale") }) {
                locales.insert(locale)
            }
        }
        return locales
    }

    /// The catalog, decoded only when its stored text differs from the one decoded last.
    ///
    /// The same text always decodes to the same catalog, so this is never stale: `plans edit`
    /// (a new `set-catalog` event, from any process) stores new text, which is decoded at the next read.
    static func memoizedCatalog(_ db: Connection) throws -> Catalog {
        let sql = "SELECT data FROM settings WHERE name = ?"
        guard let text = try db.first(sql, [.text("catalog")], { row in try row.text("data") })
        else { return try catalog(db) }
        if let known = lastCatalog.withLock({ $0?.text == text ? $0?.catalog : nil }) { return known }
        let decoded = try EventLogJSON.decode(Catalog.self, from: Array(text.utf8))
        lastCatalog.withLock { $0 = (text, decoded) }
        return decoded
    }
}

/// The catalog's stored text decoded last, and what it decoded to (``StoreTransaction/memoizedCatalog(_:)``).
private let lastCatalog = Mutex<(text: String, catalog: Catalog)?>(nil)

extension SQLiteStore {
    /// What the account overview shows of account `accountID` at the end of `date`, in one read.
    ///
    /// - Throws: ``StoreError/notFound(kind:id:)`` for an account or a catalog that is not there.
    public func accountOverview(_ accountID: String, on date: CalendarDate) throws(StoreError) -> AccountOverview {
        try read { db in try StoreTransaction.accountOverview(accountID, on: date, db) }
    }

    /// The languages (`locale`) the accounts of `accountIDs` print in, of those that exist.
    public func locales(ofAccounts accountIDs: [String]) throws(StoreError) -> Set<String> {
        try read { db in try StoreTransaction.locales(ofAccounts: accountIDs, db) }
    }
}

extension DatabaseBillingStore {
    /// What the account overview shows of account `accountID` at the end of `date`, in one read.
    public func accountOverview(_ accountID: String, on date: CalendarDate) throws(StoreError) -> AccountOverview {
        try reading { db in try StoreTransaction.accountOverview(accountID, on: date, db) }
    }

    /// The languages (`locale`) the accounts of `accountIDs` print in, of those that exist.
    public func locales(ofAccounts accountIDs: [String]) throws(StoreError) -> Set<String> {
        try reading { db in try StoreTransaction.locales(ofAccounts: accountIDs, db) }
    }
}
