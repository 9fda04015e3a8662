import Billing
import GRDB

/// The one mapping of a ``Refund`` to its row of `refunds`: every member a column.
struct RefundRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "refunds"

    var refund: Refund

    init(_ refund: Refund) {
        self.refund = refund
    }

    init(columns row: some StoredRow) throws {
        refund = try Refund(
            id: try row.text("id"),
            accountID: try row.text("account_id"),
            amount: try row.money("amount", in: try row.currency()),
            date: try row.date("date"),
            method: try row.text("method")
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = refund.id
        container["account_id"] = refund.accountID
        container["amount"] = refund.amount.minorUnits
        container["currency"] = refund.amount.currency.code
        container["date"] = refund.date.description
        container["method"] = refund.method
    }
}
