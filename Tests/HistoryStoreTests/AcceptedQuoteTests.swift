import Billing
import Foundation
import HistoryStore
import Testing

/// On both stores (``StoreKind``).
@Suite("Accepted quotes")
struct AcceptedQuoteTests {
    /// A corporate monthly subscription with two quotes accepted in turn: Q-B on 5 April at 380.00
    /// a seat, then Q-A on 20 April at 350.00 (their ids the other way round from their dates);
    /// then a change to 32 seats, which the last accepted quote prices.
    private static func history() throws -> [StoreEvent] {
        var events = try StoreFixtures.events(accounts: 0)
        let rep = StoreFixtures.representative
        func on(_ date: String, _ actor: Actor, _ action: StoreAction) throws {
            events.append(StoreEvent(date: try StoreFixtures.date(date), actor: actor, action: action))
        }
        var corporate = try StoreFixtures.account("CORP-1", kind: .corporate, currency: .usd)
        corporate.taxTreatment = .noTax(note: nil)
        try on("2026-03-01", rep, .openAccount(corporate))
        let order = try PurchaseOrder(
            number: "PO-77",
            cap: Money(decimal: "500000.00", currency: .usd),
            validity: DatePeriod.year(2026)
        )
        try on("2026-03-01", rep, .addPurchaseOrder(accountID: "CORP-1", order: order))
        let monthly = SubscriptionSelection(productID: "webinar", tierID: "standard", seats: 20, frequency: .monthly)
        let buyer = Actor.user(email: "billing@corp-1.example")
        // Monthly, as a representative may arrange for a corporate account.
        try on("2026-03-01", rep, .purchase(accountID: "CORP-1", subscriptionID: "SUB-CORP-1", selection: monthly))
        func quote(_ id: String, seats: Int, price: String, prepared: String, accepted: String) throws {
            var selection = monthly
            selection.seats = seats
            try on(
                prepared,
                rep,
                .prepareQuote(
                    quoteID: id,
                    subscriptionID: "SUB-CORP-1",
                    selection: selection,
                    unitPrice: try Money(decimal: price, currency: .usd),
                    validUntil: try StoreFixtures.date("2026-04-30")
                )
            )
            try on(accepted, buyer, .acceptQuote(quoteID: id))
        }
        try on("2026-04-01", .system, .runInvoices(kind: nil))
        try quote("Q-B", seats: 25, price: "380.00", prepared: "2026-04-01", accepted: "2026-04-05")
        try quote("Q-A", seats: 30, price: "350.00", prepared: "2026-04-06", accepted: "2026-04-20")
        var more = monthly
        more.seats = 32
        try on("2026-04-25", buyer, .change(subscriptionID: "SUB-CORP-1", selection: more))
        return events
    }

    @Test(arguments: StoreKind.allCases)
    func aChangeIsPricedByTheQuoteAcceptedLastNotByTheFirstOrTheLowestID(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("quotes.json", StoreFixtures.file(Self.history()))])
        let changes = try store.invoices(accountID: "CORP-1").filter { $0.reason == .change }
        let change = try #require(changes.last)
        let charge = try #require(change.lines.first { $0.quantity == 32 })
        #expect(charge.unitPrice == (try Money(decimal: "350.00", currency: .usd)))
    }
}
