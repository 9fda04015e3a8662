import Billing
import Testing

@Suite("Partial credit notes and refunds")
struct PartialCreditTests {
    /// An Italian invoice at 22 %: 10 seats at 50.00 and 2 seats at 30.00, total 683.20.
    private func invoice(rates: [TaxRate]? = nil) throws -> Invoice {
        let rate = try TaxRate(basisPoints: 2200)
        let account = try Fixtures.selfServiceItalian(treatment: .vat(rate: rate))
        let lines = [
            try InvoiceLine.charge(
                "Pro seats",
                period: nil,
                quantity: 10,
                unitPrice: Fixtures.eur("50.00"),
                taxRate: rate
            ),
            try InvoiceLine.charge(
                "Lite seats",
                period: nil,
                quantity: 2,
                unitPrice: Fixtures.eur("30.00"),
                taxRate: rates?.last ?? rate
            ),
        ]
        return try Invoice.draft(
            key: "K1",
            lines: lines,
            account: account,
            subscriptionID: "SUB-1",
            reason: .renewal,
            issueDate: Fixtures.date("2026-03-01"),
            availableCredit: .zero(.eur),
            invoicedOnPurchaseOrder: .zero(.eur)
        ).issued(as: DocumentNumber(series: .invoice, year: 2026, sequence: 7))
    }

    private func issue(_ note: CreditNote, _ sequence: Int) throws -> CreditNote {
        try note.issued(as: DocumentNumber(series: .creditNote, year: 2026, sequence: sequence))
    }

    @Test func aLineIsCreditedAsItWasChargedWithItsTax() throws {
        let invoice = try invoice()
        let note = try CreditNote.crediting(
            .line(2),
            of: invoice,
            after: [],
            on: Fixtures.date("2026-03-10"),
            reason: "Lite seats never used"
        )
        #expect(note.lines == [invoice.lines[1]])
        #expect(note.totals.subtotal == (try Fixtures.eur("60.00")))
        #expect(note.grandTotal == (try Fixtures.eur("73.20")))
        #expect(note.creditedLine == 2)
        #expect(note.invoiceNumber == invoice.number)
    }

    @Test func anAmountIsCreditedBeforeTaxAtTheInvoicesRate() throws {
        let note = try CreditNote.crediting(
            .amount(Fixtures.eur("100.00")),
            of: invoice(),
            after: [],
            on: Fixtures.date("2026-03-10"),
            reason: "Outage of 3 March"
        )
        #expect(note.totals.taxTotal == (try Fixtures.eur("22.00")))
        #expect(note.grandTotal == (try Fixtures.eur("122.00")))
        #expect(note.lines.map(\.description) == ["Outage of 3 March"])
    }

    @Test func neverMoreThanWhatIsLeftUncredited() throws {
        let invoice = try invoice()
        let date = try Fixtures.date("2026-03-10")
        let first = try issue(CreditNote.crediting(.line(1), of: invoice, after: [], on: date, reason: "Pro"), 1)
        #expect(CreditNote.uncredited(invoice, after: [first]) == (try Fixtures.eur("73.20")))
        #expect(throws: BillingError.self) {
            try CreditNote.crediting(.line(1), of: invoice, after: [first], on: date, reason: "again")
        }
        let tooMuch = #expect(throws: BillingError.self) {
            try CreditNote.crediting(.amount(Fixtures.eur("60.01")), of: invoice, after: [first], on: date, reason: "x")
        }
        #expect(tooMuch?.description.contains("more than what is left uncredited (EUR 73.20 of EUR 683.20)") == true)
        let rest = try CreditNote.crediting(
            .amount(Fixtures.eur("60.00")),
            of: invoice,
            after: [first],
            on: date,
            reason: "rest"
        )
        #expect(CreditNote.uncredited(invoice, after: [first, try issue(rest, 2)]).isZero)
        let whole = #expect(throws: BillingError.self) {
            try CreditNote.crediting(.whole, of: invoice, after: [first], on: date, reason: "void")
        }
        #expect(whole?.description.contains("already credited by NC-2026/0001") == true)
    }

    @Test(arguments: [0, 3, -1])
    func aLineOutsideTheInvoiceIsRefusedWithTheRange(_ line: Int) throws {
        let error = #expect(throws: BillingError.self) {
            try CreditNote.crediting(
                .line(line),
                of: invoice(),
                after: [],
                on: Fixtures.date("2026-03-10"),
                reason: "x"
            )
        }
        #expect(error?.description == "invalid line '\(line)': a line of invoice 2026/0007: 1 to 2")
    }

    @Test func anAmountOnAnInvoiceOfSeveralRatesIsRefused() throws {
        let invoice = try invoice(rates: [TaxRate(basisPoints: 2200), TaxRate(basisPoints: 1000)])
        let error = #expect(throws: BillingError.self) {
            try CreditNote.crediting(
                .amount(Fixtures.eur("10.00")),
                of: invoice,
                after: [],
                on: Fixtures.date("2026-03-10"),
                reason: "x"
            )
        }
        #expect(error?.description.contains("credit it by line") == true)
    }

    @Test func aBlankReasonOrAnEarlierDateIsRefused() throws {
        #expect(throws: BillingError.self) {
            try CreditNote.crediting(.line(1), of: invoice(), after: [], on: Fixtures.date("2026-03-10"), reason: "  ")
        }
        #expect(throws: BillingError.self) {
            try CreditNote.crediting(.line(1), of: invoice(), after: [], on: Fixtures.date("2026-02-28"), reason: "x")
        }
    }

    /// A paid invoice credited in part: the statement's balance goes into credit by the note, the
    /// invoice is not listed as unpaid, and a refund brings the balance back to zero.
    @Test func aCreditOnAPaidInvoiceIsAccountCreditAndARefundIsACharge() throws {
        let invoice = try invoice()
        let account = try Fixtures.selfServiceItalian()
        let payment = try Payment(
            id: "PAY-1",
            accountID: account.id,
            invoiceNumber: invoice.number,
            amount: invoice.amountDue,
            receivedOn: Fixtures.date("2026-03-01"),
            method: "Bank transfer"
        )
        var note = try CreditNote.crediting(
            .line(2),
            of: invoice,
            after: [],
            on: Fixtures.date("2026-03-10"),
            reason: "x"
        )
        let before = LedgerInputs(invoices: [invoice], creditNotes: [], payments: [payment], credits: [])
        let owed = try Statement.outstanding(
            on: try #require(invoice.number),
            before,
            asOf: Fixtures.date("2026-03-10"),
            currency: .eur
        )
        #expect(owed.isZero)
        note.accountCredit = note.grandTotal
        note = try issue(note, 1)
        let refund = try Refund(
            id: "RF-1",
            accountID: account.id,
            amount: Fixtures.eur("73.20"),
            date: Fixtures.date("2026-03-20"),
            method: "Bank transfer"
        )
        let inputs = LedgerInputs(
            invoices: [invoice],
            creditNotes: [note],
            payments: [payment],
            credits: [],
            refunds: [refund]
        )
        let march = try Statement.build(account: account, period: DatePeriod.month(year: 2026, month: 3), from: inputs)
        #expect(march.activities.map(\.kind) == [.invoice, .payment, .creditNote, .refund])
        #expect(march.activities[2].balance == (try Fixtures.eur("-73.20")))
        #expect(march.closingBalance.isZero)
        #expect(march.unpaidInvoices.isEmpty)
    }

    /// An unpaid invoice credited in part still owes the rest.
    @Test func aCreditOnAnUnpaidInvoiceLowersWhatIsOwed() throws {
        let invoice = try invoice()
        let note = try issue(
            CreditNote.crediting(
                .amount(Fixtures.eur("100.00")),
                of: invoice,
                after: [],
                on: Fixtures.date("2026-03-10"),
                reason: "x"
            ),
            1
        )
        let inputs = LedgerInputs(invoices: [invoice], creditNotes: [note], payments: [], credits: [])
        let owed = try Statement.outstanding(
            on: try #require(invoice.number),
            inputs,
            asOf: Fixtures.date("2026-03-31"),
            currency: .eur
        )
        #expect(owed == (try Fixtures.eur("561.20")))
    }

    @Test func aRefundIsPositiveAndSaysHowItWasPaid() throws {
        #expect(throws: BillingError.self) {
            try Refund(id: "RF", accountID: "A", amount: .zero(.eur), date: Fixtures.date("2026-03-01"), method: "x")
        }
        #expect(throws: BillingError.self) {
            try Refund(
                id: "RF",
                accountID: "A",
                amount: Fixtures.eur("1.00"),
                date: Fixtures.date("2026-03-01"),
                method: ""
            )
        }
    }
}
