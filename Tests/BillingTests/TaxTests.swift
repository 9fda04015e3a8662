import Billing
import Testing

/// VAT per rate on the summed taxable, rounded once (w9-einvoice.md §2.2).
@Suite("Taxes")
struct TaxTests {
    private func line(_ amount: String, percent: Int) throws -> InvoiceLine {
        try InvoiceLine.charge(
            "Servizio",
            period: nil,
            quantity: 1,
            unitPrice: Fixtures.eur(amount),
            taxRate: TaxRate(percent: percent)
        )
    }

    @Test(arguments: [
        ("1234.56", 22, "271.60", "1506.16"), ("1234.56", 10, "123.46", "1358.02"), ("1234.56", 5, "61.73", "1296.29"),
        ("1234.56", 4, "49.38", "1283.94"), ("0.75", 22, "0.17", "0.92"), ("999.99", 22, "220.00", "1219.99"),
    ])
    func vatIsRoundedHalfUpToTheCent(taxable: String, percent: Int, tax: String, total: String) throws {
        let totals = try DocumentTotals(lines: [line(taxable, percent: percent)], currency: .eur)
        #expect(totals.taxTotal.decimalString == tax)
        #expect(totals.total.decimalString == total)
    }

    @Test func vatIsComputedOnTheSumPerRateNotPerLine() throws {
        let totals = try DocumentTotals(
            lines: [line("0.75", percent: 22), line("0.75", percent: 22), line("0.75", percent: 22)],
            currency: .eur
        )
        #expect(totals.taxes.count == 1)
        #expect(totals.taxes.first?.taxable.decimalString == "2.25")
        #expect(totals.taxTotal.decimalString == "0.50")
        #expect(totals.total.decimalString == "2.75")
    }

    @Test func eachRateHasItsOwnSummaryHighestFirst() throws {
        let totals = try DocumentTotals(
            lines: [line("100.00", percent: 4), line("100.00", percent: 22), line("50.00", percent: 22)],
            currency: .eur
        )
        #expect(totals.taxes.map(\.rate.description) == ["22%", "4%"])
        #expect(totals.taxes.map(\.tax.decimalString) == ["33.00", "4.00"])
        #expect(totals.total.decimalString == "287.00")
    }

    @Test(arguments: [("77.47", false), ("77.48", true)])
    func stampDutyIsDueOnExemptInvoicesAboveTheThreshold(total: String, due: Bool) throws {
        let account = try Fixtures.selfServiceItalian(treatment: .exempt(note: "Operazione esente art. 10 DPR 633/72"))
        let invoice = try Invoice.draft(
            key: "K",
            lines: [line(total, percent: 0)],
            account: account,
            subscriptionID: nil,
            reason: .purchase,
            issueDate: Fixtures.date("2026-11-27"),
            availableCredit: .zero(.eur),
            invoicedOnPurchaseOrder: .zero(.eur)
        )
        #expect((invoice.stampDuty != nil) == due)
        #expect(invoice.taxNote?.contains("Imposta di bollo") == due)
        if due { #expect(invoice.amountDue.decimalString == "79.48") }
    }

    @Test func reverseChargeAndVatInvoicesCarryNoStampDuty() throws {
        for treatment in [TaxTreatment.euReverseCharge, .vat(rate: try TaxRate(percent: 22))] {
            let account = try Fixtures.selfServiceItalian(treatment: treatment)
            let invoice = try Invoice.draft(
                key: "K",
                lines: [line("5000.00", percent: treatment.rate.basisPoints / 100)],
                account: account,
                subscriptionID: nil,
                reason: .purchase,
                issueDate: Fixtures.date("2026-11-27"),
                availableCredit: .zero(.eur),
                invoicedOnPurchaseOrder: .zero(.eur)
            )
            #expect(invoice.stampDuty == nil)
        }
    }

    @Test func reverseChargeInvoicesPrintTheLegalWording() throws {
        let account = try Fixtures.selfServiceItalian(treatment: .euReverseCharge)
        let invoice = try Invoice.draft(
            key: "K",
            lines: [line("100.00", percent: 0)],
            account: account,
            subscriptionID: nil,
            reason: .purchase,
            issueDate: Fixtures.date("2026-11-27"),
            availableCredit: .zero(.eur),
            invoicedOnPurchaseOrder: .zero(.eur)
        )
        #expect(invoice.taxNote?.contains("Inversione contabile") == true)
        #expect(invoice.totals.taxTotal.isZero)
    }

    @Test func taxRatesPrintAsPercentages() throws {
        #expect(try TaxRate(basisPoints: 550).description == "5.5%")
        #expect(try TaxRate(basisPoints: 2200).description == "22%")
        #expect(throws: BillingError.self) { try TaxRate(basisPoints: 10_001) }
    }
}
