import Billing
import HistoryStore

extension BillingStore {
    /// The vendor the document numbered `number` was issued with (its snapshot in the store), or
    /// `current` for a document issued before snapshots were kept (issue 25, D3): a reprint, an
    /// archive and an e-invoice say what the original said, whatever the vendor changed since.
    public func vendor(asIssued number: DocumentNumber?, current: Vendor) throws -> Vendor {
        guard let number, let store = self as? any DatabaseBillingStore else { return current }
        return try store.issuedVendor(number) ?? current
    }
}
