import Billing
import Foundation
import HistoryStore
import Testing

/// The account overview's balance is added up by one query (`StoreTransaction+Balance.swift`), not
/// by building the statement: over varied histories, on both stores, it must be the statement's
/// closing balance on every day, to the cent.
@Suite("Overview balance")
struct OverviewBalanceTests {
    let fixtures: StoreFixtures

    init() throws {
        fixtures = try StoreFixtures()
    }

    @Test(arguments: StoreKind.allCases)
    func theOverviewsBalanceIsTheStatementsClosingBalanceOverVariedHistories(kind: StoreKind) throws {
        defer { fixtures.remove() }
        var balancesSeen: [Int64] = []
        var kindsSeen: Set<String> = []
        for seed in [UInt64(1), 7, 42] {
            let store = try fixtures.newStore(kind, "history-\(seed).sqlite")
            var generator = SeededGenerator(seed: seed)
            let days = try RandomHistory.apply(to: store, using: &generator)
            for accountID in RandomHistory.accountIDs {
                for day in days {
                    let overview = try store.accountOverview(accountID, on: day)
                    let statement = try store.statement(
                        ofAccount: accountID,
                        for: DatePeriod(start: day, end: day.adding(days: 1))
                    )
                    #expect(
                        overview.balance == statement.closingBalance,
                        "seed \(seed), \(accountID) on \(day): overview \(overview.balance), statement \(statement.closingBalance)"
                    )
                    balancesSeen.append(overview.balance.minorUnits)
                }
                let entries = try store.statement(
                    ofAccount: accountID,
                    for: DatePeriod(start: days[0], end: days[days.count - 1].adding(days: 1))
                ).activities
                kindsSeen.formUnion(entries.map(\.kind.rawValue))
            }
        }
        // The histories are varied enough to mean something: accounts that owe, accounts in
        // credit, and every kind of record the balance adds up.
        #expect(balancesSeen.contains { $0 > 0 })
        #expect(balancesSeen.contains { $0 < 0 })
        #expect(
            kindsSeen.isSuperset(of: ["invoice", "credit-note", "payment", "account-credit", "refund"]),
            "\(kindsSeen)"
        )
    }

    @Test(arguments: StoreKind.allCases)
    func theOverviewReadsTheCatalogAsItIsNowAndTheAccountsLocales(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        let day = try StoreFixtures.date("2026-01-01")
        try store.applyInBatches(try StoreFixtures.events(accounts: 2))
        #expect(try store.accountOverview("ACC-00001", on: day).catalog.products.map(\.name) == ["Webinar"])
        // `plans edit` stores a new catalog: the next overview names the plan as it is now.
        var renamed = try StoreFixtures.catalog()
        renamed.products[0].name = "Webinar Live"
        try store.apply(StoreEvent(date: day, actor: StoreFixtures.representative, action: .setCatalog(renamed)))
        let overview = try store.accountOverview("ACC-00001", on: day)
        #expect(overview.catalog.products.map(\.name) == ["Webinar Live"])
        #expect(overview.subscriptions.map(\.id) == ["SUB-ACC-00001"])
        #expect(overview.account.id == "ACC-00001")
        #expect(throws: StoreError.notFound(kind: "account", id: "NOPE")) {
            try store.accountOverview("NOPE", on: day)
        }
        #expect(try store.locales(ofAccounts: ["ACC-00001", "ACC-00002", "NOPE"]) == ["it"])
        #expect(try store.locales(ofAccounts: []).isEmpty)
    }
}

/// A reproducible random number generator (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Histories of three accounts (euro and dollar) over a year, at random.
///
/// Purchases, changes of seats and plan (invoices and proration credits), renewals, partial, whole,
/// on-account and over-payments, voids, partial credit notes and refunds. Actions the store refuses
/// are left out, as a user's would be.
enum RandomHistory {
    static let accountIDs = ["RND-1", "RND-2", "RND-3"]

    /// Applies a history to `store`; returns the days it happened on, and the day before it began.
    static func apply(to store: any BillingStore, using generator: inout SeededGenerator) throws -> [CalendarDate] {
        var day = try StoreFixtures.date("2026-01-05")
        let rep = StoreFixtures.representative
        try store.apply(StoreEvent(date: day, actor: rep, action: .setVendor(try StoreFixtures.vendor())))
        try store.apply(StoreEvent(date: day, actor: rep, action: .setCatalog(try StoreFixtures.catalog())))
        for (index, id) in accountIDs.enumerated() {
            let account = try StoreFixtures.account(id, currency: index == 1 ? .usd : .eur)
            try store.apply(StoreEvent(date: day, actor: rep, action: .openAccount(account)))
            let selection = SubscriptionSelection(
                productID: "webinar",
                tierID: "standard",
                seats: Int.random(in: 1...12, using: &generator),
                frequency: index == 2 ? .annual : .monthly
            )
            try store.apply(
                StoreEvent(
                    date: day,
                    actor: rep,
                    action: .purchase(accountID: id, subscriptionID: "SUB-\(id)", selection: selection)
                )
            )
        }
        var days = [day.adding(days: -1), day]
        for step in 0..<60 {
            day = day.adding(days: Int.random(in: 1...9, using: &generator))
            let id = accountIDs.randomElement(using: &generator) ?? accountIDs[0]
            let currency: Currency = id == "RND-2" ? .usd : .eur
            let invoices = try store.invoices(accountID: id)
            let invoice = invoices.randomElement(using: &generator)
            let reference = invoice?.number.map(InvoiceReference.number)
            let amount = Money(minorUnits: Int64.random(in: 100...60_000, using: &generator), currency: currency)
            let action: StoreAction?
            switch Int.random(in: 0..<9, using: &generator) {
            case 0:
                action = .runInvoices(kind: nil)
            case 1:
                action = .change(
                    subscriptionID: "SUB-\(id)",
                    selection: SubscriptionSelection(
                        productID: "webinar",
                        tierID: Bool.random(using: &generator) ? "standard" : "pro",
                        seats: Int.random(in: 1...15, using: &generator),
                        frequency: id == "RND-3" ? .annual : .monthly
                    )
                )
            case 2:
                action = reference.map {
                    .recordPayment(
                        paymentID: "P-\(step)",
                        accountID: id,
                        invoice: $0,
                        amount: invoice?.amountDue ?? amount,
                        method: "Card"
                    )
                }
            case 3:
                action = .recordPayment(
                    paymentID: "P-\(step)",
                    accountID: id,
                    invoice: nil,
                    amount: amount,
                    method: "Bank transfer"
                )
            case 4:
                action = reference.map {
                    .recordOverpayment(
                        paymentID: "P-\(step)",
                        accountID: id,
                        invoice: $0,
                        amount: amount,
                        method: "Bank transfer"
                    )
                }
            case 5:
                action = reference.map { .voidInvoice(invoice: $0, reason: "Issued in error") }
            case 6:
                let part = Money(minorUnits: amount.minorUnits / 10, currency: currency)
                action = reference.map { .creditInvoice(invoice: $0, scope: .amount(part), reason: "Goodwill") }
            case 7:
                let part = Money(minorUnits: amount.minorUnits / 20, currency: currency)
                action = .refundCredit(refundID: "R-\(step)", accountID: id, amount: part, method: "Bank transfer")
            default:
                action = reference.map {
                    .recordPayment(paymentID: "P-\(step)", accountID: id, invoice: $0, amount: amount, method: "Card")
                }
            }
            guard let action else { continue }
            if (try? store.apply(StoreEvent(date: day, actor: rep, action: action))) != nil { days.append(day) }
        }
        days.append(day.adding(days: 400))
        return days
    }
}
