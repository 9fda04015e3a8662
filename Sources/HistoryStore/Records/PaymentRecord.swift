import Billing
import GRDB

/// The one mapping of a ``Payment`` to its row of `payments`: every member a column.
struct PaymentRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "payments"

    var payment: Payment

    init(_ payment: Payment) {
        self.payment = payment
    }

    init(columns row: some StoredRow) throws {
        payment = try Payment(
            id: try row.text("id"),
            accountID: try row.text("account_id"),
            invoiceNumber: try row.optionalNumber("invoice_number"),
            amount: try row.money("amount", in: try row.currency()),
            receivedOn: try row.date("received_on"),
            method: try row.text("method")
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = payment.id
        container["account_id"] = payment.accountID
        container["invoice_number"] = payment.invoiceNumber?.description
        container["amount"] = payment.amount.minorUnits
        container["currency"] = payment.amount.currency.code
        container["received_on"] = payment.receivedOn.description
        container["method"] = payment.method
    }
}

/// The one mapping of an ``AccountCredit`` to its row of `account_credits`; the lines it credits
/// are JSON in `detail`.
struct AccountCreditRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "account_credits"

    var credit: AccountCredit

    init(_ credit: AccountCredit) {
        self.credit = credit
    }

    init(columns row: some StoredRow) throws {
        credit = AccountCredit(
            id: try row.text("id"),
            accountID: try row.text("account_id"),
            date: try row.date("date"),
            description: try row.text("description"),
            lines: try row.json([InvoiceLine].self),
            amount: try row.money("amount", in: try row.currency())
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = credit.id
        container["account_id"] = credit.accountID
        container["date"] = credit.date.description
        container["description"] = credit.description
        container["amount"] = credit.amount.minorUnits
        container["currency"] = credit.amount.currency.code
        container["detail"] = try StoredValue.json(credit.lines)
    }
}
