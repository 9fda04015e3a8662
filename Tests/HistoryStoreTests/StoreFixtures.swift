import Billing
import Foundation
import HistoryStore
import Testing

/// Real store files in a temporary folder, and the events that fill them.
struct StoreFixtures {
    let folder: URL
    static let representative = Actor.representative(name: "Marco Neri")

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String = "ledgerprint.sqlite") -> String { folder.appendingPathComponent(name).path }

    func newStore(_ name: String = "ledgerprint.sqlite") throws -> SQLiteStore { try SQLiteStore(path: path(name)) }

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(text) }

    static func catalog() throws -> Catalog {
        var prices: [SeatPrice] = []
        for currency in [Currency.eur, .usd] {
            for (tier, monthly) in [("standard", Int64(4000)), ("pro", 5000)] {
                prices.append(
                    SeatPrice(
                        productID: "webinar",
                        tierID: tier,
                        frequency: .monthly,
                        unitPrice: Money(minorUnits: monthly, currency: currency)
                    )
                )
                prices.append(
                    SeatPrice(
                        productID: "webinar",
                        tierID: tier,
                        frequency: .annual,
                        unitPrice: Money(minorUnits: monthly * 10, currency: currency)
                    )
                )
            }
        }
        let tiers = [PlanTier(id: "standard", name: "Standard"), PlanTier(id: "pro", name: "Pro")]
        return Catalog(products: [Product(id: "webinar", name: "Webinar", tiers: tiers)], prices: prices)
    }

    static func vendor() throws -> Vendor {
        Vendor(
            legalName: "Webinar Seats S.r.l.",
            address: Address(
                lines: ["Via Example 10"],
                postalCode: "20100",
                city: "Milano",
                region: "MI",
                country: "IT"
            ),
            taxIdentifiers: [try TaxIdentifier(.partitaIVA, "00743110157")],
            email: "billing@example.com"
        )
    }

    static func account(_ id: String, kind: AccountKind = .selfService, currency: Currency = .eur) throws -> Account {
        Account(
            id: id,
            name: "Customer \(id)",
            kind: kind,
            billingContact: try Contact(name: "Contact \(id)", email: "billing@\(id.lowercased()).example"),
            users: [try Contact(name: "User \(id)", email: "user@\(id.lowercased()).example")],
            billingAddress: Address(
                lines: ["Via Roma 1"],
                postalCode: "20121",
                city: "Milano",
                region: "MI",
                country: "IT"
            ),
            locale: "it",
            currency: currency,
            taxTreatment: .vat(rate: try TaxRate(percent: 22))
        )
    }

    /// Vendor, catalog, then `count` accounts each buying a monthly Pro subscription on `start`.
    static func events(accounts count: Int, start: String = "2026-01-01") throws -> [StoreEvent] {
        let day = try date(start)
        var events = [
            StoreEvent(date: day, actor: representative, action: .setVendor(try vendor())),
            StoreEvent(date: day, actor: representative, action: .setCatalog(try catalog())),
        ]
        for index in 1...max(count, 1) where count > 0 {
            let account = try Self.account(String(format: "ACC-%05d", index))
            events.append(StoreEvent(date: day, actor: representative, action: .openAccount(account)))
            events.append(
                StoreEvent(
                    date: day,
                    actor: account.billingContact.actor,
                    action: .purchase(
                        accountID: account.id,
                        subscriptionID: "SUB-\(account.id)",
                        selection: SubscriptionSelection(
                            productID: "webinar",
                            tierID: "pro",
                            seats: 2 + index % 7,
                            frequency: .monthly
                        )
                    )
                )
            )
        }
        return events
    }

    static func file(_ events: [StoreEvent]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(StoreFile(events: events))
    }

    /// The invoice numbers of `year` in the store, ascending.
    static func sequences(_ store: any BillingStore, year: Int) throws -> [Int] {
        try store.invoices(issuedIn: DatePeriod.year(year)).compactMap(\.number?.sequence).sorted()
    }
}

extension StoreFixtures {
    /// The `StoreProbe` executable: a second process working on a store (see its main.swift).
    static func probeExecutable() throws -> URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("StoreProbe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/StoreProbe")
        return try #require(
            FileManager.default.isExecutableFile(atPath: built.path) ? built : nil,
            "StoreProbe was not built"
        )
    }
}
