import Billing

/// The seam through which ``SQLiteStore`` and the PostgreSQL store share one logic (issue 21): what
/// the shared code needs from a database, so far reading rows (`docs/store.md`, "PostgreSQL: how
/// the two stores share one logic").
///
/// Statements are written with `?` placeholders, bound in order; a database whose SQL writes them
/// otherwise (PostgreSQL's `$1`, `$2`…) rewrites them. Values come back as text, as the mappings in
/// `Records/` read them: dates `YYYY-MM-DD`, integers in decimal, JSON exactly as written.
public protocol StoreConnection: Sendable {
    /// The rows `sql` returns with `arguments` bound to its placeholders in order.
    func rows(_ sql: String, _ arguments: [StoredArgument]) throws(StoreError) -> [StoreRowValues]
}

/// A value bound to a statement's placeholder through ``StoreConnection``.
public enum StoredArgument: Sendable, Equatable {
    /// SQL NULL.
    case null
    /// A whole number.
    case integer(Int64)
    /// Text (a date as `YYYY-MM-DD`, JSON as its text).
    case text(String)
}

/// One row a ``StoreConnection`` returned: its columns' names and values as text (`nil` for NULL).
public struct StoreRowValues: Sendable, Equatable {
    /// The columns' names, in order.
    public var names: [String]
    /// The columns' values as text, in the same order; `nil` for NULL.
    public var values: [String?]

    /// A row of `names` holding `values`.
    public init(names: [String], values: [String?]) {
        self.names = names
        self.values = values
    }
}

/// A row read by the same mappings as GRDB's rows: every read names the column when it fails.
extension StoreRowValues: TextStoredRow {
    package func optionalText(_ column: String) throws -> String? {
        guard let index = names.firstIndex(of: column) else {
            throw StoreError.database("the query returned no column \(column)")
        }
        return values[index]
    }

}
