import Billing
import Foundation
import HistoryStore
import Testing

/// Every test runs on both stores (``StoreKind``), from the same imported history.
@Suite("Queries")
struct QueryTests {
    let fixtures: StoreFixtures

    init() throws {
        fixtures = try StoreFixtures()
    }

    /// A store of `kind` holding ``TransferTests/fullHistory()``.
    func importedStore(_ kind: StoreKind) throws -> any BillingStore {
        let store = try fixtures.newStore(kind)
        try store.importFiles([("history.json", StoreFixtures.file(TransferTests.fullHistory()))])
        return store
    }

    @Test(arguments: StoreKind.allCases)
    func accountsAreFilteredByKindTextAndActivity(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try importedStore(kind)
        #expect(try store.accounts(AccountFilter(kind: .corporate)).map(\.id) == ["CORP-1"])
        #expect(try store.accounts(AccountFilter(text: "acc-0000")).count == 3)
        #expect(try store.accounts(AccountFilter(text: "billing@corp-1")).map(\.id) == ["CORP-1"])
        #expect(try store.accounts(AccountFilter(active: false)).isEmpty)
        let corporate = try #require(try store.accounts(AccountFilter(kind: .corporate)).first)
        #expect(corporate.activeSubscriptions == 1)
        #expect(corporate.billingContact == "billing@corp-1.example")
    }

    @Test(arguments: StoreKind.allCases)
    func historyListsAnAccountsEventsInOrderWithinDates(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try importedStore(kind)
        let all = try store.history(ofAccount: "ACC-00001")
        #expect(all.map(\.event.action.name) == ["open-account", "purchase", "change", "change", "set-payment-method"])
        #expect(all.map(\.event.actor.description).contains("billing@acc-00001.example"))
        let january = try DatePeriod(start: StoreFixtures.date("2026-01-15"), end: StoreFixtures.date("2026-02-01"))
        #expect(
            try store.history(ofAccount: "ACC-00001", in: january).map(\.event.date.description) == [
                "2026-01-20", "2026-01-21",
            ]
        )
        #expect(throws: StoreError.notFound(kind: "account", id: "NOPE")) { try store.history(ofAccount: "NOPE") }
    }

    @Test(arguments: StoreKind.allCases)
    func statementInputsComeFromIssuedRecordsOfTheAccount(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try importedStore(kind)
        let inputs = try store.ledgerInputs(ofAccount: "ACC-00001", before: StoreFixtures.date("2026-02-01"))
        // Bought 3 seats, raised to 10 (invoiced), lowered to 6 (credited).
        #expect(inputs.invoices.count == 2)
        #expect(inputs.credits.count == 1)
        #expect(inputs.invoices.allSatisfy { $0.customer.accountID == "ACC-00001" })
        let statement = try store.statement(ofAccount: "ACC-00001", for: DatePeriod.month(year: 2026, month: 1))
        #expect(statement.activities.map(\.kind) == [.invoice, .invoice, .accountCredit])
        #expect(statement.openingBalance.isZero)
    }

    /// The credit of a downgrade is used by the renewals that follow, never more than is left.
    @Test(arguments: StoreKind.allCases)
    func aCreditIsAppliedToTheNextInvoicesUntilUsedUp(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try importedStore(kind)
        let inputs = try store.ledgerInputs(ofAccount: "ACC-00001", before: StoreFixtures.date("2026-04-01"))
        // 10 seats lowered to 6 on day 8 of 31: 4 seats' unused 23 days, € 181.04.
        #expect(inputs.credits.map(\.amount.decimalString) == ["181.04"])
        let february = try #require(inputs.invoices.first { $0.reason == .renewal })
        #expect(february.grandTotal.decimalString == "366.00")
        #expect(february.balanceApplied.decimalString == "181.04")
        #expect(february.amountDue.decimalString == "184.96")
        // Renewed after the history's last document (10 April), so numbers follow dates.
        let march = try store.apply(
            StoreEvent(
                date: StoreFixtures.date("2026-04-12"),
                actor: .system,
                action: .renew(subscriptionID: "SUB-ACC-00001")
            )
        )
        let renewal = try #require(march.invoices.first)
        #expect(renewal.balanceApplied.isZero, "the credit was used up in February")
        #expect(renewal.amountDue == renewal.grandTotal)
        #expect(try store.history(ofAccount: "ACC-00001").last?.event.action.name == "renew")
    }

    @Test(arguments: StoreKind.allCases)
    func corporateInvoicesCarryThePOAndTheQuotePrice(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try importedStore(kind)
        let invoices = try store.invoices(accountID: "CORP-1")
        #expect(invoices.allSatisfy { $0.purchaseOrderNumber == "PO-77" })
        #expect(invoices.last?.lines.last?.amount.decimalString == "11400.00")  // 30 seats × 380.00
        #expect(try store.quotes(ofAccount: "CORP-1").first?.status == .accepted)
        let request = try store.w9Request("W9-1")
        #expect(request.status == .fulfilled)
        #expect(request.requester.email == "user@corp-1.example")
    }

    @Test(arguments: StoreKind.allCases)
    func thePrintedIndexListsWhatWasPrinted(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try importedStore(kind)
        let entry = PrintedDocument(
            kind: "invoice",
            reference: "2026/0001",
            accountID: "ACC-00001",
            format: "pdf",
            sha256: String(repeating: "ab", count: 32),
            size: 20_480,
            templateVersion: "1",
            printedAt: "2026-11-27T10:00:00Z",
            path: "out/2026-0001.pdf"
        )
        try store.recordPrinted(entry)
        #expect(try store.printedDocuments(kind: "invoice") == [entry])
        #expect(try store.printedDocuments(kind: "statement").isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func actionsAreRefusedToTheWrongActorWithWhoMay(kind: StoreKind) throws {
        defer { fixtures.remove() }
        let store = try importedStore(kind)
        let stranger = Actor.user(email: "user@acc-00001.example")
        let pro = SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 20, frequency: .monthly)
        do {
            try store.apply(
                StoreEvent(
                    date: StoreFixtures.date("2026-03-20"),
                    actor: stranger,
                    action: .change(subscriptionID: "SUB-ACC-00001", selection: pro)
                )
            )
            Issue.record("a user who is not the billing contact changed the seats")
        } catch let error as StoreError {
            #expect(
                error.description.contains(
                    "only the billing contact (billing@acc-00001.example) or a vendor representative may"
                )
            )
        }
    }

    /// A statement reads of each invoice only its figures and, of its lines, the description, item
    /// and amount (`InvoiceRecord.statementInvoice`): what it prints — every row, the totals, the
    /// unpaid invoices and their aging — must be what the whole invoices give, for every account of
    /// the full history and for one of two and a half years more, with prorated invoices of several
    /// lines (a credit first), payments, a voided invoice, account credit and the stamp duty.
    @Test(arguments: StoreKind.allCases)
    func aStatementIsWhatTheWholeInvoicesGive(kind: StoreKind) throws {
        defer { fixtures.remove() }
        var events = try TransferTests.fullHistory()
        let contact = Actor.user(email: "billing@acc-00002.example")
        var exempt = try StoreFixtures.account("EXEMPT-1")
        exempt.taxTreatment = .exempt(note: "Operazione esente ai sensi dell'art. 10 DPR 633/72")
        events.append(
            StoreEvent(
                date: try StoreFixtures.date("2026-04-13"),
                actor: StoreFixtures.representative,
                action: .openAccount(exempt)
            )
        )
        events.append(
            StoreEvent(
                date: try StoreFixtures.date("2026-04-13"),
                actor: .user(email: "billing@exempt-1.example"),
                action: .purchase(
                    accountID: "EXEMPT-1",
                    subscriptionID: "SUB-EXEMPT-1",
                    selection: SubscriptionSelection(productID: "webinar", tierID: "pro", seats: 4, frequency: .monthly)
                )
            )
        )
        for month in 0..<30 {
            let year = 2026 + (month + 4) / 12
            let first = try CalendarDate(year: year, month: (month + 4) % 12 + 1, day: 1)
            events.append(
                StoreEvent(date: first.adding(days: 27), actor: .system, action: .runInvoices(kind: .selfService))
            )
            let seats = SubscriptionSelection(
                productID: "webinar",
                tierID: "pro",
                seats: 5 + month % 5,
                frequency: .monthly
            )
            events.append(
                StoreEvent(
                    date: first.adding(days: 27),
                    actor: contact,
                    action: .change(subscriptionID: "SUB-ACC-00002", selection: seats)
                )
            )
            events.append(
                StoreEvent(
                    date: first.adding(days: 27),
                    actor: StoreFixtures.representative,
                    action: .recordPayment(
                        paymentID: "PAY-LONG-\(month)",
                        accountID: "ACC-00002",
                        invoice: nil,
                        amount: try Money(decimal: "150.00", currency: .eur),
                        method: "SEPA"
                    )
                )
            )
        }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("history.json", StoreFixtures.file(events))])
        let periods = [
            try DatePeriod.year(2026), try DatePeriod.year(2027),
            try DatePeriod(start: StoreFixtures.date("2026-01-01"), end: StoreFixtures.date("2029-01-01")),
        ]
        var rows: [StatementActivity] = []
        var (unpaid, aged) = (0, 0)
        var whole: [Invoice] = []
        for id in ["ACC-00001", "ACC-00002", "ACC-00003", "CORP-1", "EXEMPT-1"] {
            let account = try store.account(id)
            for period in periods {
                let inputs = try store.ledgerInputs(ofAccount: id, before: period.end)
                let statement = try store.statement(ofAccount: id, for: period)
                #expect(statement == (try Billing.Statement.build(account: account, period: period, from: inputs)))
                rows += statement.activities
                unpaid += statement.unpaidInvoices.count
                aged += statement.aging.over90.isPositive || statement.aging.days1to30.isPositive ? 1 : 0
                whole += inputs.invoices
            }
        }
        // Otherwise the comparison would prove nothing about what the narrow read could get wrong.
        #expect(rows.count > 150)
        #expect(rows.contains { $0.kind == .invoice && $0.otherLines > 0 })
        #expect(rows.contains { $0.kind == .creditNote } && rows.contains { $0.kind == .accountCredit })
        #expect(whole.contains { $0.lines.first?.amount.isNegative == true }, "an invoice whose first line credits")
        #expect(whole.contains { $0.stampDuty != nil }, "an invoice with stamp duty")
        #expect(unpaid > 10 && aged > 0, "unpaid \(unpaid), aged \(aged)")
    }

    /// Whether an invoice prints PAID is read from the invoices' figures alone
    /// (`unpaidInvoices(ofAccount:asOf:)`): it must be what the account's statement says, on every
    /// day something happened — an invoice issued or due, a payment, a credit note — and the day after.
    @Test(arguments: StoreKind.allCases)
    func theUnpaidInvoicesAreTheStatementsOnEveryDay(kind: StoreKind) throws {
        defer { fixtures.remove() }
        var events = try TransferTests.fullHistory()
        for month in 0..<18 {
            let first = try CalendarDate(year: 2026 + (month + 4) / 12, month: (month + 4) % 12 + 1, day: 1)
            events.append(
                StoreEvent(date: first.adding(days: 27), actor: .system, action: .runInvoices(kind: .selfService))
            )
            // Paying less than a month's invoices some months and more in others: payments that name no
            // invoice pay the oldest first, and invoices stay partly paid.
            events.append(
                StoreEvent(
                    date: first.adding(days: 27 + month % 3),
                    actor: StoreFixtures.representative,
                    action: .recordPayment(
                        paymentID: "PAY-FIFO-\(month)",
                        accountID: "ACC-00002",
                        invoice: nil,
                        amount: try Money(decimal: month % 2 == 0 ? "50.00" : "400.00", currency: .eur),
                        method: "SEPA"
                    )
                )
            )
        }
        let store = try fixtures.newStore(kind)
        try store.importFiles([("history.json", StoreFixtures.file(events))])
        var (paid, unpaid, partly) = (0, 0, 0)
        for id in ["ACC-00001", "ACC-00002", "ACC-00003", "CORP-1"] {
            let inputs = try store.ledgerInputs(ofAccount: id, before: CalendarDate("2030-01-01"))
            var days = Set(inputs.invoices.flatMap { [$0.issueDate, $0.dueDate] })
            days.formUnion(inputs.payments.map(\.receivedOn))
            days.formUnion(inputs.creditNotes.map(\.issueDate))
            for day in days.union(days.map { $0.adding(days: 1) }).sorted() {
                let statement = try store.statement(
                    ofAccount: id,
                    for: DatePeriod(start: day, end: day.adding(days: 1))
                )
                let read = try store.unpaidInvoices(ofAccount: id, asOf: day)
                #expect(read == statement.unpaidInvoices, "\(id) on \(day)")
                for invoice in inputs.invoices where invoice.issueDate <= day {
                    guard let owed = read.first(where: { $0.number == invoice.number })?.outstanding else {
                        paid += 1
                        continue
                    }
                    if owed == invoice.amountDue { unpaid += 1 } else { partly += 1 }
                }
            }
        }
        // Otherwise the comparison would prove nothing about one of the three.
        #expect(paid > 20 && unpaid > 20 && partly > 5, "paid \(paid), unpaid \(unpaid), partly paid \(partly)")
        #expect(throws: StoreError.notFound(kind: "account", id: "ACC-NONE")) {
            try store.unpaidInvoices(ofAccount: "ACC-NONE", asOf: CalendarDate("2026-06-01"))
        }
    }
}
