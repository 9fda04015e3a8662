import Billing
import Foundation
import GRDB
import HistoryStore
import Testing

/// `v6-store-speed4-po-index` and `v6-store-speed4-due-index`: `invoices_by_po` holds only the
/// invoices that name a PO, `subscriptions_due` is gone, and a store with both indexes as they
/// were is migrated on open without changing what any PO has left or which subscriptions renew.
@Suite("Indexes a renewal no longer pays for")
struct LighterIndexTests {
    /// A corporate account with two POs, and a self-service account without any.
    ///
    /// PO-A (1,000.00) holds one month of 20 seats at 40.00, PO-B (100,000.00) the rest. The
    /// purchase on 1 March is invoiced on PO-A.
    private static func history() throws -> [StoreEvent] {
        var events = try StoreFixtures.events(accounts: 0)
        let rep = StoreFixtures.representative
        func on(_ date: String, _ action: StoreAction) throws {
            events.append(StoreEvent(date: try StoreFixtures.date(date), actor: rep, action: action))
        }
        var corporate = try StoreFixtures.account("CORP-1", kind: .corporate, currency: .usd)
        corporate.taxTreatment = .noTax(note: nil)
        try on("2026-03-01", .openAccount(corporate))
        for (number, cap) in [("PO-A", "1000.00"), ("PO-B", "100000.00")] {
            let order = try PurchaseOrder(
                number: number,
                cap: Money(decimal: cap, currency: .usd),
                validity: DatePeriod.year(2026)
            )
            try on("2026-03-01", .addPurchaseOrder(accountID: "CORP-1", order: order))
        }
        let monthly = SubscriptionSelection(productID: "webinar", tierID: "standard", seats: 20, frequency: .monthly)
        try on("2026-03-01", .purchase(accountID: "CORP-1", subscriptionID: "SUB-CORP-1", selection: monthly))
        // An invoice without a PO, from an account without any.
        try on("2026-03-01", .openAccount(try StoreFixtures.account("ACC-1")))
        try on("2026-03-01", .purchase(accountID: "ACC-1", subscriptionID: "SUB-ACC-1", selection: monthly))
        return events
    }

    /// The store as the version before these migrations left it: the index over every invoice,
    /// the index of subscriptions by status and period end, and the migrations not applied.
    private static func undoMigration(_ path: String) throws {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP INDEX invoices_by_po;
                    CREATE INDEX invoices_by_po ON invoices(account_id, po_number);
                    CREATE INDEX subscriptions_due ON subscriptions(status, period_end);
                    DELETE FROM grdb_migrations
                    WHERE identifier IN ('v6-store-speed4-po-index', 'v6-store-speed4-due-index');
                    """
            )
        }
    }

    @Test func aStoreOfTheVersionBeforeIsMigratedItsPOsKeepWhatWasInvoicedAndEverythingDueRenews() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        try fixtures.newStore().importFiles([("history.json", StoreFixtures.file(Self.history()))])
        try Self.undoMigration(fixtures.path())

        let store = try fixtures.newStore()
        let purchase = try #require(store.invoices(accountID: "CORP-1").first)
        #expect(purchase.purchaseOrderNumber == "PO-A")
        #expect(purchase.totals.total.decimalString == "800.00")
        // PO-A has 200.00 left, not enough for April's 800.00: the renewal goes on PO-B. Were the
        // invoices on PO-A not found after the migration, April would go on PO-A again.
        let run = try store.apply(
            StoreEvent(date: try StoreFixtures.date("2026-04-01"), actor: .system, action: .runInvoices(kind: nil))
        )
        let renewal = try #require(run.invoices.first { $0.customer.accountID == "CORP-1" })
        #expect(renewal.purchaseOrderNumber == "PO-B")
        #expect(run.invoices.first { $0.customer.accountID == "ACC-1" }?.purchaseOrderNumber == nil)
        // Both subscriptions were due and both renewed, found without `subscriptions_due`.
        #expect(run.invoices.map(\.customer.accountID).sorted() == ["ACC-1", "CORP-1"])

        let queue = try DatabaseQueue(path: fixtures.path())
        defer { try? queue.close() }
        try queue.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'invoices_by_po'")
            #expect(sql?.hasSuffix("WHERE po_number IS NOT NULL") == true, "\(sql ?? "no index")")
            #expect(
                try Bool.fetchOne(db, sql: "SELECT COUNT(*) > 0 FROM sqlite_master WHERE name = 'subscriptions_due'")
                    == false
            )
            // Only the two invoices on a PO are in it, not the two without one.
            let indexed = try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM invoices INDEXED BY invoices_by_po WHERE po_number IS NOT NULL"
            )
            #expect(indexed == 2)
            // The sum of what a PO has had, asked for every invoice of an account with POs, still
            // finds its invoices through it.
            let plan = try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT COALESCE(SUM(grand_total), 0) FROM invoices
                    WHERE account_id = ?1 AND po_number = ?2
                    """,
                arguments: ["CORP-1", "PO-A"]
            )
            .map { $0["detail"] as String }
            #expect(plan.contains { $0.contains("invoices_by_po") }, "\(plan)")
        }
    }
}
