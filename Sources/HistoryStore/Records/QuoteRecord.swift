import Billing
import GRDB

/// The one mapping of a ``Quote`` to its row of `quotes`: every member a column.
struct QuoteRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "quotes"

    var quote: Quote

    init(_ quote: Quote) {
        self.quote = quote
    }

    /// Reads the columns of `row`, a GRDB row or one stepped in `RawSQLite.swift`.
    init(columns row: some StoredRow) throws {
        quote = Quote.stored(
            id: try row.text("id"),
            accountID: try row.text("account_id"),
            subscriptionID: try row.text("subscription_id"),
            preparedBy: try Actor(parsing: try row.text("prepared_by")),
            selection: SubscriptionSelection(
                productID: try row.text("product_id"),
                tierID: try row.text("tier_id"),
                seats: try row.integer("seats"),
                frequency: try row.value(BillingFrequency.self, "frequency")
            ),
            unitPrice: try row.money("unit_price", in: try row.currency()),
            preparedOn: try row.date("prepared_on"),
            validUntil: try row.date("valid_until"),
            status: try row.value(Quote.Status.self, "status"),
            acceptedOn: try row.optionalDate("accepted_on"),
            termEnds: try row.optionalDate("term_ends")
        )
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = quote.id
        container["account_id"] = quote.accountID
        container["subscription_id"] = quote.subscriptionID
        container["prepared_by"] = quote.preparedBy.description
        container["product_id"] = quote.selection.productID
        container["tier_id"] = quote.selection.tierID
        container["seats"] = quote.selection.seats
        container["frequency"] = quote.selection.frequency.rawValue
        container["unit_price"] = quote.unitPrice.minorUnits
        container["currency"] = quote.unitPrice.currency.code
        container["prepared_on"] = quote.preparedOn.description
        container["valid_until"] = quote.validUntil.description
        container["status"] = quote.status.rawValue
        container["accepted_on"] = quote.acceptedOn?.description
        container["term_ends"] = quote.termEnds?.description
    }
}

/// The one mapping of a ``W9Request`` to its row of `w9_requests`: every member a column.
struct W9RequestRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "w9_requests"

    var request: W9Request

    init(_ request: W9Request) {
        self.request = request
    }

    init(columns row: some StoredRow) throws {
        var request = try W9Request(
            id: try row.text("id"),
            accountID: try row.text("account_id"),
            requester: try Contact(
                name: try row.text("requester_name"),
                email: try row.text("requester_email"),
                phone: try row.optionalText("requester_phone"),
                title: try row.optionalText("requester_title")
            ),
            formType: try row.value(W9FormType.self, "form_type"),
            details: try row.text("details"),
            submittedOn: try row.date("submitted_on")
        )
        request.status = try row.value(W9Request.Status.self, "status")
        request.fulfilledOn = try row.optionalDate("fulfilled_on")
        if let region = try row.optionalText("region") {
            request.regionalForm = try RegionalForm(region: region, name: try row.text("form_name"))
        }
        self.request = request
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = request.id
        container["account_id"] = request.accountID
        container["requester_name"] = request.requester.name
        container["requester_email"] = request.requester.email
        container["requester_phone"] = request.requester.phone
        container["requester_title"] = request.requester.title
        container["form_type"] = request.formType.rawValue
        container["details"] = request.details
        container["submitted_on"] = request.submittedOn.description
        container["status"] = request.status.rawValue
        container["fulfilled_on"] = request.fulfilledOn?.description
        container["region"] = request.regionalForm?.region
        container["form_name"] = request.regionalForm?.name
    }
}
