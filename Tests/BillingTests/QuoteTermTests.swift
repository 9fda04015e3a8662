import Billing
import Testing

/// A quote's price holds for the subscription after acceptance: seat changes keep it, renewals
/// keep it until its term ends, a move to another tier ends it.
@Suite("Quoted prices and their term")
struct QuoteTermTests {
    let rules: BillingRules
    let account: Account
    let representative = Actor.representative(name: "Marco Neri")

    init() throws {
        rules = try Fixtures.rules()
        account = try Fixtures.corporateUS(orders: [
            try PurchaseOrder(number: "PO-1", cap: Fixtures.usd("900000.00"), validity: DatePeriod.year(2026))
        ])
    }

    private func selection(_ seats: Int, tier: String = "pro") -> SubscriptionSelection {
        SubscriptionSelection(productID: "webinar", tierID: tier, seats: seats, frequency: .annual)
    }

    /// 10 Pro seats bought on 1 Jan 2026 at the list price (500.00), then a quote for 15 at 450.00
    /// accepted on 10 Feb; its price holds until `termEnds`.
    private func accepted(termEnds: String?) throws -> (Subscription, Quote) {
        let bought = try rules.purchase(
            id: "SUB-G",
            account: account,
            selection: selection(10),
            on: Fixtures.date("2026-01-01"),
            by: account.billingContact.actor
        ).subscription
        let quote = try rules.prepareQuote(
            id: "Q-1",
            for: bought,
            account: account,
            selection: selection(15),
            unitPrice: Fixtures.usd("450.00"),
            validUntil: Fixtures.date("2026-02-28"),
            termEnds: try termEnds.map { try Fixtures.date($0) },
            on: Fixtures.date("2026-02-01"),
            by: representative
        )
        let (done, outcome) = try rules.accept(
            quote,
            for: bought,
            account: account,
            on: Fixtures.date("2026-02-10"),
            by: account.billingContact.actor
        )
        #expect(outcome.quoteID == "Q-1")
        return (outcome.subscription, done)
    }

    /// The reproduction: a later seat change used to charge the list price (500.00) again.
    @Test func aSeatChangeKeepsTheQuotedPrice() throws {
        let (subscription, quote) = try accepted(termEnds: nil)
        let outcome = try rules.change(
            subscription,
            account: account,
            to: selection(20),
            on: Fixtures.date("2026-06-01"),
            by: account.billingContact.actor,
            quoted: quote
        )
        #expect(outcome.subscription.unitPrice == (try Fixtures.usd("450.00")))
        #expect(outcome.charges.last?.amount == (try Fixtures.usd("9000.00")))
        #expect(outcome.quoteID == "Q-1")
        #expect(outcome.subscription.history.last?.summary.contains("kept the price of quote Q-1") == true)
    }

    @Test func aMoveToAnotherTierEndsTheQuotedPrice() throws {
        let (subscription, quote) = try accepted(termEnds: nil)
        let outcome = try rules.change(
            subscription,
            account: account,
            to: selection(15, tier: "standard"),
            on: Fixtures.date("2026-06-01"),
            by: representative,
            quoted: quote
        )
        #expect(outcome.subscription.unitPrice == (try Fixtures.usd("400.00")))
        #expect(outcome.quoteID == nil)
    }

    @Test func aRenewalKeepsTheQuotedPriceUntilTheTermEnds() throws {
        let (subscription, quote) = try accepted(termEnds: "2027-03-01")
        // The period started on acceptance, 10 Feb 2026; it renews on 10 Feb 2027, before the term ends.
        let first = try rules.renew(subscription, account: account, through: Fixtures.date("2027-02-10"), quoted: quote)
        #expect(first.invoices.map { $0.lines[0].unitPrice } == [try Fixtures.usd("450.00")])
        let second = try rules.renew(
            first.subscription,
            account: account,
            through: Fixtures.date("2028-02-10"),
            quoted: quote
        )
        #expect(second.invoices.map { $0.lines[0].unitPrice } == [try Fixtures.usd("500.00")])
        #expect(second.subscription.history.contains { $0.summary.contains("the price of quote Q-1 ended") })
        // And after the term, a seat change is at the list price too.
        let change = try rules.change(
            second.subscription,
            account: account,
            to: selection(16),
            on: Fixtures.date("2028-03-01"),
            by: account.billingContact.actor,
            quoted: quote
        )
        #expect(change.subscription.unitPrice == (try Fixtures.usd("500.00")))
    }

    @Test func aTermEndingBeforeTheQuoteCanBeAcceptedIsRefused() throws {
        let bought = try rules.purchase(
            id: "SUB-G",
            account: account,
            selection: selection(10),
            on: Fixtures.date("2026-01-01"),
            by: account.billingContact.actor
        ).subscription
        let error = #expect(throws: BillingError.self) {
            try rules.prepareQuote(
                id: "Q-1",
                for: bought,
                account: account,
                selection: selection(15),
                unitPrice: nil,
                validUntil: Fixtures.date("2026-02-28"),
                termEnds: Fixtures.date("2026-02-15"),
                on: Fixtures.date("2026-02-01"),
                by: representative
            )
        }
        #expect(
            error?.description
                == "invalid term end '2026-02-15': a day after the last day it can be accepted (2026-02-28)"
        )
    }
}
