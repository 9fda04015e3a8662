import Billing
import Foundation

/// Synthetic histories for load tests and benchmarks: many Italian self-service accounts, each
/// buying one monthly subscription on the same day.
public enum SyntheticHistory {
    /// Events that open `count` accounts with ids `PREFIX-00001`… and buy one monthly subscription
    /// each on `day`, after `preamble` (a vendor and a catalog with a webinar `tier`).
    ///
    /// - Throws: ``BillingError`` only for a prefix that makes invalid e-mail addresses.
    public static func accounts(
        _ count: Int,
        prefix: String,
        tier: String,
        on day: CalendarDate,
        after preamble: [StoreEvent]
    ) throws(BillingError) -> [StoreEvent] {
        var events = preamble
        events.reserveCapacity(preamble.count + 2 * count)
        let vat = try TaxRate(percent: 22)
        for index in 1...max(count, 1) where count > 0 {
            let id = prefix + "-" + String(format: "%05d", index)
            let contact = try Contact(name: "Contact \(index)", email: "billing@\(id.lowercased()).example")
            let account = Account(
                id: id,
                name: "Cliente \(index) S.r.l.",
                kind: .selfService,
                billingContact: contact,
                billingAddress: Address(
                    lines: ["Via Roma \(index)"],
                    postalCode: "20121",
                    city: "Milano",
                    region: "MI",
                    country: "IT"
                ),
                locale: index % 2 == 0 ? "it" : "en",
                currency: .eur,
                taxTreatment: .vat(rate: vat)
            )
            events.append(
                StoreEvent(date: day, actor: .representative(name: "Load test"), action: .openAccount(account))
            )
            let selection = SubscriptionSelection(
                productID: "webinar",
                tierID: tier,
                seats: 1 + index % 40,
                frequency: .monthly
            )
            events.append(
                StoreEvent(
                    date: day,
                    actor: contact.actor,
                    action: .purchase(accountID: id, subscriptionID: "SUB-\(id)", selection: selection)
                )
            )
        }
        return events
    }
}
