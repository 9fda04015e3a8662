import Billing
import Foundation
import HistoryStore
import Synchronization
import Testing

/// Several writers on one store at once — processes on one SQLite file, machines on one PostgreSQL
/// database — through the same `BillingStore` calls (issue 21).
@Suite("Writers at once")
struct ConcurrentWriterTests {
    /// Three connections renew thirty subscriptions, each its share, at the same time: every
    /// subscription is renewed once and the year's invoice numbers run 1…60 with no gap or repeat.
    @Test(arguments: StoreKind.allCases)
    func threeWritersRenewingAtOnceShareSkipAndRepeatNoNumber(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let open = try fixtures.newSharedStore(kind)
        let store = try open()
        try store.importFiles([("setup.json", StoreFixtures.file(StoreFixtures.events(accounts: 30)))])
        let day = try StoreFixtures.date("2026-02-01")
        let due = try store.dueSubscriptionIDs(through: day)
        #expect(due.count == 30)
        let writers = try (0..<3).map { _ in try open() }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers.count) { writer in
            for (index, id) in due.enumerated() where index % writers.count == writer {
                do {
                    try writers[writer].apply(StoreEvent(date: day, actor: .system, action: .renew(subscriptionID: id)))
                } catch {
                    failures.withLock { $0.append("\(id): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let invoices = try store.invoices(issuedIn: DatePeriod.year(2026))
        #expect(invoices.compactMap(\.number?.sequence).sorted() == Array(1...60))
        let renewed = invoices.filter { (invoice: Invoice) in invoice.reason == .renewal }.compactMap {
            $0.subscriptionID
        }
        #expect(renewed.sorted() == due.sorted())
        #expect(try store.dueSubscriptionIDs(through: day).isEmpty)
    }
}
