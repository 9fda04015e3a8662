import Billing
import Testing

@Suite("Which purchase order an invoice uses")
struct PurchaseOrderChoiceTests {
    let representative = Actor.representative(name: "Marco Neri")

    /// The account of the report: a 40,000 PO from December and a 20,000 PO from mid-December.
    private func account() throws -> Account {
        try Fixtures.corporateUS(orders: [
            PurchaseOrder(
                number: "PO-40K",
                cap: Fixtures.usd("40000.00"),
                validity: DatePeriod(start: Fixtures.date("2025-12-01"), end: Fixtures.date("2027-01-01"))
            ),
            PurchaseOrder(
                number: "PO-20K",
                cap: Fixtures.usd("20000.00"),
                validity: DatePeriod(start: Fixtures.date("2025-12-15"), end: Fixtures.date("2027-01-01"))
            ),
        ])
    }

    @Test func theOldRuleTookTheNewestPOEvenWithoutEnoughLeft() throws {
        // The bug as reported: the newest valid PO was taken whatever remained on it.
        let account = try account()
        let newest = try #require(account.activePurchaseOrder(on: Fixtures.date("2026-01-01")))
        #expect(newest.number == "PO-20K")
        #expect(throws: BillingError.self) {
            try newest.authorize(
                total: Fixtures.usd("30000.00"),
                on: Fixtures.date("2026-01-01"),
                alreadyInvoiced: .zero(.usd)
            )
        }
    }

    @Test func theOldestPOWithEnoughLeftIsChosen() throws {
        let account = try account()
        let order = try account.choosePurchaseOrder(
            for: Fixtures.usd("30000.00"),
            on: Fixtures.date("2026-01-01"),
            subscriptionID: "SUB-G",
            invoiced: [:]
        )
        #expect(order.number == "PO-40K")
        // Once the older one is used up, the newer one takes what fits.
        let next = try account.choosePurchaseOrder(
            for: Fixtures.usd("15000.00"),
            on: Fixtures.date("2026-06-01"),
            subscriptionID: "SUB-G",
            invoiced: ["PO-40K": Fixtures.usd("30000.00")]
        )
        #expect(next.number == "PO-20K")
    }

    @Test func whenNoneCoversTheInvoiceEveryPOAndWhatRemainsIsNamed() throws {
        do {
            _ = try account().choosePurchaseOrder(
                for: Fixtures.usd("25000.00"),
                on: Fixtures.date("2026-06-01"),
                subscriptionID: "SUB-G",
                invoiced: ["PO-40K": Fixtures.usd("30000.00")]
            )
            Issue.record("an invoice no PO covers was given one")
        } catch let error as BillingError {
            #expect(
                error.description.contains(
                    "PO-40K has USD 10000.00 left of USD 40000.00, PO-20K has USD 20000.00 left of USD 20000.00"
                )
            )
        }
    }

    @Test func aPinnedPOComesFirstAndIsNotSwappedSilently() throws {
        let pinned = try account().pinningPurchaseOrder("PO-20K", for: "SUB-G", by: representative)
        let small = try pinned.choosePurchaseOrder(
            for: Fixtures.usd("5000.00"),
            on: Fixtures.date("2026-01-01"),
            subscriptionID: "SUB-G",
            invoiced: [:]
        )
        #expect(small.number == "PO-20K")
        // Another subscription of the account still takes the oldest that covers it.
        let other = try pinned.choosePurchaseOrder(
            for: Fixtures.usd("5000.00"),
            on: Fixtures.date("2026-01-01"),
            subscriptionID: "SUB-H",
            invoiced: [:]
        )
        #expect(other.number == "PO-40K")
        #expect(throws: BillingError.self) {
            try pinned.choosePurchaseOrder(
                for: Fixtures.usd("30000.00"),
                on: Fixtures.date("2026-01-01"),
                subscriptionID: "SUB-G",
                invoiced: [:]
            )
        }
    }

    @Test func theAccountDefaultComesBeforeTheOldest() throws {
        let account = try account().pinningPurchaseOrder("PO-20K", for: nil, by: representative)
        let order = try account.choosePurchaseOrder(
            for: Fixtures.usd("1000.00"),
            on: Fixtures.date("2026-01-01"),
            subscriptionID: "SUB-G",
            invoiced: [:]
        )
        #expect(order.number == "PO-20K")
    }

    @Test func aClosedPOTakesNoMoreInvoices() throws {
        let closed = try account().closingPurchaseOrder("PO-40K", on: Fixtures.date("2026-03-01"), by: representative)
        let before = try closed.choosePurchaseOrder(
            for: Fixtures.usd("1000.00"),
            on: Fixtures.date("2026-02-28"),
            subscriptionID: nil,
            invoiced: [:]
        )
        #expect(before.number == "PO-40K")
        let after = try closed.choosePurchaseOrder(
            for: Fixtures.usd("1000.00"),
            on: Fixtures.date("2026-03-01"),
            subscriptionID: nil,
            invoiced: [:]
        )
        #expect(after.number == "PO-20K")
        #expect(try closed.purchaseOrders[0].state(on: Fixtures.date("2026-03-01")) == "closed")
    }

    @Test func anUpdateCannotTakeThePOBelowWhatWasInvoiced() throws {
        let account = try account()
        let raised = try account.updatingPurchaseOrder(
            "PO-20K",
            cap: Fixtures.usd("35000.00"),
            validity: nil,
            invoiced: Fixtures.usd("12000.00"),
            by: representative
        )
        #expect(raised.purchaseOrders[1].cap.decimalString == "35000.00")
        do {
            _ = try account.updatingPurchaseOrder(
                "PO-20K",
                cap: Fixtures.usd("10000.00"),
                validity: nil,
                invoiced: Fixtures.usd("12000.00"),
                by: representative
            )
            Issue.record("a PO was lowered below what was invoiced against it")
        } catch let error as BillingError {
            #expect(error.description.contains("at least what was already invoiced against PO-20K (USD 12000.00)"))
        }
    }

    @Test func onlyARepresentativeUpdatesOrClosesButTheContactMayPin() throws {
        let contact = Actor.user(email: "ap@globex.example")
        #expect(throws: BillingError.self) {
            try account().closingPurchaseOrder("PO-40K", on: Fixtures.date("2026-03-01"), by: contact)
        }
        let pinned = try account().pinningPurchaseOrder("PO-20K", for: nil, by: contact)
        #expect(pinned.purchaseOrders[1].isDefault)
        #expect(throws: BillingError.self) {
            try account().pinningPurchaseOrder("PO-20K", for: nil, by: .user(email: "someone@else.example"))
        }
    }
}
