import Billing
import Testing

@Suite("Statements")
struct StatementTests {
    let account: Account

    init() throws {
        account = try Fixtures.corporateUS(orders: [
            PurchaseOrder(number: "PO-9", cap: Fixtures.usd("99999.00"), validity: DatePeriod.year(2026))
        ])
    }

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

    private func inputs() throws -> LedgerInputs {
        let first = try invoice(1, on: "2026-01-01", amount: "500.00")
        let second = try invoice(2, on: "2026-02-01", amount: "500.00")
        let third = try invoice(3, on: "2026-03-01", amount: "500.00")
        let fourth = try invoice(4, on: "2026-03-20", amount: "80.00")
        let voided = try CreditNote.voiding(second, on: Fixtures.date("2026-03-05"), reason: "billed twice")
            .issued(as: DocumentNumber(series: .creditNote, year: 2026, sequence: 1))
        let payment = try Payment(
            id: "PAY-1",
            accountID: account.id,
            invoiceNumber: first.number,
            amount: Fixtures.usd("500.00"),
            receivedOn: Fixtures.date("2026-01-20"),
            method: "Bank transfer"
        )
        let credit = AccountCredit(
            id: "CR-1",
            accountID: account.id,
            date: try Fixtures.date("2026-02-12"),
            description: "Seats removed",
            lines: [],
            amount: try Fixtures.usd("158.33")
        )
        return LedgerInputs(
            invoices: [first, second, third, fourth],
            creditNotes: [voided],
            payments: [payment],
            credits: [credit]
        )
    }

    @Test func openingRunningAndClosingBalancesAddUp() throws {
        let march = try DatePeriod.month(year: 2026, month: 3)
        let statement = try Statement.build(account: account, period: march, from: inputs())
        // Before March: 500 charged, 500 paid, 500 charged, 158.33 credited.
        #expect(statement.openingBalance.decimalString == "341.67")
        #expect(statement.activities.map(\.reference) == ["2026/0003", "NC-2026/0001", "2026/0004"])
        #expect(statement.activities.map(\.balance.decimalString) == ["841.67", "341.67", "421.67"])
        #expect(statement.totalCharges.decimalString == "580.00")
        #expect(statement.totalCredits.decimalString == "500.00")
        #expect(statement.closingBalance.decimalString == "421.67")
    }

    @Test func unpaidInvoicesAreAgedAtThePeriodEnd() throws {
        let march = try DatePeriod.month(year: 2026, month: 3)
        let statement = try Statement.build(account: account, period: march, from: inputs())
        // Invoice 2 is voided; invoice 3 (due 31 March, Net 30) is current, invoice 4 too.
        #expect(statement.unpaidInvoices.map(\.number.description) == ["2026/0003", "2026/0004"])
        #expect(statement.aging.current.decimalString == "580.00")
        let june = try Statement.build(account: account, period: DatePeriod.month(year: 2026, month: 6), from: inputs())
        // At 30 June: invoice 3 is 91 days past due, invoice 4 (due 19 April) 72.
        #expect(june.unpaidInvoices.map(\.daysPastDue) == [91, 72])
        #expect(june.aging.over90.decimalString == "500.00")
        #expect(june.aging.days61to90.decimalString == "80.00")
        #expect(june.aging.total.decimalString == "580.00")
        #expect(june.activities.isEmpty)
        #expect(june.openingBalance == june.closingBalance)
    }

    @Test func aPaymentWithoutAnInvoicePaysTheOldestFirst() throws {
        var ledger = try inputs()
        ledger.payments.append(
            try Payment(
                id: "PAY-2",
                accountID: account.id,
                invoiceNumber: nil,
                amount: Fixtures.usd("520.00"),
                receivedOn: Fixtures.date("2026-04-02"),
                method: "Bank transfer"
            )
        )
        let april = try Statement.build(account: account, period: DatePeriod.month(year: 2026, month: 4), from: ledger)
        #expect(april.unpaidInvoices.map(\.outstanding.decimalString) == ["60.00"])
        #expect(april.unpaidInvoices.first?.number.sequence == 4)
    }

    @Test func printingTheSamePeriodTwiceGivesTheSameStatement() throws {
        let march = try DatePeriod.month(year: 2026, month: 3)
        #expect(
            try Statement.build(account: account, period: march, from: inputs())
                == Statement.build(account: account, period: march, from: inputs())
        )
    }
}
