import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// Within a series, numbers follow dates.
///
/// No document is numbered after one with a later date (art. 21 DPR 633/72), whichever path issues it.
/// On both stores (``StoreKind``), but for the last two tests: one migrates the SQLite store of
/// the first schema (`Fixtures/store-v1.sqlite`), the other runs `StoreProbe` processes on one
/// SQLite file (PostgreSQL's writers at once are `ConcurrentWriterTests`).
@Suite("Numbers follow dates")
struct DateOrderTests {
    static let rep = StoreFixtures.representative

    /// A store with the vendor, the catalog and the accounts `ids`, nothing bought yet.
    static func store(_ fixtures: StoreFixtures, _ kind: StoreKind, accounts ids: [String]) throws -> any BillingStore {
        let store = try fixtures.newStore(kind)
        let day = try CalendarDate("2026-01-01")
        _ = try store.apply(StoreEvent(date: day, actor: rep, action: .setVendor(try StoreFixtures.vendor())))
        _ = try store.apply(StoreEvent(date: day, actor: rep, action: .setCatalog(try StoreFixtures.catalog())))
        for id in ids {
            _ = try store.apply(StoreEvent(date: day, actor: rep, action: .openAccount(try StoreFixtures.account(id))))
        }
        return store
    }

    static func purchase(_ account: String, on date: String) throws -> StoreEvent {
        StoreEvent(
            date: try CalendarDate(date),
            actor: rep,
            action: .purchase(
                accountID: account,
                subscriptionID: "SUB-\(account)",
                selection: SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 3, frequency: .monthly)
            )
        )
    }

    @Test(arguments: StoreKind.allCases)
    func anInvoiceDatedBeforeTheLastOfItsSeriesIsRefusedAndNothingChanges(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures, kind, accounts: ["LATE", "EARLY"])
        _ = try store.apply(try Self.purchase("LATE", on: "2026-03-31"))
        #expect(throws: StoreError.outOfDateOrder(number: "2026/0001", date: "2026-03-31", attempted: "2026-03-01")) {
            _ = try store.apply(try Self.purchase("EARLY", on: "2026-03-01"))
        }
        #expect(try store.invoices(issuedIn: DatePeriod.year(2026)).count == 1)
        #expect(try store.subscriptions(ofAccount: "EARLY").isEmpty)
        // The same day, or later, is fine.
        _ = try store.apply(try Self.purchase("EARLY", on: "2026-03-31"))
        #expect(try StoreFixtures.sequences(store, year: 2026) == [1, 2])
    }

    @Test(arguments: StoreKind.allCases)
    func aSeriesThatAllowsBackDatingTakesAnEarlierDateOnlyWhileItDoes(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures, kind, accounts: ["LATE", "EARLY", "AFTER"])
        _ = try store.apply(try Self.purchase("LATE", on: "2026-03-31"))
        let day = try CalendarDate("2026-03-31")
        let contact = try store.account("EARLY").billingContact.actor
        #expect(throws: StoreError.self) {
            _ = try store.apply(
                StoreEvent(date: day, actor: contact, action: .setNumbering(series: .invoice, allowsBackDating: true))
            )
        }
        _ = try store.apply(
            StoreEvent(date: day, actor: Self.rep, action: .setNumbering(series: .invoice, allowsBackDating: true))
        )
        #expect(try store.allowsBackDating(.invoice))
        #expect(try !store.allowsBackDating(.creditNote))
        let early = try store.apply(try Self.purchase("EARLY", on: "2026-03-01")).invoices
        #expect(early.map { $0.number?.description } == ["2026/0002"])
        #expect(early.first?.issueDate.description == "2026-03-01")
        // The series keeps its latest date: once refused again, the 1st is still too early.
        #expect(try store.lastNumberedDate(.invoice, year: 2026)?.description == "2026-03-31")
        _ = try store.apply(
            StoreEvent(date: day, actor: Self.rep, action: .setNumbering(series: .invoice, allowsBackDating: false))
        )
        #expect(throws: StoreError.outOfDateOrder(number: "2026/0002", date: "2026-03-31", attempted: "2026-03-01")) {
            _ = try store.apply(try Self.purchase("AFTER", on: "2026-03-01"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRunNumbersItsInvoicesByDateAcrossSubscriptionsThenByAccount(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        // A renews on the 20th, B on the 5th, C on the 5th too: by date, then by account.
        let store = try Self.store(fixtures, kind, accounts: ["ACC-A", "ACC-B", "ACC-C"])
        for (account, day) in [("ACC-B", "2026-01-05"), ("ACC-C", "2026-01-05"), ("ACC-A", "2026-01-20")] {
            _ = try store.apply(try Self.purchase(account, on: day))
        }
        _ = try store.apply(
            StoreEvent(date: try CalendarDate("2026-04-30"), actor: .system, action: .runInvoices(kind: nil))
        )
        let invoices = try store.invoices(issuedIn: DatePeriod.year(2026)).sorted {
            ($0.number?.sequence ?? 0) < ($1.number?.sequence ?? 0)
        }
        let issued = invoices.map { "\($0.issueDate) \($0.customer.accountID)" }
        #expect(
            issued == [
                "2026-01-05 ACC-B", "2026-01-05 ACC-C", "2026-01-20 ACC-A",
                "2026-02-05 ACC-B", "2026-02-05 ACC-C", "2026-02-20 ACC-A",
                "2026-03-05 ACC-B", "2026-03-05 ACC-C", "2026-03-20 ACC-A",
                "2026-04-05 ACC-B", "2026-04-05 ACC-C", "2026-04-20 ACC-A",
            ]
        )
    }

    @Test(arguments: StoreKind.allCases)
    func aRenewalLeftBehindIsDatedTheDayItIsIssuedAfterWhatWasNumberedSince(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try Self.store(fixtures, kind, accounts: ["ACC-A", "ACC-B"])
        _ = try store.apply(try Self.purchase("ACC-A", on: "2026-01-05"))
        _ = try store.apply(try Self.purchase("ACC-B", on: "2026-01-20"))
        // B renews on 20 February while A's renewal of 5 February was left behind.
        _ = try store.apply(
            StoreEvent(
                date: try CalendarDate("2026-02-20"),
                actor: .system,
                action: .renew(subscriptionID: "SUB-ACC-B")
            )
        )
        _ = try store.apply(
            StoreEvent(date: try CalendarDate("2026-02-28"), actor: .system, action: .runInvoices(kind: nil))
        )
        let february = try store.invoices(issuedIn: DatePeriod.month(year: 2026, month: 2))
        let late = try #require(february.first { $0.customer.accountID == "ACC-A" })
        let onTime = try #require(february.first { $0.customer.accountID == "ACC-B" })
        #expect(late.issueDate.description == "2026-02-20")
        #expect((late.number?.sequence ?? 0) > (onTime.number?.sequence ?? 0))
        // Its lines still bill the period it covers.
        #expect(late.lines.first?.period?.start.description == "2026-02-05")
    }

    @Test func aMigratedStoreRemembersTheDateOfItsLastDocument() throws {
        let (folder, path) = try MigrationTests.copyOfFixture()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: path)
        let last = try #require(
            try store.invoices(accountID: nil, issuedIn: nil).max {
                ($0.issueDate, $0.number?.sequence ?? 0) < ($1.issueDate, $1.number?.sequence ?? 0)
            }
        )
        let id = "ROSSI-IT"
        let before = try store.invoices(accountID: nil, issuedIn: nil).count
        let early = StoreEvent(
            date: last.issueDate.adding(days: -1),
            actor: Self.rep,
            action: .purchase(
                accountID: id,
                subscriptionID: "SUB-LATE-\(id)",
                selection: SubscriptionSelection(productID: "webinar", tierID: "lite", seats: 1, frequency: .monthly)
            )
        )
        do {
            _ = try store.apply(early)
            Issue.record("a purchase dated before \(last.issueDate) was accepted")
        } catch {
            guard case .outOfDateOrder(_, let date, _) = error else {
                Issue.record("refused for another reason: \(error)")
                return
            }
            #expect(date == last.issueDate.description)
        }
        #expect(try store.invoices(accountID: nil, issuedIn: nil).count == before)
    }

    /// Two processes issuing into one series at once, one dated a month after the other: whichever
    /// numbers first, no number is ever given to a date earlier than one already numbered, and the
    /// series has no gap; what the earlier-dated process could not issue is refused, not half-written.
    @Test func twoProcessesIssuingDifferentDatesKeepTheSeriesInDateOrder() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let accounts = 200
        try fixtures.newStore().importFiles([
            ("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: accounts)))
        ])
        let probe = try StoreFixtures.probeExecutable()
        func start(_ date: String) throws -> Process {
            let process = Process()
            process.executableURL = probe
            process.arguments = [fixtures.path(), date, "all", "dated"]
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            return process
        }
        // February's renewals go one every 10 ms; once some are numbered, March's process starts
        // and numbers its later date in between them.
        let february = try start("2026-02-01")
        let watcher = try fixtures.newStore()
        while try watcher.invoices(issuedIn: DatePeriod.year(2026)).count < accounts + 20, february.isRunning {
            usleep(20_000)
        }
        let processes = [february, try start("2026-03-01")]
        for process in processes { process.waitUntilExit() }
        let outputs = processes.map { process in
            let pipe = process.standardError as? Pipe
            return String(decoding: pipe?.fileHandleForReading.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(outputs)")
        // February's process met March's numbers and was refused, not half-written.
        let refused = Int(outputs[0].dropFirst("refused ".count).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect((refused ?? 0) > 0, "\(outputs)")

        let store = try fixtures.newStore()
        let invoices = try store.invoices(issuedIn: DatePeriod.year(2026))
            .sorted { ($0.number?.sequence ?? 0) < ($1.number?.sequence ?? 0) }
        #expect(invoices.compactMap(\.number?.sequence) == Array(1...invoices.count))
        let dates = invoices.map(\.issueDate)
        #expect(dates == dates.sorted(), "a number was given to an earlier date than the one before it")
        #expect(Set(invoices.map(\.key)).count == invoices.count)
        // Every subscription's February was invoiced once, by one process or the other.
        #expect(invoices.count >= accounts * 2)
        #expect(outputs.allSatisfy { $0.hasPrefix("refused ") }, "\(outputs)")
    }
}
