import Billing
import Testing

/// The proration vectors of billing-anchors.md §2.4 and the issue's published check.
@Suite("Proration")
struct ProrationTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var start: String
        var frequency: BillingFrequency
        var seats: Int
        var changeOn: String
        var newSeats: Int
        var unused: String
        var newCharge: String
        var due: String
        var newPeriodEnd: String
        var testDescription: String { name }
    }

    static let increases: [Vector] = [
        Vector(
            name: "published check: 10 → 15 seats on day 12 of a 30-day month",
            start: "2025-09-01",
            frequency: .monthly,
            seats: 10,
            changeOn: "2025-09-12",
            newSeats: 15,
            unused: "-316.67",
            newCharge: "750.00",
            due: "433.33",
            newPeriodEnd: "2025-10-12"
        ),
        Vector(
            name: "31-day month: 20 of 31 days left",
            start: "2026-01-01",
            frequency: .monthly,
            seats: 10,
            changeOn: "2026-01-12",
            newSeats: 15,
            unused: "-322.58",
            newCharge: "750.00",
            due: "427.42",
            newPeriodEnd: "2026-02-12"
        ),
        Vector(
            name: "29 February: the last of 29 days",
            start: "2028-02-01",
            frequency: .monthly,
            seats: 10,
            changeOn: "2028-02-29",
            newSeats: 15,
            unused: "-17.24",
            newCharge: "750.00",
            due: "732.76",
            newPeriodEnd: "2028-03-29"
        ),
        Vector(
            name: "annual period: 183 of 365 days left",
            start: "2026-01-01",
            frequency: .annual,
            seats: 10,
            changeOn: "2026-07-02",
            newSeats: 12,
            unused: "-2506.85",
            newCharge: "6000.00",
            due: "3493.15",
            newPeriodEnd: "2027-07-02"
        ),
    ]

    private func subscribe(_ vector: Vector, account: Account) throws -> Subscription {
        try Fixtures.rules().purchase(
            id: "SUB-1",
            account: account,
            selection: SubscriptionSelection(
                productID: "webinar",
                tierID: "pro",
                seats: vector.seats,
                frequency: vector.frequency
            ),
            on: Fixtures.date(vector.start),
            by: account.billingContact.actor
        ).subscription
    }

    @Test(arguments: increases)
    func moreSeatsCreditTheUnusedPartAndStartANewPeriodToday(_ vector: Vector) throws {
        let account = try Fixtures.selfServiceItalian()
        let subscription = try subscribe(vector, account: account)
        var selection = subscription.selection
        selection.seats = vector.newSeats
        let outcome = try Fixtures.rules().change(
            subscription,
            account: account,
            to: selection,
            on: Fixtures.date(vector.changeOn),
            by: account.billingContact.actor
        )
        #expect(outcome.charges.map(\.amount.decimalString) == [vector.unused, vector.newCharge])
        let invoice = try #require(
            try outcome.invoice(for: account, availableCredit: .zero(.eur), invoicedOnPurchaseOrder: .zero(.eur))
        )
        #expect(invoice.totals.total.decimalString == vector.due)
        #expect(invoice.amountDue.decimalString == vector.due)
        #expect(invoice.issueDate == (try Fixtures.date(vector.changeOn)))
        #expect(outcome.subscription.currentPeriod.start == (try Fixtures.date(vector.changeOn)))
        #expect(outcome.subscription.currentPeriod.end.description == vector.newPeriodEnd)
        #expect(outcome.subscription.selection.seats == vector.newSeats)
        #expect(outcome.credit == nil)
    }

    @Test func fewerSeatsCreditTheDifferenceAndKeepTheBillingDate() throws {
        let account = try Fixtures.selfServiceItalian()
        let subscription = try Fixtures.subscription(seats: 15)
        let outcome = try Fixtures.changeSeats(subscription, to: 10, account: account)
        // Unused 15 seats: −475.00; remaining 10 seats: +316.67; the customer is credited 158.33.
        let credit = try #require(outcome.credit)
        #expect(credit.lines.map(\.amount.decimalString) == ["-475.00", "316.67"])
        #expect(credit.amount.decimalString == "158.33")
        #expect(outcome.charges.isEmpty)
        #expect(outcome.subscription.currentPeriod == subscription.currentPeriod)
        #expect(outcome.subscription.selection.seats == 10)
    }

    @Test func creditsIncludeTheVatTheCustomerPaid() throws {
        let account = try Fixtures.selfServiceItalian(treatment: .vat(rate: TaxRate(percent: 22)))
        let subscription = try Fixtures.subscription(seats: 15, account: account)
        let outcome = try Fixtures.changeSeats(subscription, to: 10, account: account)
        // 158.33 net + 22 % (34.83) = 193.16.
        #expect(outcome.credit?.amount.decimalString == "193.16")
    }

    @Test func accountCreditPaysTheNextInvoiceFirst() throws {
        let account = try Fixtures.selfServiceItalian()
        let subscription = try Fixtures.subscription(seats: 10)
        let outcome = try Fixtures.changeSeats(subscription, to: 15, account: account)
        let invoice = try #require(
            try outcome.invoice(
                for: account,
                availableCredit: Fixtures.eur("158.33"),
                invoicedOnPurchaseOrder: .zero(.eur)
            )
        )
        #expect(invoice.balanceApplied.decimalString == "158.33")
        #expect(invoice.amountDue.decimalString == "275.00")
    }
}
