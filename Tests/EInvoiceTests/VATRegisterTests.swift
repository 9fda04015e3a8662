import Billing
import EInvoice
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// The register of issued invoices reconciles with the documents, to the cent.
@Suite struct VATRegisterTests {
    @Test func theRegisterOfAYearAddsUpToItsDocumentsPerCurrencyAndRate() throws {
        let samples = try SampleFatturaPATests.Samples()
        defer { samples.remove() }
        let year = try DatePeriod.year(2025)
        let invoices = try samples.store.invoices(accountID: nil, issuedIn: year)
        let notes = try samples.store.creditNotes(issuedIn: year)
        #expect(!invoices.isEmpty && !notes.isEmpty)
        let register = try VATRegister(invoices: invoices, creditNotes: notes)
        #expect(register.entries.count == invoices.count + notes.count)

        // Per currency: the totals column is what the invoices say less what the credit notes say.
        for currency in Set(invoices.map(\.currency)) {
            let expected =
                invoices.filter { $0.currency == currency }.reduce(Int64(0)) { $0 + $1.grandTotal.minorUnits }
                - notes.filter { $0.currency == currency }.reduce(Int64(0)) { $0 + $1.grandTotal.minorUnits }
            let listed = register.entries.filter { $0.total.currency == currency }.reduce(Int64(0)) {
                $0 + $1.total.minorUnits
            }
            #expect(listed == expected, "\(currency)")
            // Per rate: taxable and VAT of the totals equal the documents' tax lines.
            for rate in Set(invoices.flatMap { $0.totals.taxes.map(\.rate) }) {
                let lines = { (taxes: [TaxLine]) in taxes.filter { $0.rate == rate } }
                let taxable =
                    invoices.filter { $0.currency == currency }.flatMap { lines($0.totals.taxes) }.reduce(Int64(0)) {
                        $0 + $1.taxable.minorUnits
                    }
                    - notes.filter { $0.currency == currency }.flatMap { lines($0.totals.taxes) }.reduce(Int64(0)) {
                        $0 + $1.taxable.minorUnits
                    }
                let totals = register.totals.filter { $0.rate == rate && $0.taxable.currency == currency }
                #expect(totals.reduce(Int64(0)) { $0 + $1.taxable.minorUnits } == taxable, "\(currency) \(rate)")
            }
        }
    }

    @Test func creditNotesCountNegativeAfterTheInvoicesAndEachSeriesIsInNumberOrder() throws {
        let samples = try SampleFatturaPATests.Samples()
        defer { samples.remove() }
        let register = try VATRegister(
            invoices: try samples.store.invoices(accountID: nil, issuedIn: nil),
            creditNotes: try samples.store.creditNotes(issuedIn: nil)
        )
        let kinds = register.entries.map(\.kind)
        #expect(
            kinds.firstIndex(of: "credit-note").map { index in kinds[index...].allSatisfy { $0 == "credit-note" } }
                == true
        )
        let invoices = register.entries.filter { $0.kind == "invoice" }.map(\.number)
        #expect(invoices == invoices.sorted { ($0.year, $0.sequence) < ($1.year, $1.sequence) })
        let note = try #require(register.entries.first { $0.kind == "credit-note" })
        #expect(note.number.description == "NC-2025/0001")
        #expect(note.total.decimalString == "-427.00" && note.tax.decimalString == "-77.00")
    }

    @Test func rowsWithoutVATCarryTheirNaturaAndTaxedRowsNone() throws {
        let samples = try SampleFatturaPATests.Samples()
        defer { samples.remove() }
        let register = try VATRegister(
            invoices: try samples.store.invoices(accountID: nil, issuedIn: nil),
            creditNotes: []
        )
        let rows = register.entries.flatMap { entry in entry.rows.map { (entry.accountID, $0) } }
        for (account, row) in rows {
            if row.rate.basisPoints > 0 {
                #expect(row.nature == nil, "\(account)")
            } else if !account.hasSuffix("-IT") {
                #expect(row.nature == .notSubjectPlaceOfSupply, "\(account): services to a customer abroad")
            }
        }
        let german = try #require(register.entries.first { $0.accountID == "KLEIN-DE" })
        #expect(german.vatNumber == "DE318475627")
    }
}
