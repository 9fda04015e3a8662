import Billing
import HistoryStore

extension BillingStore {
    /// The document number `text` names, read with the store's numbering formats: the prefix says
    /// the series ("NC-2026/0001", "FT-2027/00001"), the year's format the digits ("FT-2027/1").
    func documentNumber(_ text: String) throws -> DocumentNumber {
        try numberingScheme().number(parsing: text)
    }
}
