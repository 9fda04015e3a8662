import Billing
import Testing

@Suite("Corporate accounts: purchase orders and quotes")
struct CorporateTests {
    let rules: BillingRules
    let order: PurchaseOrder
    let account: Account
    let representative = Actor.representative(name: "Marco Neri")

    init() throws {
        rules = try Fixtures.rules()
        order = try PurchaseOrder(
            number: "PO-4410",
            cap: Fixtures.usd("12000.00"),
            validity: DatePeriod(start: Fixtures.date("2026-01-01"), end: Fixtures.date("2026-07-01"))
        )
        account = try Fixtures.corporateUS(orders: [order])
    }

    private func annual(seats: Int) -> SubscriptionSelection {
        SubscriptionSelection(productID: "webinar", tierID: "pro", seats: seats, frequency: .annual)
    }

    private func firstInvoice(seats: Int, on date: String, invoiced: String = "0.00") throws -> Invoice? {
        try rules.purchase(
            id: "SUB-G",
            account: account,
            selection: annual(seats: seats),
            on: Fixtures.date(date),
            by: account.billingContact.actor
        )
        .invoice(for: account, availableCredit: .zero(.usd), invoicedOnPurchaseOrder: Fixtures.usd(invoiced))
    }

    @Test func invoicesCarryTheActivePurchaseOrderAndNet30() throws {
        let invoice = try #require(try firstInvoice(seats: 20, on: "2026-02-01"))
        #expect(invoice.purchaseOrderNumber == "PO-4410")
        #expect(invoice.terms == .net(days: 30))
        #expect(invoice.dueDate.description == "2026-03-03")
        #expect(invoice.totals.total.decimalString == "10000.00")
    }

    @Test func anInvoiceOverWhatRemainsOnThePOIsRefused() throws {
        do {
            _ = try firstInvoice(seats: 20, on: "2026-02-01", invoiced: "2500.00")
            Issue.record("an invoice over the PO's cap was drafted")
        } catch let error as BillingError {
            #expect(
                error.description.contains(
                    "exceeds what remains on every purchase order valid on 2026-02-01: "
                        + "PO-4410 has USD 9500.00 left of USD 12000.00"
                )
            )
        }
    }

    @Test func anInvoiceOutsideThePODatesIsRefused() throws {
        do {
            _ = try firstInvoice(seats: 1, on: "2026-07-01")
            Issue.record("an invoice after the PO expired was drafted")
        } catch let error as BillingError {
            #expect(error.description.contains("has no purchase order valid on 2026-07-01"))
        }
        #expect(throws: BillingError.self) {
            try order.authorize(
                total: Fixtures.usd("1.00"),
                on: Fixtures.date("2025-12-31"),
                alreadyInvoiced: .zero(.usd)
            )
        }
    }

    @Test func anAcceptedQuoteBecomesTheChangeAtItsPrice() throws {
        let bought = try rules.purchase(
            id: "SUB-G",
            account: account,
            selection: annual(seats: 10),
            on: Fixtures.date("2026-01-01"),
            by: account.billingContact.actor
        )
        .subscription
        #expect(throws: BillingError.self) {
            try rules.prepareQuote(
                id: "Q-1",
                for: bought,
                account: account,
                selection: annual(seats: 15),
                unitPrice: nil,
                validUntil: Fixtures.date("2026-02-28"),
                on: Fixtures.date("2026-02-01"),
                by: account.billingContact.actor
            )
        }
        let quote = try rules.prepareQuote(
            id: "Q-1",
            for: bought,
            account: account,
            selection: annual(seats: 15),
            unitPrice: Fixtures.usd("450.00"),
            validUntil: Fixtures.date("2026-02-28"),
            on: Fixtures.date("2026-02-01"),
            by: representative
        )
        #expect(throws: BillingError.self) {
            try rules.accept(quote, for: bought, account: account, on: Fixtures.date("2026-02-10"), by: representative)
        }
        let (accepted, outcome) = try rules.accept(
            quote,
            for: bought,
            account: account,
            on: Fixtures.date("2026-02-10"),
            by: account.billingContact.actor
        )
        #expect(accepted.status == .accepted)
        #expect(outcome.subscription.selection.seats == 15)
        #expect(outcome.subscription.unitPrice.decimalString == "450.00")
        // 15 × 450.00 = 6750.00 costs more than 10 × 500.00: a new year starts on the day of acceptance.
        #expect(outcome.charges.last?.amount.decimalString == "6750.00")
        #expect(throws: BillingError.self) {
            try rules.accept(
                quote,
                for: bought,
                account: account,
                on: Fixtures.date("2026-03-01"),
                by: account.billingContact.actor
            )
        }
    }
}
