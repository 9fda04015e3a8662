import Billing
import Foundation
import HistoryStore
import Testing

/// The vendor an issued invoice was issued with, read back after the vendor changed, on both stores
/// (``StoreKind``): a reprint says what the original said.
@Suite("Vendor as issued")
struct VendorSnapshotReadTests {
    let fixtures: StoreFixtures

    init() throws {
        fixtures = try StoreFixtures()
    }

    @Test(arguments: StoreKind.allCases)
    func anInvoiceKeepsTheVendorItWasIssuedWith(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("history.json", StoreFixtures.file(StoreFixtures.events(accounts: 1)))])
        let number = try #require(try store.invoices().first?.number)
        var renamed = try StoreFixtures.vendor()
        renamed.legalName = "Webinar Seats Holding S.p.A."
        try store.apply(
            StoreEvent(
                date: try StoreFixtures.date("2026-01-05"),
                actor: StoreFixtures.representative,
                action: .setVendor(renamed)
            )
        )
        #expect(try store.vendor()?.legalName == "Webinar Seats Holding S.p.A.")
        // What `vendor(asIssued:current:)` reads when a document is printed again.
        let snapshots = try #require(store as? any DatabaseBillingStore)
        #expect(try snapshots.issuedVendor(number) == StoreFixtures.vendor())
        #expect(try snapshots.issuedVendor(try DocumentNumber(series: .invoice, year: 2026, sequence: 999)) == nil)
    }
}
