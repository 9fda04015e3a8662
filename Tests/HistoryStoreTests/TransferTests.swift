import Billing
import Foundation
import HistoryStore
import Testing

@Suite("Import and export")
struct TransferTests {
    /// A history with every kind of event: changes, credits, cancellations, a reactivation,
    /// payments, a void, a corporate PO and quote, a W-9 request.
    static func fullHistory() throws -> [StoreEvent] {
        var events = try StoreFixtures.events(accounts: 3)
        let rep = StoreFixtures.representative
        func on(_ date: String, _ actor: Actor, _ action: StoreAction) throws {
            events.append(StoreEvent(date: try StoreFixtures.date(date), actor: actor, action: action))
        }
        let contact = Actor.user(email: "billing@acc-00001.example")
        let pro = { (seats: Int) in
            SubscriptionSelection(productID: "webinar", tierID: "pro", seats: seats, frequency: .monthly)
        }
        try on("2026-01-12", contact, .change(subscriptionID: "SUB-ACC-00001", selection: pro(10)))
        try on("2026-01-20", contact, .change(subscriptionID: "SUB-ACC-00001", selection: pro(6)))
        try on(
            "2026-01-21",
            contact,
            .setPaymentMethod(
                accountID: "ACC-00001",
                method: try .card(brand: "Visa", lastFour: "4242", expiry: (12, 2028))
            )
        )
        try on("2026-02-01", .system, .runInvoices(kind: nil))
        try on(
            "2026-02-03",
            rep,
            .recordPayment(
                paymentID: "PAY-1",
                accountID: "ACC-00002",
                invoice: .number(try DocumentNumber(parsing: "2026/0002")),
                amount: try Money(decimal: "183.00", currency: .eur),
                method: "SEPA"
            )
        )
        try on("2026-02-05", .user(email: "billing@acc-00003.example"), .cancel(subscriptionID: "SUB-ACC-00003"))
        try on(
            "2026-02-06",
            rep,
            .voidInvoice(invoice: .number(try DocumentNumber(parsing: "2026/0003")), reason: "duplicate charge")
        )
        try on("2026-03-01", .system, .runInvoices(kind: nil))
        try on("2026-03-10", .user(email: "billing@acc-00003.example"), .reactivate(subscriptionID: "SUB-ACC-00003"))
        var corporate = try StoreFixtures.account("CORP-1", kind: .corporate, currency: .usd)
        corporate.taxTreatment = .noTax(note: nil)
        corporate.paymentTerms = .net(days: 30)
        try on("2026-03-11", rep, .openAccount(corporate))
        let order = try PurchaseOrder(
            number: "PO-77",
            cap: Money(decimal: "50000.00", currency: .usd),
            validity: DatePeriod.year(2026)
        )
        try on("2026-03-11", rep, .addPurchaseOrder(accountID: "CORP-1", order: order))
        let annual = SubscriptionSelection(productID: "webinar", tierID: "standard", seats: 20, frequency: .annual)
        try on(
            "2026-03-12",
            .user(email: "billing@corp-1.example"),
            .purchase(accountID: "CORP-1", subscriptionID: "SUB-CORP-1", selection: annual)
        )
        var bigger = annual
        bigger.seats = 30
        try on(
            "2026-04-01",
            rep,
            .prepareQuote(
                quoteID: "Q-1",
                subscriptionID: "SUB-CORP-1",
                selection: bigger,
                unitPrice: try Money(decimal: "380.00", currency: .usd),
                validUntil: try StoreFixtures.date("2026-04-30")
            )
        )
        try on("2026-04-10", .user(email: "billing@corp-1.example"), .acceptQuote(quoteID: "Q-1"))
        try on(
            "2026-04-11",
            .user(email: "user@corp-1.example"),
            .requestW9(requestID: "W9-1", accountID: "CORP-1", formType: .w9, details: "W-9 for vendor onboarding")
        )
        try on("2026-04-12", rep, .fulfilW9(requestID: "W9-1"))
        return events
    }

    @Test(arguments: StoreKind.allCases)
    func exportThenImportRoundTripsExactly(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let original = try fixtures.newStore(kind, "original.sqlite")
        let summary = try original.importFiles([("history.json", StoreFixtures.file(Self.fullHistory()))])
        #expect(summary.creditNotes == 1)
        #expect(summary.invoices > 10)
        let exported = try original.export()
        let copy = try fixtures.newStore(kind, "copy.sqlite")
        try copy.importFiles([("export.json", exported)])
        #expect(try copy.export() == exported)
        #expect(try copy.invoices() == original.invoices())
        #expect(try copy.creditNotes() == original.creditNotes())
        for id in ["ACC-00001", "ACC-00002", "ACC-00003", "CORP-1"] {
            #expect(try copy.account(id) == original.account(id))
            #expect(try copy.subscriptions(ofAccount: id) == original.subscriptions(ofAccount: id))
            let year = try DatePeriod.year(2026)
            #expect(try copy.statement(ofAccount: id, for: year) == original.statement(ofAccount: id, for: year))
        }
        #expect(try copy.w9Requests(accountID: nil) == original.w9Requests(accountID: nil))
    }

    @Test(arguments: StoreKind.allCases)
    func aRejectedImportLeavesTheStoreAsItWasAndNamesTheRecord(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 2)))])
        let before = try store.export()
        let rep = StoreFixtures.representative
        let amount = try Money(decimal: "50.00", currency: .eur)
        let fewer = SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 1, frequency: .monthly)
        let events = [
            StoreEvent(date: try StoreFixtures.date("2026-02-01"), actor: .system, action: .runInvoices(kind: nil)),
            StoreEvent(
                date: try StoreFixtures.date("2026-02-10"),
                actor: rep,
                action: .change(subscriptionID: "SUB-ACC-00001", selection: fewer)
            ),
            StoreEvent(
                date: try StoreFixtures.date("2026-02-11"),
                actor: rep,
                action: .recordPayment(
                    paymentID: "P-9",
                    accountID: "ACC-00002",
                    invoice: nil,
                    amount: amount,
                    method: "SEPA"
                )
            ),
            StoreEvent(
                date: try StoreFixtures.date("2026-05-01"),
                actor: .system,
                action: .cancel(subscriptionID: "SUB-NOPE")
            ),
            StoreEvent(date: try StoreFixtures.date("2026-03-01"), actor: .system, action: .runInvoices(kind: nil)),
        ]
        do {
            try store.importFiles([("good.json", StoreFixtures.file([])), ("bad.json", StoreFixtures.file(events))])
            Issue.record("a file with a bad record was imported")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("bad.json: $.events[3] (2026-05-01 cancel): "))
            #expect(error.description.hasSuffix("; nothing was imported"))
        }
        #expect(try store.export() == before)
    }

    @Test(arguments: [
        (
            #"{"format": "ledgerprint/1", "events": [{"date": "2026-02-30", "actor": "system", "action": "run-invoices"}]}"#,
            "data.json: $.events[0].date: invalid date '2026-02-30'"
        ),
        (
            #"{"format": "ledgerprint/1", "events": [{"date": "2026-02-01", "action": "run-invoices"}]}"#,
            #"data.json: $.events[0].actor: required field "actor" is missing"#
        ),
        (
            #"{"format": "ledgerprint/1", "events": [{"date": "2026-02-01", "actor": "system", "action": "teleport"}]}"#,
            "data.json: $.events[0].action: unknown action 'teleport'"
        ),
        (
            #"{"format": "ledgerprint/1", "events": [{"date": "2026-02-01", "actor": "nobody", "action": "run-invoices"}]}"#,
            "data.json: $.events[0].actor: invalid actor 'nobody'"
        ),
        (#"{"format": "ledgerprint/9", "events": []}"#, #"data.json: $.format: expected "ledgerprint/1""#),
        (
            #"{"format": "ledgerprint/1", "events": [ }"#,
            "data.json: line 1, column 41: not valid JSON: expected a value, found '}'"
        ),
        (
            "{\"format\": \"ledgerprint/1\",\n \"events\": [{\"date\": 20260201}]}",
            "data.json: $.events[0].date: expected a string, found a number"
        ),
        (
            "{\"format\": \"ledgerprint/1\",\n \"events\": [\n  {\"date\": \"2026-02-01\",}]}",
            "data.json: line 3, column 25: not valid JSON: expected a member name in quotes"
        ),
    ])
    func malformedFilesNameTheFieldAndWhatIsWrong(json: String, message: String) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        do {
            try fixtures.newStore().importFiles([("data.json", Data(json.utf8))])
            Issue.record("accepted: \(json)")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}
