import Billing
import GRDB

/// The one mapping of an ``Account`` to its row of `accounts`.
///
/// Columns hold what listings, filters and documents look up (id, name, kind, language, currency,
/// the billing contact); the rest, which nothing queries, is JSON in `detail`. Its purchase orders
/// are rows of their own (``PurchaseOrderRecord``), read and written with it by
/// ``StoreTransaction``.
struct AccountRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "accounts"

    /// The members kept as JSON in `detail`.
    private struct Detail: Codable, Sendable {
        var users: [Contact]
        var billingAddress: Address
        var taxIdentifiers: [TaxIdentifier]
        var taxTreatment: TaxTreatment
        var paymentMethod: PaymentMethod?
        var paymentTerms: PaymentTerms
        var eInvoicing: EInvoiceAddress?
        var paper: PaperSize?
        var eInvoiceForm: EInvoiceChoice?
    }

    /// The account, without its purchase orders.
    var account: Account

    init(_ account: Account) {
        self.account = account
    }

    /// Details decoded ahead by ``decodeAhead(_:_:)``, for the transaction that reads them next.
    private static let details = DetailMemo<Detail>()

    /// Reads the columns of `row`, a GRDB row or one stepped in `RawSQLite.swift`.
    init(columns row: some StoredRow) throws {
        let id = try row.text("id")
        let detail = try Self.details.decode(try row.text("detail"), of: id)
        account = Account(
            id: id,
            name: try row.text("name"),
            kind: try row.value(AccountKind.self, "kind"),
            billingContact: try Contact(
                name: try row.text("billing_contact_name"),
                email: try row.text("billing_contact_email"),
                phone: try row.optionalText("billing_contact_phone"),
                title: try row.optionalText("billing_contact_title")
            ),
            users: detail.users,
            billingAddress: detail.billingAddress,
            locale: try row.text("locale"),
            currency: try row.currency(),
            taxIdentifiers: detail.taxIdentifiers,
            taxTreatment: detail.taxTreatment,
            paymentMethod: detail.paymentMethod,
            paymentTerms: detail.paymentTerms,
            purchaseOrders: [],
            eInvoicing: detail.eInvoicing,
            paper: detail.paper,
            eInvoiceForm: detail.eInvoiceForm
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = account.id
        container["name"] = account.name
        container["kind"] = account.kind.rawValue
        container["locale"] = account.locale
        container["currency"] = account.currency.code
        container["billing_contact_name"] = account.billingContact.name
        container["billing_contact_email"] = account.billingContact.email
        container["billing_contact_phone"] = account.billingContact.phone
        container["billing_contact_title"] = account.billingContact.title
        container["detail"] = try StoredValue.json(
            Detail(
                users: account.users,
                billingAddress: account.billingAddress,
                taxIdentifiers: account.taxIdentifiers,
                taxTreatment: account.taxTreatment,
                paymentMethod: account.paymentMethod,
                paymentTerms: account.paymentTerms,
                eInvoicing: account.eInvoicing,
                paper: account.paper,
                eInvoiceForm: account.eInvoiceForm
            )
        )
    }
}

extension AccountRecord {
    /// Where to find the account an action will read, for reading it ahead.
    enum Lookup: Sendable {
        case account(String)
        case subscription(String)

        /// The account `action` reads first, when it is one worth reading ahead. (Not an
        /// exhaustive `switch`: an action it does not know is simply not read ahead.)
        init?(_ action: StoreAction) {
            switch action {
            case .renew(let id), .change(let id, _), .cancel(let id), .withdrawCancellation(let id),
                .reactivate(let id):
                self = .subscription(id)
            case .purchase(let id, _, _), .recordPayment(_, let id, _, _, _):
                self = .account(id)
            default:
                return nil
            }
        }
    }

    /// Reads the row of the account `lookup` finds and decodes its `detail` for the transaction
    /// that will read it (``DetailMemo``); an account that is not there is left to that transaction.
    static func decodeAhead(_ lookup: Lookup, _ db: Database) throws {
        let row: Row?
        switch lookup {
        case .account(let id):
            row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT id, detail FROM accounts WHERE id = ?"),
                arguments: [id]
            )
        case .subscription(let id):
            row = try Row.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT id, detail FROM accounts
                        WHERE id = (SELECT account_id FROM subscriptions WHERE id = ?)
                        """
                ),
                arguments: [id]
            )
        }
        guard let row else { return }
        try details.decodeAhead(try row.text("detail"), of: try row.text("id"))
    }
}

/// The one mapping of a ``PurchaseOrder`` to its row of `purchase_orders`: one row per order of an
/// account, in the account's order (`position`).
struct PurchaseOrderRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "purchase_orders"

    var accountID: String
    var position: Int
    var order: PurchaseOrder

    init(accountID: String, position: Int, order: PurchaseOrder) {
        self.accountID = accountID
        self.position = position
        self.order = order
    }

    /// Reads the columns of `row`, a GRDB row or one stepped in `RawSQLite.swift`.
    init(columns row: some StoredRow) throws {
        accountID = try row.text("account_id")
        position = try row.integer("position")
        let currency = try row.currency()
        order = try PurchaseOrder(
            number: try row.text("number"),
            cap: try row.money("cap", in: currency),
            validity: try DatePeriod(start: try row.date("valid_from"), end: try row.date("valid_until"))
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["account_id"] = accountID
        container["position"] = position
        container["number"] = order.number
        container["cap"] = order.cap.minorUnits
        container["currency"] = order.cap.currency.code
        container["valid_from"] = order.validity.start.description
        container["valid_until"] = order.validity.end.description
    }
}
