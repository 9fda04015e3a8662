import Billing
import Testing

@Suite("Invoice status: open, partly paid, paid, overdue, void")
struct InvoiceStatusTests {
    let account: Account

    init() throws {
        account = try Fixtures.corporateUS(orders: [
            PurchaseOrder(number: "PO-9", cap: Fixtures.usd("99999.00"), validity: DatePeriod.year(2026))
        ])
    }

    /// An invoice of `amount` dated `date`, due 30 days later (the corporate fixture's terms).
    private func invoice(_ sequence: Int, on date: String, amount: String) throws -> Invoice {
        let line = try InvoiceLine.charge(
            "Webinar Pro",
            period: nil,
            quantity: 1,
            unitPrice: Fixtures.usd(amount),
            taxRate: .zero
        )
        return try Invoice.draft(
            key: "K\(sequence)",
            lines: [line],
            account: account,
            subscriptionID: "SUB-1",
            reason: .renewal,
            issueDate: Fixtures.date(date),
            availableCredit: .zero(.usd),
            invoicedOnPurchaseOrder: .zero(.usd)
        ).issued(as: DocumentNumber(series: .invoice, year: 2026, sequence: sequence))
    }

    private func payment(_ id: String, _ amount: String, on date: String, for number: Int?) throws -> Payment {
        try Payment(
            id: id,
            accountID: account.id,
            invoiceNumber: number.map { try DocumentNumber(series: .invoice, year: 2026, sequence: $0) },
            amount: Fixtures.usd(amount),
            receivedOn: Fixtures.date(date),
            method: "ACH"
        )
    }

    private func standing(_ inputs: LedgerInputs, _ sequence: Int, on date: String) throws -> InvoiceStanding {
        let number = try DocumentNumber(series: .invoice, year: 2026, sequence: sequence)
        return try #require(try inputs.standings(asOf: Fixtures.date(date)).first { $0.number == number })
    }

    @Test func anUnpaidInvoiceIsOpenUntilItsDueDateThenOverdue() throws {
        let inputs = LedgerInputs(
            invoices: [try invoice(1, on: "2026-01-01", amount: "500.00")],
            creditNotes: [],
            payments: [],
            credits: []
        )
        let due = try standing(inputs, 1, on: "2026-01-31")
        #expect(due.status == .open)
        #expect(due.balance.decimalString == "500.00")
        let late = try standing(inputs, 1, on: "2026-02-01")
        #expect(late.status == .overdue)
        #expect(late.daysPastDue == 1)
    }

    @Test func aPaymentMakesItPartlyPaidThenPaid() throws {
        let partly = LedgerInputs(
            invoices: [try invoice(1, on: "2026-01-01", amount: "500.00")],
            creditNotes: [],
            payments: [try payment("ACH-1", "200.00", on: "2026-01-10", for: 1)],
            credits: []
        )
        #expect(try standing(partly, 1, on: "2026-01-09").status == .open)
        let part = try standing(partly, 1, on: "2026-01-10")
        #expect(part.status == .partlyPaid)
        #expect(part.balance.decimalString == "300.00")
        #expect(part.paid.decimalString == "200.00")
        // Past the due date with something left, it is overdue, not partly paid.
        #expect(try standing(partly, 1, on: "2026-02-15").status == .overdue)
        var full = partly
        full.payments.append(try payment("ACH-2", "300.00", on: "2026-02-20", for: 1))
        let paid = try standing(full, 1, on: "2026-02-20")
        #expect(paid.status == .paid)
        #expect(paid.balance.isZero)
        #expect(paid.settlements.map(\.reference) == ["ACH-1", "ACH-2"])
    }

    @Test func paymentsOnAccountPayTheOldestInvoicesFirst() throws {
        let inputs = LedgerInputs(
            invoices: [
                try invoice(1, on: "2026-01-01", amount: "500.00"), try invoice(2, on: "2026-02-01", amount: "500.00"),
            ],
            creditNotes: [],
            payments: [try payment("WIRE-1", "700.00", on: "2026-02-10", for: nil)],
            credits: []
        )
        #expect(try standing(inputs, 1, on: "2026-02-10").status == .paid)
        let second = try standing(inputs, 2, on: "2026-02-10")
        #expect(second.status == .partlyPaid)
        #expect(second.balance.decimalString == "300.00")
        #expect(second.settlements.first?.kind == .paymentOnAccount)
    }

    @Test func aCreditNoteForTheWholeTotalMakesItVoid() throws {
        let first = try invoice(1, on: "2026-01-01", amount: "500.00")
        let note = try CreditNote.voiding(first, on: Fixtures.date("2026-01-05"), reason: "billed twice")
            .issued(as: DocumentNumber(series: .creditNote, year: 2026, sequence: 1))
        let inputs = LedgerInputs(invoices: [first], creditNotes: [note], payments: [], credits: [])
        #expect(try standing(inputs, 1, on: "2026-01-04").status == .open)
        let void = try standing(inputs, 1, on: "2026-03-01")
        #expect(void.status == .void)
        #expect(void.balance.isZero)
        #expect(void.settlements.map(\.reference) == ["NC-2026/0001"])
    }

    @Test func accountCreditUsedAtIssueIsShownAndCanPayItInFull() throws {
        let line = try InvoiceLine.charge(
            "Webinar",
            period: nil,
            quantity: 1,
            unitPrice: Fixtures.usd("100.00"),
            taxRate: .zero
        )
        let covered = try Invoice.draft(
            key: "K1",
            lines: [line],
            account: account,
            subscriptionID: "SUB-1",
            reason: .renewal,
            issueDate: Fixtures.date("2026-01-01"),
            availableCredit: Fixtures.usd("150.00"),
            invoicedOnPurchaseOrder: .zero(.usd)
        ).issued(as: DocumentNumber(series: .invoice, year: 2026, sequence: 1))
        let inputs = LedgerInputs(invoices: [covered], creditNotes: [], payments: [], credits: [])
        let standing = try standing(inputs, 1, on: "2026-06-01")
        #expect(standing.status == .paid)
        #expect(standing.settlements.map(\.kind) == [.accountCredit])
        #expect(standing.settlements.first?.amount.decimalString == "100.00")
    }
}
