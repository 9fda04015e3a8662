import ArgumentParser
import Billing
import HistoryStore

extension PlansCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Adds a plan tier (and its product, when new) with its first price (representatives).",
            discussion: """
                The tier goes above the product's other tiers (a move to it is an upgrade). Recorded as a \
                set-catalog event with who made it; a wrong value is refused (exit 65) and nothing changes.

                Examples:
                  ledgerprint plans add webinar enterprise --name Enterprise --participants 3000 --frequency annual --price 900.00 --currency USD --as "rep:Marco Neri"
                  ledgerprint plans add training pro --product-name WebinarTraining --name Pro --frequency monthly --price 45.00 --currency EUR --as "rep:Marco Neri"
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The product's id, such as webinar.") var product: String
        @Argument(help: "The new tier's id, such as enterprise.") var tier: String
        @Option(help: "The tier's name printed on documents.") var name: String
        @Option(name: .customLong("product-name"), help: "The product's name, when the product is new.")
        var productName: String?
        @Option(help: "Largest audience per webinar.") var participants: Int?
        @Option(help: "monthly or annual.") var frequency: BillingFrequency
        @Option(help: "Price of one seat for one period, such as 45.00.") var price: String
        @Option(help: "ISO currency code, such as EUR.") var currency: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let seatPrice = SeatPrice(
                    productID: product,
                    tierID: tier,
                    frequency: frequency,
                    unitPrice: try Money(decimal: price, currency: Currency(code: currency))
                )
                let catalog = try store.catalog().addingPlan(
                    productID: product,
                    productName: productName,
                    tier: PlanTier(id: tier, name: name, participants: participants),
                    price: seatPrice
                )
                try PlansCommand.record(catalog, options: options, store: store)
                print("added \(product) \(tier) at \(seatPrice.unitPrice) a seat, \(frequency.rawValue)")
            }
        }
    }

    struct SetPrice: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-price",
            abstract: "Sets the price of a tier for a frequency and currency (representatives).",
            discussion: """
                New purchases and changes use it; a subscription keeps the price it has (and a quote's price \
                holds for its term). Recorded as a set-catalog event with who made it.

                Example:
                  ledgerprint plans set-price webinar pro --frequency monthly --price 55.00 --currency EUR --as "rep:Marco Neri"
                """
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The product's id.") var product: String
        @Argument(help: "The tier's id.") var tier: String
        @Option(help: "monthly or annual.") var frequency: BillingFrequency
        @Option(help: "Price of one seat for one period, such as 55.00.") var price: String
        @Option(help: "ISO currency code, such as EUR.") var currency: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let amount = try Money(decimal: price, currency: Currency(code: currency))
                let catalog = try store.catalog().settingPrice(
                    SeatPrice(productID: product, tierID: tier, frequency: frequency, unitPrice: amount)
                )
                try PlansCommand.record(catalog, options: options, store: store)
                print("\(product) \(tier) now \(amount) a seat, \(frequency.rawValue)")
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire",
            abstract: "Stops selling a tier: nobody buys it or moves to it; its subscriptions go on (representatives).",
            discussion: "Example:\n  ledgerprint plans retire webinar lite --as \"rep:Marco Neri\""
        )
        @OptionGroup var options: StoreOptions
        @Argument(help: "The product's id.") var product: String
        @Argument(help: "The tier's id.") var tier: String

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let catalog = try store.catalog().retiring(productID: product, tierID: tier)
                try PlansCommand.record(catalog, options: options, store: store)
                print("retired \(product) \(tier)")
            }
        }
    }

    /// Records `catalog` as a set-catalog event by the acting user.
    static func record(_ catalog: Catalog, options: StoreOptions, store: any BillingStore) throws {
        try store.apply(StoreEvent(date: try options.date(), actor: try options.who(), action: .setCatalog(catalog)))
    }
}
