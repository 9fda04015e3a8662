import Billing

/// Builds values for tests; every failure here is a broken fixture, reported as a thrown error.
enum Fixtures {
    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(text) }

    static func eur(_ text: String) throws -> Money { try Money(decimal: text, currency: .eur) }

    static func usd(_ text: String) throws -> Money { try Money(decimal: text, currency: .usd) }

    static func catalog() throws -> Catalog {
        let tiers = [
            PlanTier(id: "lite", name: "Lite", participants: 100),
            PlanTier(id: "standard", name: "Standard", participants: 250),
            PlanTier(id: "pro", name: "Pro", participants: 1000),
        ]
        var prices: [SeatPrice] = []
        let monthly = ["lite": "30.00", "standard": "40.00", "pro": "50.00"]
        for (tier, price) in monthly {
            prices.append(SeatPrice(productID: "webinar", tierID: tier, frequency: .monthly, unitPrice: try eur(price)))
            prices.append(SeatPrice(productID: "webinar", tierID: tier, frequency: .monthly, unitPrice: try usd(price)))
            let annual = try eur(price).times(10)
            prices.append(SeatPrice(productID: "webinar", tierID: tier, frequency: .annual, unitPrice: annual))
            prices.append(
                SeatPrice(
                    productID: "webinar",
                    tierID: tier,
                    frequency: .annual,
                    unitPrice: Money(minorUnits: annual.minorUnits, currency: .usd)
                )
            )
        }
        prices.append(SeatPrice(productID: "meeting", tierID: "pro", frequency: .monthly, unitPrice: try eur("12.00")))
        return Catalog(
            products: [
                Product(id: "webinar", name: "Webinar", tiers: tiers),
                Product(id: "meeting", name: "Meeting", tiers: [PlanTier(id: "pro", name: "Pro")]),
            ],
            prices: prices
        )
    }

    static let contactEmail = "anna.bianchi@example.it"

    static func selfServiceItalian(treatment: TaxTreatment = .vat(rate: .zero)) throws -> Account {
        Account(
            id: "ROSSI-IT",
            name: "Studio Rossi S.r.l.",
            kind: .selfService,
            billingContact: try Contact(name: "Anna Bianchi", email: contactEmail),
            users: [try Contact(name: "Luca Verdi", email: "luca.verdi@example.it")],
            billingAddress: Address(
                lines: ["Via Roma 1"],
                postalCode: "20121",
                city: "Milano",
                region: "MI",
                country: "IT"
            ),
            locale: "it",
            currency: .eur,
            taxIdentifiers: [try TaxIdentifier(.partitaIVA, "02156780914")],
            taxTreatment: treatment
        )
    }

    static func corporateUS(orders: [PurchaseOrder] = []) throws -> Account {
        Account(
            id: "GLOBEX-US",
            name: "Globex Learning, Inc.",
            kind: .corporate,
            billingContact: try Contact(name: "Dana Ortiz", email: "ap@globex.example"),
            billingAddress: Address(
                lines: ["500 Market St"],
                postalCode: "94105",
                city: "San Francisco",
                region: "CA",
                country: "US"
            ),
            locale: "en",
            currency: .usd,
            taxTreatment: .noTax(note: nil),
            purchaseOrders: orders
        )
    }

    static func rules() throws -> BillingRules { BillingRules(catalog: try catalog()) }

    /// A monthly Pro subscription with `seats` seats bought on `start` by the billing contact.
    static func subscription(
        seats: Int = 10,
        start: String = "2025-09-01",
        account: Account? = nil
    ) throws -> Subscription {
        let account = try account ?? selfServiceItalian()
        return try rules().purchase(
            id: "SUB-1",
            account: account,
            selection: SubscriptionSelection(productID: "webinar", tierID: "pro", seats: seats, frequency: .monthly),
            on: try date(start),
            by: account.billingContact.actor
        ).subscription
    }

    /// The billing contact of `account` changes `subscription` to `seats` seats on 12 September 2025.
    static func changeSeats(_ subscription: Subscription, to seats: Int, account: Account) throws -> ChangeOutcome {
        var selection = subscription.selection
        selection.seats = seats
        return try rules().change(
            subscription,
            account: account,
            to: selection,
            on: date("2025-09-12"),
            by: account.billingContact.actor
        )
    }
}
