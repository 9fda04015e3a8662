import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@testable import PostgresStore

/// The trait of the tests that need a PostgreSQL server: skipped, saying why, without one.
let needsPostgres = ConditionTrait.enabled(
    if: ThrowAwayPostgres.isAvailable,
    Comment(rawValue: ThrowAwayPostgres.unavailableReason ?? "")
)

/// A new database on the throw-away server, and what the tests do in it besides the store.
struct PostgresTestDatabase {
    let address: String

    init() throws {
        address = try #require(ThrowAwayPostgres.shared).newDatabase()
    }

    /// A connection of its own, outside any store, to look at or tamper with the database.
    func connection() throws -> PGConnection {
        try PGConnection(parameters: try PostgresLocation(address).connectionParameters)
    }

    /// The names of the tables in the database's schema, sorted.
    func tables() throws -> [String] {
        let rows = try connection().execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
        return (0..<rows.count).compactMap { rows.value($0, "tablename") }
    }
}

extension PostgresTransaction {
    /// An account for the issued rows to belong to (the columns its mapping writes).
    func insertAccount(_ id: String) throws {
        try execute(
            """
            INSERT INTO accounts(id, name, kind, locale, currency, billing_contact_name, billing_contact_email, detail)
            VALUES ($1, 'Synthetic Co', 'corporate', 'en-US', 'USD', 'Pat Example', 'pat@example.com', '{}')
            """,
            [.text(id)]
        )
    }

    /// An issued invoice with `number`, dated `date`: only the columns a query would look at.
    func insertInvoice(_ number: DocumentNumber, date: CalendarDate, account: String) throws {
        try execute(
            """
            INSERT INTO invoices(key, number, year, sequence, account_id, reason, currency, issue_date, due_date,
                subtotal, tax_total, total, grand_total, balance_applied, amount_due, detail)
            VALUES ($1, $1, $2, $3, $4, 'renewal', 'USD', $5, $5, 1000, 0, 1000, 1000, 0, 1000, '{"lines":[]}')
            """,
            [
                .text(number.description), .integer(Int64(number.year)), .integer(Int64(number.sequence)),
                .text(account), .text(date.description),
            ]
        )
    }
}
