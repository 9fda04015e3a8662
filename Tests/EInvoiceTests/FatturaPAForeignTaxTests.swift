import Billing
import EInvoice
import Foundation
import Testing

/// Taxes FatturaPA cannot carry as Italian VAT.
///
/// Another member state's VAT charged to a consumer there under OSS (Natura N7) and US sales tax
/// (N2.1). The lines carry rate 0 with the Natura, the
/// foreign tax is stated in `Causale`, and the document's total still includes it.
@Suite struct FatturaPAForeignTaxTests {
    static func invoice(country: String, identifiers: [TaxIdentifier], treatment: TaxTreatment) throws -> Invoice {
        let account = try FatturaPAVectorTests.account(
            country: country,
            identifiers: identifiers,
            treatment: treatment
        )
        let line = try InvoiceLine.charge(
            "WebinarSeats Pro – 1 seat, monthly",
            period: nil,
            quantity: 1,
            unitPrice: Money(decimal: "150.00", currency: .eur),
            taxRate: treatment.rate
        )
        return try Invoice.draft(
            key: "foreign",
            lines: [line],
            account: account,
            subscriptionID: nil,
            reason: .purchase,
            issueDate: CalendarDate("2026-11-27"),
            availableCredit: .zero(.eur),
            invoicedOnPurchaseOrder: .zero(.eur)
        ).issued(as: DocumentNumber(series: .invoice, year: 2026, sequence: 3))
    }

    @Test func aConsumerInGermanyUnderOSSGetsN7AndTheGermanVATInCausale() throws {
        let invoice = try Self.invoice(country: "DE", identifiers: [], treatment: .vat(rate: TaxRate(percent: 19)))
        let (file, xml) = try FatturaPAVectorTests.file(invoice)
        #expect(try xml.values("//DettaglioLinee/AliquotaIVA") == ["0.00"])
        #expect(try xml.values("//DettaglioLinee/Natura") == ["N7"])
        #expect(try xml.value("//DatiRiepilogo/Natura") == "N7")
        #expect(try xml.value("//DatiRiepilogo/ImponibileImporto") == "150.00")
        #expect(try xml.value("//DatiRiepilogo/Imposta") == "0.00")
        #expect(try xml.value("//DatiRiepilogo/RiferimentoNormativo")?.contains("7-octies") == true)
        #expect(try xml.value("//ImportoTotaleDocumento") == "178.50")
        #expect(try xml.value("//ImportoPagamento") == "178.50")
        #expect(
            try xml.values("//Causale").contains(
                "IVA DE 19.00% assolta tramite OSS nello Stato del cliente: 28.50 EUR"
            ),
            "\(file.xml)"
        )
    }

    @Test func aConsumerAbroadChargedItalianVATStaysItalianVAT() throws {
        // A seller not under OSS charges its own 22 % to an EU consumer: that is Italian VAT.
        let invoice = try Self.invoice(country: "FR", identifiers: [], treatment: .vat(rate: TaxRate(percent: 22)))
        let (_, xml) = try FatturaPAVectorTests.file(invoice)
        #expect(try xml.values("//DettaglioLinee/AliquotaIVA") == ["22.00"])
        #expect(try xml.value("//DatiRiepilogo/Imposta") == "33.00")
        #expect(try xml.values("//Natura").isEmpty)
    }

    @Test func usSalesTaxIsWrittenAsNotSubjectWithTheSalesTaxInCausale() throws {
        let invoice = try Self.invoice(
            country: "US",
            identifiers: [TaxIdentifier(.ein, "83-4417260")],
            treatment: .salesTax(rate: TaxRate(basisPoints: 650), jurisdiction: "WA")
        )
        let (_, xml) = try FatturaPAVectorTests.file(invoice)
        #expect(try xml.values("//DettaglioLinee/Natura") == ["N2.1"])
        #expect(try xml.value("//DatiRiepilogo/AliquotaIVA") == "0.00")
        #expect(try xml.value("//DatiRiepilogo/ImponibileImporto") == "150.00")
        #expect(try xml.value("//ImportoTotaleDocumento") == "159.75")
        #expect(try xml.values("//Causale").contains("Sales tax US WA 6.50%: 9.75 EUR, imposta statunitense, non IVA"))
    }

    @Test func aBusinessWithAVATNumberChargedVATIsRefusedWithTheReason() throws {
        // A German business is reverse charge: 19 % charged to it is none of the taxes FatturaPA knows.
        let invoice = try Self.invoice(
            country: "DE",
            identifiers: [TaxIdentifier(.euVAT, "DE136695976")],
            treatment: .vat(rate: TaxRate(percent: 19))
        )
        #expect {
            try FatturaPA.invoice(invoice, vendor: FatturaPAVectorTests.vendor(), recipient: nil)
        } throws: { error in
            (error as? EInvoiceError)?.description.contains(
                "19% charged to a customer in DE is neither Italian VAT, nor the VAT of an EU consumer's country under OSS"
            ) == true
        }
    }

    @Test func theRegisterListsOSSVATApartFromItalianVAT() throws {
        let oss = try Self.invoice(country: "DE", identifiers: [], treatment: .vat(rate: TaxRate(percent: 19)))
        var domestic = try FatturaPAVectorTests.invoice(["100.00"], percent: 22, number: 4)
        domestic.key = "domestic"
        let register = try VATRegister(invoices: [oss, domestic], creditNotes: [])
        let totals = register.totals.map { ($0.rate.basisPoints, $0.nature?.code, $0.tax.decimalString) }
        #expect(totals.contains { $0 == (2200, nil, "22.00") })
        #expect(totals.contains { $0 == (1900, "N7", "28.50") })
    }
}
