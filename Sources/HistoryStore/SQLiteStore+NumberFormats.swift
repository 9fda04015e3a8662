import Billing
import GRDB

extension SQLiteStore {
    /// The formats of the numbering series, each from a year on; the standard ones before any was set.
    public func numberingScheme() throws(StoreError) -> NumberingScheme {
        try read { db in try StoreTransaction.numberingScheme(db) }
    }
}
