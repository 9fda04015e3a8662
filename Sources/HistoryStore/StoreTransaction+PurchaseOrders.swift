import Billing
import GRDB

/// Purchase orders: what was invoiced against each, and their updates, closing and pinning.
extension StoreTransaction {
    /// What was invoiced, and not voided, against each of the account's POs, by number.
    func invoicedOnPurchaseOrders(_ account: Account) throws -> [String: Money] {
        try Self.invoicedOnPurchaseOrders(account, db)
    }

    /// What was invoiced, and not voided, against each of `account`'s POs, by number: what issuing
    /// checks an invoice against, `po list` and the Billing Center's purchase-order page show.
    static func invoicedOnPurchaseOrders(_ account: Account, _ db: Connection) throws -> [String: Money] {
        guard !account.purchaseOrders.isEmpty else { return [:] }
        let rows = try db.all(
            """
            SELECT po_number, SUM(grand_total) AS total FROM invoices
            WHERE account_id = ?1 AND po_number IS NOT NULL
              AND number NOT IN (SELECT invoice_number FROM credit_notes WHERE account_id = ?1)
            GROUP BY po_number
            """,
            [.text(account.id)]
        ) { row in (number: try row.text("po_number"), total: try row.int64("total")) }
        var invoiced: [String: Money] = [:]
        for (number, total) in rows {
            invoiced[number] = Money(minorUnits: total, currency: account.currency)
        }
        return invoiced
    }

    func updatePurchaseOrder(
        _ accountID: String,
        _ number: String,
        cap: Money?,
        validity: DatePeriod?,
        by actor: Actor
    )
        throws
    {
        let account = try self.account(accountID)
        let invoiced = try invoicedOnPurchaseOrders(account)[number] ?? .zero(account.currency)
        try save(try account.updatingPurchaseOrder(number, cap: cap, validity: validity, invoiced: invoiced, by: actor))
    }

    func pinPurchaseOrder(_ accountID: String, _ subscriptionID: String?, _ number: String?, by actor: Actor) throws {
        if let subscriptionID {
            let subscription = try self.subscription(subscriptionID)
            guard subscription.accountID == accountID else {
                throw StoreError.rejected(
                    .invalidState(
                        "subscription \(subscriptionID) belongs to \(subscription.accountID), not \(accountID)"
                    )
                )
            }
        }
        try save(try account(accountID).pinningPurchaseOrder(number, for: subscriptionID, by: actor))
    }
}

/// The one mapping of a purchase order's state (closed, default, pinned) to its row of `purchase_order_states`.
struct PurchaseOrderStateRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "purchase_order_states"

    var accountID: String
    var position: Int
    var closedOn: CalendarDate?
    var isDefault: Bool
    var pinned: [String]

    init(accountID: String, position: Int, order: PurchaseOrder) {
        self.accountID = accountID
        self.position = position
        closedOn = order.closedOn
        isDefault = order.isDefault
        pinned = order.pinnedSubscriptions
    }

    init(columns row: some StoredRow) throws {
        accountID = try row.text("account_id")
        position = try row.integer("position")
        closedOn = try row.optionalDate("closed_on")
        isDefault = try row.integer("is_default") != 0
        pinned = try row.json([String].self, "pinned")
    }

    func write(to container: inout StoredColumns) throws {
        container["account_id"] = accountID
        container["position"] = position
        container["closed_on"] = closedOn?.description
        container["is_default"] = isDefault ? 1 : 0
        container["pinned"] = try StoredValue.json(pinned)
    }
}

extension StoreTransaction {
    /// Saves the states of the account's orders that are closed, the default or pinned.
    func savePurchaseOrderStates(_ account: Account) throws {
        try db.execute("DELETE FROM purchase_order_states WHERE account_id = ?", [.text(account.id)])
        for (position, order) in account.purchaseOrders.enumerated()
        where order.closedOn != nil || order.isDefault || !order.pinnedSubscriptions.isEmpty {
            try insert(PurchaseOrderStateRecord(accountID: account.id, position: position, order: order))
        }
    }

    /// `orders` of account `id` with their saved states.
    static func withStates(_ orders: [PurchaseOrder], accountID id: String, _ db: Connection) throws -> [PurchaseOrder]
    {
        // A state belongs to an order: with none there is nothing to look up (20 k instructions a renewal).
        guard !orders.isEmpty else { return orders }
        let states = try db.records(
            PurchaseOrderStateRecord.self,
            "SELECT * FROM purchase_order_states WHERE account_id = ?",
            [.text(id)]
        )
        guard !states.isEmpty else { return orders }
        return orders.enumerated().map { position, order in
            guard let state = states.first(where: { $0.position == position }) else { return order }
            var stated = order
            stated.closedOn = state.closedOn
            stated.isDefault = state.isDefault
            stated.pinnedSubscriptions = state.pinned
            return stated
        }
    }
}

extension SQLiteStore {
    /// What was invoiced, and not voided, against each purchase order of `account`, by PO number.
    public func invoicedOnPurchaseOrders(of account: Account) throws(StoreError) -> [String: Money] {
        try read { db in try StoreTransaction.invoicedOnPurchaseOrders(account, db) }
    }
}

extension DatabaseBillingStore {
    /// What was invoiced, and not voided, against each purchase order of `account`, by PO number.
    public func invoicedOnPurchaseOrders(of account: Account) throws(StoreError) -> [String: Money] {
        try reading { db in try StoreTransaction.invoicedOnPurchaseOrders(account, db) }
    }
}
