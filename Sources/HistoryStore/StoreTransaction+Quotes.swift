import Billing
import GRDB

extension StoreTransaction {
    /// The quote last accepted for subscription `id`, if any: its price holds for the changes and
    /// renewals after it, until its term ends.
    func acceptedQuote(of id: String) throws -> Quote? {
        // Stepped in `RawSQLite.swift`: every change of a subscription asks, and through GRDB's
        // `fetchOne` this took 60 k instructions even when there was no quote.
        try db.cachedStatement(
            sql: """
                SELECT * FROM quotes WHERE subscription_id = ? AND status = 'accepted'
                ORDER BY accepted_on DESC, id DESC LIMIT 1
                """
        )
        .first(binding: [id.databaseValue], in: db) { row in try QuoteRecord(columns: row) }?.quote
    }
}

extension StoreTransaction {
    /// Records the regional form a request `id` names (and checks one is named exactly when the
    /// request is for a regional form).
    func nameRegionalForm(_ id: String, _ form: RegionalForm?) throws {
        let request = try w9Request(id)
        let named = try request.naming(form)
        if named != request { try save(W9RequestRecord(named)) }
    }
}
