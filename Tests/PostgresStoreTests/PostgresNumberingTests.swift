import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Synchronization
import Testing

@testable import PostgresStore

/// Gapless numbering with many writers: several connections issuing in one series at once never
/// share, skip or reuse a number, and numbers follow dates.
@Suite(needsPostgres) struct PostgresNumberingTests {
    /// What one writer's transaction did.
    struct Issued: Sendable {
        var sequence: Int
        var date: CalendarDate
    }

    @Test func writersOnSeveralConnectionsShareSkipAndReuseNoNumber() throws {
        let database = try PostgresTestDatabase()
        try PostgresStore(database.address).transaction { transaction in try transaction.insertAccount("ACME-1") }
        let writers = 4
        let perWriter = 30
        // The writers move through the days together, as workers of one month-end run do: each takes
        // the next tick of a shared clock (three documents a day) for its date.
        let clock = Atomic<Int>(0)
        let start = try CalendarDate("2026-01-01")
        let issued = Mutex<[Issued]>([])
        let refusedOutOfOrder = Atomic<Int>(0)
        let rolledBack = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            do {
                let store = try PostgresStore(database.address)  // a connection of its own
                for attempt in 0..<perWriter {
                    let date = start.adding(days: clock.wrappingAdd(1, ordering: .relaxed).oldValue / 3)
                    do {
                        let number = try store.transaction { transaction in
                            let number = try transaction.allocateNumber(.invoice, year: 2026, date: date)
                            try transaction.insertInvoice(number, date: date, account: "ACME-1")
                            // Every seventh document fails after taking its number: the number goes back.
                            if (writer + attempt) % 7 == 0 { throw StoreError.database("refused by the test") }
                            return number
                        }
                        issued.withLock { $0.append(Issued(sequence: number.sequence, date: date)) }
                    } catch StoreError.outOfDateOrder {
                        // Another writer numbered a later date first: this date is refused, as it must be.
                        refusedOutOfOrder.add(1, ordering: .relaxed)
                    } catch StoreError.database("refused by the test") {
                        rolledBack.add(1, ordering: .relaxed)
                    }
                }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let documents = issued.withLock { $0 }.sorted { $0.sequence < $1.sequence }
        #expect(
            documents.count + refusedOutOfOrder.load(ordering: .relaxed) + rolledBack.load(ordering: .relaxed)
                == writers * perWriter
        )
        #expect(rolledBack.load(ordering: .relaxed) > 0)
        // 1, 2, 3… with no number twice and none missing, although some transactions failed.
        #expect(documents.map(\.sequence) == Array(1...documents.count))
        // In number order, dates never go back.
        #expect(zip(documents, documents.dropFirst()).allSatisfy { $0.date <= $1.date })
        // And what the store kept is what the writers were told.
        let rows = try database.connection().execute("SELECT sequence, issue_date FROM invoices ORDER BY sequence")
        #expect(rows.count == documents.count)
        #expect((0..<rows.count).map { rows.value($0, "issue_date") } == documents.map(\.date.description))
        let counter = try database.connection().execute("SELECT last FROM numbering WHERE series = 'invoice'")
        #expect(counter.value(0, "last") == String(documents.count))
    }

    @Test func aNumberTakenByAFailedTransactionIsTheNextOnesNumber() throws {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        let date = try CalendarDate("2026-05-04")
        #expect(throws: StoreError.self) {
            try store.transaction { transaction in
                _ = try transaction.allocateNumber(.creditNote, year: 2026, date: date)
                throw StoreError.database("the document could not be written")
            }
        }
        let number = try store.transaction { transaction in
            try transaction.allocateNumber(.creditNote, year: 2026, date: date)
        }
        #expect(number.sequence == 1)
    }

    @Test func aDocumentDatedBeforeTheSeriesLatestIsRefusedNamingIt() throws {
        let database = try PostgresTestDatabase()
        let store = try PostgresStore(database.address)
        _ = try store.transaction { try $0.allocateNumber(.invoice, year: 2026, date: try CalendarDate("2026-06-10")) }
        #expect(
            throws: StoreError.outOfDateOrder(number: "2026/0001", date: "2026-06-10", attempted: "2026-06-09")
        ) {
            try store.transaction { try $0.allocateNumber(.invoice, year: 2026, date: try CalendarDate("2026-06-09")) }
        }
        // Allowed to back-date, the series takes it and keeps its latest date.
        let backDated = try store.transaction {
            try $0.allocateNumber(.invoice, year: 2026, date: try CalendarDate("2026-06-09"), allowsBackDating: true)
        }
        #expect(backDated.description == "2026/0002")
        let row = try database.connection().execute("SELECT last_date FROM numbering")
        #expect(row.value(0, "last_date") == "2026-06-10")
        // Another year is another series: it starts at 1.
        let nextYear = try store.transaction {
            try $0.allocateNumber(.invoice, year: 2027, date: try CalendarDate("2027-01-02"))
        }
        #expect(nextYear.description == "2027/0001")
    }
}
