import Billing
import Testing

@Suite("Subscription rules")
struct SubscriptionRulesTests {
    let rules: BillingRules
    let account: Account
    let contact: Actor
    let representative = Actor.representative(name: "Marco Neri")

    init() throws {
        rules = try Fixtures.rules()
        account = try Fixtures.selfServiceItalian()
        contact = account.billingContact.actor
    }

    @Test func buyingGivesAccessAndTheFirstInvoiceAtOnce() throws {
        let outcome = try rules.purchase(
            id: "SUB-9",
            account: account,
            selection: SubscriptionSelection(productID: "webinar", tierID: "standard", seats: 5, frequency: .monthly),
            on: Fixtures.date("2026-01-31"),
            by: contact
        )
        #expect(outcome.subscription.isUsable(on: try Fixtures.date("2026-01-31")))
        #expect(outcome.subscription.currentPeriod.end.description == "2026-02-28")
        #expect(outcome.invoiceKey == "SUB-9@2026-01-31")
        let invoice = try #require(
            try outcome.invoice(for: account, availableCredit: .zero(.eur), invoicedOnPurchaseOrder: .zero(.eur))
        )
        #expect(invoice.lines.first?.description == "Webinar Standard — 5 seats, monthly")
        #expect(invoice.totals.total.decimalString == "200.00")
        #expect(invoice.issueDate.description == "2026-01-31")
    }

    @Test func aLowerTierIsRefusedToTheBillingContactWithWhereToTurn() throws {
        let subscription = try Fixtures.subscription()
        var selection = subscription.selection
        selection.tierID = "lite"
        do {
            _ = try rules.change(
                subscription,
                account: account,
                to: selection,
                on: Fixtures.date("2025-09-10"),
                by: contact
            )
            Issue.record("the downgrade was allowed")
        } catch let error as BillingError {
            #expect(error.description.contains("contact customer service"))
        }
        let outcome = try rules.change(
            subscription,
            account: account,
            to: selection,
            on: Fixtures.date("2025-09-10"),
            by: representative
        )
        // Pro 500.00 → Lite 300.00 with 21 of 30 days left: 350.00 unused, 210.00 remaining, 140.00 credited.
        #expect(outcome.credit?.amount.decimalString == "140.00")
        #expect(outcome.subscription.selection.tierID == "lite")
        #expect(outcome.subscription.history.last?.actor == representative)
    }

    @Test func productsAreNotExchanged() throws {
        let subscription = try Fixtures.subscription()
        var selection = subscription.selection
        selection.productID = "meeting"
        #expect(throws: BillingError.self) {
            try rules.change(
                subscription,
                account: account,
                to: selection,
                on: Fixtures.date("2025-09-10"),
                by: contact
            )
        }
        do {
            _ = try rules.change(
                subscription,
                account: account,
                to: selection,
                on: Fixtures.date("2025-09-10"),
                by: contact
            )
        } catch let error as BillingError {
            #expect(error.description.contains("cancel subscription SUB-1 and buy a new one"))
        }
    }

    @Test func aCancelledSubscriptionStaysUsableUntilThePeriodEndsThenExpires() throws {
        let subscription = try Fixtures.subscription()
        let cancelled = try rules.cancel(subscription, account: account, on: Fixtures.date("2025-09-20"), by: contact)
        #expect(cancelled.status == .pendingCancellation)
        #expect(cancelled.isUsable(on: try Fixtures.date("2025-09-30")))
        #expect(!cancelled.isUsable(on: try Fixtures.date("2025-10-01")))
        let renewed = try rules.renew(cancelled, account: account, through: Fixtures.date("2025-12-01"))
        #expect(renewed.invoices.isEmpty)
        #expect(renewed.subscription.status == .expired)
        #expect(renewed.subscription.expiredOn?.description == "2025-10-01")
    }

    @Test func aCancellationCanBeWithdrawnBeforeThePeriodEnds() throws {
        let cancelled = try rules.cancel(
            try Fixtures.subscription(),
            account: account,
            on: Fixtures.date("2025-09-20"),
            by: contact
        )
        let active = try rules.withdrawCancellation(
            cancelled,
            account: account,
            on: Fixtures.date("2025-09-30"),
            by: contact
        )
        #expect(active.status == .active)
        #expect(throws: BillingError.self) {
            try rules.withdrawCancellation(cancelled, account: account, on: Fixtures.date("2025-10-01"), by: contact)
        }
    }

    @Test func anExpiredSubscriptionIsReactivatedWithANewInvoicedPeriod() throws {
        let cancelled = try rules.cancel(
            try Fixtures.subscription(),
            account: account,
            on: Fixtures.date("2025-09-20"),
            by: contact
        )
        let expired = try rules.renew(cancelled, account: account, through: Fixtures.date("2025-10-01")).subscription
        let outcome = try rules.reactivate(expired, account: account, on: Fixtures.date("2025-11-15"), by: contact)
        #expect(outcome.subscription.status == .active)
        #expect(outcome.subscription.currentPeriod.description == "2025-11-15 ..< 2025-12-15")
        #expect(outcome.invoiceReason == .reactivation)
        #expect(outcome.charges.first?.amount.decimalString == "500.00")
        #expect(throws: BillingError.self) {
            try rules.reactivate(outcome.subscription, account: account, on: Fixtures.date("2025-11-16"), by: contact)
        }
    }

    @Test func renewalInvoicesEachPeriodOnceAndOnlyOnce() throws {
        let subscription = try Fixtures.subscription(start: "2026-01-31")
        let first = try rules.renew(subscription, account: account, through: Fixtures.date("2026-04-30"))
        #expect(first.invoices.map(\.key) == ["SUB-1@2026-02-28", "SUB-1@2026-03-31", "SUB-1@2026-04-30"])
        #expect(first.invoices.map { $0.period.end.description } == ["2026-03-31", "2026-04-30", "2026-05-31"])
        let again = try rules.renew(first.subscription, account: account, through: Fixtures.date("2026-04-30"))
        #expect(again.invoices.isEmpty)
        #expect(again.subscription == first.subscription)
    }

    @Test func monthlyToAnnualIsAPlanChangePaidNow() throws {
        let subscription = try Fixtures.subscription()
        var selection = subscription.selection
        selection.frequency = .annual
        let outcome = try rules.change(
            subscription,
            account: account,
            to: selection,
            on: Fixtures.date("2025-09-16"),
            by: contact
        )
        // 15 of 30 days unused: −250.00; a year of 10 Pro seats: 5000.00.
        #expect(outcome.charges.map(\.amount.decimalString) == ["-250.00", "5000.00"])
        #expect(outcome.subscription.currentPeriod.description == "2025-09-16 ..< 2026-09-16")
    }

    @Test func annualToMonthlyCreditsTheUnusedYearAndStartsAMonthToday() throws {
        let bought = try rules.purchase(
            id: "SUB-2",
            account: account,
            selection: SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 1, frequency: .annual),
            on: Fixtures.date("2026-01-01"),
            by: contact
        ).subscription
        var selection = bought.selection
        selection.frequency = .monthly
        let outcome = try rules.change(
            bought,
            account: account,
            to: selection,
            on: Fixtures.date("2026-07-02"),
            by: contact
        )
        // 183 of 365 days of 500.00 unused: 250.68 credited; a month of 1 Pro seat: 50.00 invoiced.
        #expect(outcome.credit?.amount.decimalString == "250.68")
        #expect(outcome.charges.map(\.amount.decimalString) == ["50.00"])
        #expect(outcome.subscription.currentPeriod.description == "2026-07-02 ..< 2026-08-02")
    }

    @Test func corporateFrequencyChangesAreForRepresentatives() throws {
        let order = try PurchaseOrder(
            number: "PO-1",
            cap: Fixtures.usd("100000.00"),
            validity: DatePeriod.year(2026)
        )
        let corporate = try Fixtures.corporateUS(orders: [order])
        let bought = try rules.purchase(
            id: "SUB-3",
            account: corporate,
            selection: SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 20, frequency: .annual),
            on: Fixtures.date("2026-01-01"),
            by: corporate.billingContact.actor
        ).subscription
        var selection = bought.selection
        selection.frequency = .monthly
        do {
            _ = try rules.change(
                bought,
                account: corporate,
                to: selection,
                on: Fixtures.date("2026-03-01"),
                by: corporate.billingContact.actor
            )
            Issue.record("the billing contact changed a corporate frequency")
        } catch let error as BillingError {
            #expect(error.description.contains("ask your account representative"))
        }
        let outcome = try rules.change(
            bought,
            account: corporate,
            to: selection,
            on: Fixtures.date("2026-03-01"),
            by: representative
        )
        #expect(outcome.subscription.selection.frequency == .monthly)
    }

    @Test(arguments: [BillingAction.changeSeats, .changePaymentMethod, .changeBillingContact, .cancel, .purchase])
    func onlyTheBillingContactOrARepresentativeMayAct(action: BillingAction) throws {
        let otherUser = Actor.user(email: "luca.verdi@example.it")
        do {
            try account.authorize(otherUser, to: action)
            Issue.record("another user was allowed to \(action.rawValue)")
        } catch {
            #expect(
                error.description
                    == "luca.verdi@example.it may not \(action.rawValue); only the billing contact (anna.bianchi@example.it) or a vendor representative may"
            )
        }
        try account.authorize(contact, to: action)
        try account.authorize(representative, to: action)
        #expect(throws: BillingError.self) { try account.authorize(.system, to: action) }
    }

    @Test func aNewBillingContactIsAppointedByTheCurrentOneOrARepresentative() throws {
        let newContact = try Contact(name: "Luca Verdi", email: "luca.verdi@example.it")
        #expect(throws: BillingError.self) { try account.appointingBillingContact(newContact, by: newContact.actor) }
        let changed = try account.appointingBillingContact(newContact, by: contact)
        #expect(changed.billingContact == newContact)
        #expect(changed.users.contains(account.billingContact))
        #expect(!changed.users.contains(newContact))
    }

    @Test func moreSeatsThanAllowedAreRefusedWithTheRange() throws {
        var selection = try Fixtures.subscription().selection
        selection.seats = 0
        #expect(
            throws: BillingError.invalidValue(field: "seats", value: "0", expected: "a whole number from 1 to 10000")
        ) {
            try rules.purchase(
                id: "S",
                account: account,
                selection: selection,
                on: Fixtures.date("2026-01-01"),
                by: contact
            )
        }
    }
}
