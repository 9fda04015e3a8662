import Billing
import Foundation
import GRDB
import HistoryStore
import Testing

/// The tests that are about the store run on both stores (``StoreKind``); the last two are about
/// SQLite's own machinery: the read-ahead of a batch on a second connection (the PostgreSQL store
/// reads nothing ahead) and processes sharing one file through SQLite's locks (PostgreSQL's writers
/// at once are `ConcurrentWriterTests`).
@Suite("Integrity: immutability, numbering, transactions")
struct IntegrityTests {
    @Test(
        arguments: [
            "UPDATE invoices SET grand_total = 0",
            "DELETE FROM invoices",
            "UPDATE events SET actor = 'someone-else'",
            "DELETE FROM events",
            "UPDATE payments SET received_on = '2020-01-01'",
            "DELETE FROM credit_notes",
            "DELETE FROM account_credits",
        ],
        StoreKind.allCases
    )
    func theDatabaseRefusesToChangeIssuedRecords(sql: String, kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 1)))])
        let rep = StoreFixtures.representative
        let contact = try store.account("ACC-00001").billingContact.actor
        let fewerSeats = SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 2, frequency: .monthly)
        try store.apply(
            StoreEvent(
                date: StoreFixtures.date("2026-01-10"),
                actor: contact,
                action: .change(subscriptionID: "SUB-ACC-00001", selection: fewerSeats)
            )
        )
        let amount = try Money(decimal: "10.00", currency: .eur)
        try store.apply(
            StoreEvent(
                date: StoreFixtures.date("2026-01-11"),
                actor: rep,
                action: .recordPayment(
                    paymentID: "PAY-1",
                    accountID: "ACC-00001",
                    invoice: nil,
                    amount: amount,
                    method: "Bank transfer"
                )
            )
        )
        try store.apply(
            StoreEvent(
                date: StoreFixtures.date("2026-01-12"),
                actor: rep,
                action: .voidInvoice(invoice: .number(DocumentNumber(parsing: "2026/0001")), reason: "test")
            )
        )
        do {
            try RawDatabase.execute(sql, on: store)
            Issue.record("'\(sql)' succeeded")
        } catch let error as RawSQLError {
            #expect(error.description.contains("append-only: issued records never change"), "\(error)")
        }
        #expect(try store.invoices().count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func numbersAreProgressivePerSeriesAndYearWithoutGaps(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([
            ("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 30, start: "2026-11-15")))
        ])
        #expect(try StoreFixtures.sequences(store, year: 2026) == Array(1...30))
        // Renewals on 15 December stay in 2026; those on 15 January start 2027 at 1.
        let rep = StoreFixtures.representative
        try store.apply(StoreEvent(date: StoreFixtures.date("2026-12-15"), actor: rep, action: .runInvoices(kind: nil)))
        try store.apply(StoreEvent(date: StoreFixtures.date("2027-01-15"), actor: rep, action: .runInvoices(kind: nil)))
        #expect(try StoreFixtures.sequences(store, year: 2026) == Array(1...60))
        #expect(try StoreFixtures.sequences(store, year: 2027) == Array(1...30))
        let voided = try store.apply(
            StoreEvent(
                date: StoreFixtures.date("2027-01-20"),
                actor: rep,
                action: .voidInvoice(invoice: .number(DocumentNumber(parsing: "2026/0007")), reason: "wrong seats")
            )
        )
        #expect(voided.creditNotes.first?.number?.description == "NC-2027/0001")
        #expect(try StoreFixtures.sequences(store, year: 2027) == Array(1...30))
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedActionLeavesNothingAndUsesNoNumber(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 2)))])
        let before = try store.export()
        // A purchase that fails after its subscription row would have been written: the catalog has no GBP price.
        var account = try StoreFixtures.account("GBP-1", currency: .gbp)
        account.taxTreatment = .noTax(note: nil)
        let rep = StoreFixtures.representative
        try store.apply(StoreEvent(date: StoreFixtures.date("2026-01-03"), actor: rep, action: .openAccount(account)))
        let afterOpening = try store.export()
        #expect(afterOpening != before)
        let selection = SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 1, frequency: .monthly)
        #expect(throws: StoreError.self) {
            try store.apply(
                StoreEvent(
                    date: StoreFixtures.date("2026-01-03"),
                    actor: rep,
                    action: .purchase(accountID: "GBP-1", subscriptionID: "SUB-GBP", selection: selection)
                )
            )
        }
        #expect(try store.export() == afterOpening)
        #expect(throws: StoreError.notFound(kind: "subscription", id: "SUB-GBP")) { try store.subscription("SUB-GBP") }
        try store.apply(
            StoreEvent(
                date: StoreFixtures.date("2026-01-04"),
                actor: rep,
                action: .purchase(accountID: "ACC-00001", subscriptionID: "SUB-2", selection: selection)
            )
        )
        #expect(try StoreFixtures.sequences(store, year: 2026) == [1, 2, 3])
    }

    @Test(arguments: StoreKind.allCases)
    func runningTheSameRenewalsTwiceIssuesEachInvoiceOnce(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 5)))])
        let run = StoreEvent(
            date: try StoreFixtures.date("2026-03-01"),
            actor: .system,
            action: .runInvoices(kind: nil)
        )
        #expect(try store.apply(run).invoices.count == 10)
        #expect(try store.apply(run).invoices.count == 0)
        #expect(try store.dueSubscriptionIDs(through: StoreFixtures.date("2026-03-01"), kind: nil).isEmpty)
        #expect(try StoreFixtures.sequences(store, year: 2026) == Array(1...15))
        let keys = try store.invoices().map(\.key)
        #expect(Set(keys).count == keys.count)
    }

    @Test(arguments: StoreKind.allCases)
    func aBatchedRunKeepsTheGoodRenewalsAndLeavesNoTraceOfTheBadOne(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 5)))])
        let date = try StoreFixtures.date("2026-03-01")
        var ids = try store.dueSubscriptionIDs(through: date, kind: nil)
        ids.insert("SUB-NOPE", at: 2)
        let events = ids.map { StoreEvent(date: date, actor: .system, action: .renew(subscriptionID: $0)) }
        var reported: [Int] = []
        let results = try store.applyInBatches(events, batchSize: 4) { reported.append($0) }
        #expect(reported == [4, 6])
        #expect(results.map { (try? $0.get())?.invoices.count } == [2, 2, nil, 2, 2, 2])
        if case .failure(let error) = results[2] {
            #expect(error.description == "no subscription 'SUB-NOPE' in the store")
        } else {
            Issue.record("the renewal of an unknown subscription succeeded")
        }
        // Five from the purchases, ten renewals: numbered without the failed one leaving a gap.
        #expect(try StoreFixtures.sequences(store, year: 2026) == Array(1...15))
        let rerun = try store.applyInBatches(events, batchSize: 4)
        #expect(rerun.compactMap { try? $0.get().invoices.count }.reduce(0, +) == 0)
    }

    /// Within one batch, an event sees the catalog an earlier event of the batch set; the next
    /// batch, in its own transaction, reads it afresh. (A renewal keeps the subscription's price;
    /// it takes the product's and tier's names from the catalog.)
    @Test(arguments: StoreKind.allCases)
    func aCatalogSetInABatchNamesTheRenewalsAfterIt(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 3)))])
        let date = try StoreFixtures.date("2026-02-01")
        var renamed = try StoreFixtures.catalog()
        renamed.products[0].tiers = [PlanTier(id: "standard", name: "Standard"), PlanTier(id: "pro", name: "Pro Plus")]
        let ids = try store.dueSubscriptionIDs(through: date, kind: nil)
        let renewals = ids.map { StoreEvent(date: date, actor: .system, action: .renew(subscriptionID: $0)) }
        // The first renewal under the old catalog, then the new one, then two renewals: the first in
        // the same batch (and transaction) as the catalog, the last in the next batch.
        let events =
            [renewals[0], StoreEvent(date: date, actor: .system, action: .setCatalog(renamed))] + renewals[1...]
        let results = try store.applyInBatches(events, batchSize: 3)
        let tiers = try results.map { try $0.get().invoices.first?.lines.first?.item?.tier }
        #expect(tiers == ["Pro", nil, "Pro Plus", "Pro Plus"])
    }

    /// A run reads each batch's accounts ahead of time on another connection; an account changed
    /// by another program in between is what the invoice must show, never the copy read ahead —
    /// its name (a column) and its address (in the JSON detail decoded ahead) alike.
    @Test func aRunInvoicesWhatTheAccountSaysNowNotWhatWasReadAhead() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore()
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 4)))])
        // Another program: a connection of its own, sharing nothing with the store in this process.
        let other = try DatabaseQueue(path: fixtures.path())
        let date = try StoreFixtures.date("2026-02-01")
        let ids = try store.dueSubscriptionIDs(through: date, kind: nil)
        #expect(ids.count == 4)
        let events = ids.map { StoreEvent(date: date, actor: .system, action: .renew(subscriptionID: $0)) }
        let moved = Address(lines: ["Corso Como 9"], postalCode: "20121", city: "Milano", region: "MI", country: "IT")
        // After the first batch, the second one's accounts have been read ahead; then the other
        // program renames one of them and moves it.
        let results = try store.applyInBatches(events, batchSize: 2) { done in
            guard done == 2 else { return }
            do {
                try other.write { db in
                    try db.execute(
                        sql: """
                            UPDATE accounts SET name = 'Renamed S.p.A.',
                                detail = json_set(detail, '$.billingAddress.lines', json_array('Corso Como 9'))
                            WHERE id = 'ACC-00004'
                            """
                    )
                }
            } catch {
                Issue.record("the rename failed: \(error)")
            }
        }
        let invoices = try results.map { try $0.get().invoices }
        #expect(invoices.map(\.count) == [1, 1, 1, 1])
        #expect(invoices[3].first?.customer.name == "Renamed S.p.A.")
        #expect(invoices[3].first?.customer.address == moved)
        #expect(invoices[2].first?.customer.name != "Renamed S.p.A.")
        #expect(invoices[2].first?.customer.address != moved)
        #expect(try store.account("ACC-00004").name == "Renamed S.p.A.")
    }

    /// Processes renewing the same subscriptions at once, one renewal to a transaction or in
    /// batches as `invoices run` does (read ahead, applied whole, savepoints only on failure).
    @Test(arguments: [false, true])
    func twoProcessesIssuingAtOnceShareNoNumberAndLeaveNoGap(inBatches: Bool) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let accounts = 120
        try fixtures.newStore().importFiles([
            ("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: accounts)))
        ])
        let probe = try StoreFixtures.probeExecutable()
        // Two processes split the work; a third races both over all of it, so every invoice is contested.
        let processes = try ["even", "odd", "all"].map { part in
            let process = Process()
            process.executableURL = probe
            process.arguments = [fixtures.path(), "2026-03-01", part] + (inBatches ? ["batches"] : [])
            process.standardOutput = Pipe()
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        // What the three say they issued adds up to the renewals: none twice, none lost.
        let issued = processes.compactMap { process -> Int? in
            let output = (process.standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile() ?? Data()
            return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        #expect(issued.count == 3)
        #expect(issued.reduce(0, +) == accounts * 2)
        let store = try fixtures.newStore()
        let expected = accounts * 3  // the first period, then February and March
        #expect(try StoreFixtures.sequences(store, year: 2026) == Array(1...expected))
        let keys = try store.invoices().map(\.key)
        #expect(Set(keys).count == expected)
    }
}
