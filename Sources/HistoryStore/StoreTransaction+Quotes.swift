import Billing

extension StoreTransaction {
    /// The quote last accepted for subscription `id`, if any: its price holds for the changes and
    /// renewals after it, until its term ends.
    func acceptedQuote(of id: String) throws -> Quote? {
        // Stepped in `RawSQLite.swift`: every change of a subscription asks, and through GRDB's
        // `fetchOne` this took 60 k instructions even when there was no quote. The last one is
        // picked here, as `ORDER BY accepted_on DESC, id DESC` would (NULL lowest, text compared as bytes):
        // that ORDER BY made SQLite open a temporary B-tree to sort, 31 k instructions for no row.
        let accepted = try db.all("SELECT * FROM quotes WHERE subscription_id = ? AND status = 'accepted'", [.text(id)])
        {
            row in try QuoteRecord(columns: row).quote
        }
        return accepted.max { earlier, later in
            let (a, b) = (earlier.acceptedOn?.description, later.acceptedOn?.description)
            if a != b {
                guard let b else { return false }
                guard let a else { return true }
                return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
            return earlier.id.utf8.lexicographicallyPrecedes(later.id.utf8)
        }
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
