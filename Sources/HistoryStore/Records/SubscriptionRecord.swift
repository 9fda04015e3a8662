import Billing
import GRDB

/// The one mapping of a ``Subscription`` to its row of `subscriptions`: every member a column.
///
/// A subscription's ``Subscription/history`` is not stored: the event log is its history, so a
/// subscription read back starts with none.
struct SubscriptionRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "subscriptions"

    var subscription: Subscription

    init(_ subscription: Subscription) {
        self.subscription = subscription
    }

    /// Reads the columns of `row`, a GRDB row or one stepped in `RawSQLite.swift`.
    init(columns row: some StoredRow) throws {
        let currency = try row.currency()
        subscription = Subscription(
            id: try row.text("id"),
            accountID: try row.text("account_id"),
            selection: SubscriptionSelection(
                productID: try row.text("product_id"),
                tierID: try row.text("tier_id"),
                seats: try row.integer("seats"),
                frequency: try row.value(BillingFrequency.self, "frequency")
            ),
            unitPrice: try row.money("unit_price", in: currency),
            anchorDay: try row.integer("anchor_day"),
            currentPeriod: try DatePeriod(start: try row.date("period_start"), end: try row.date("period_end")),
            status: try row.value(SubscriptionStatus.self, "status"),
            startedOn: try row.date("started_on"),
            cancelledOn: try row.optionalDate("cancelled_on"),
            expiredOn: try row.optionalDate("expired_on")
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = subscription.id
        container["account_id"] = subscription.accountID
        container["product_id"] = subscription.selection.productID
        container["tier_id"] = subscription.selection.tierID
        container["seats"] = subscription.selection.seats
        container["frequency"] = subscription.selection.frequency.rawValue
        container["unit_price"] = subscription.unitPrice.minorUnits
        container["currency"] = subscription.unitPrice.currency.code
        container["anchor_day"] = subscription.anchorDay
        container["period_start"] = subscription.currentPeriod.start.description
        container["period_end"] = subscription.currentPeriod.end.description
        container["status"] = subscription.status.rawValue
        container["started_on"] = subscription.startedOn.description
        container["cancelled_on"] = subscription.cancelledOn?.description
        container["expired_on"] = subscription.expiredOn?.description
    }
}
