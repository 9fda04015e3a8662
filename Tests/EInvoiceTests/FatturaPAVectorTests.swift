import Billing
import EInvoice
import Foundation
import Testing

/// FatturaPA files of hand-made documents: the rounding vectors of w9-einvoice.md §2.2, the rules
/// for Natura, destination, Latin-1 and escaping, and the refusals.
@Suite struct FatturaPAVectorTests {
    static func vendor(partitaIVA: Bool = true) throws -> Vendor {
        Vendor(
            legalName: "Webinar Seats, Inc.",
            address: Address(
                lines: ["100 Example Way"],
                postalCode: "02110",
                city: "Boston",
                region: "MA",
                country: "US"
            ),
            taxIdentifiers: partitaIVA ? [try TaxIdentifier(.partitaIVA, "39182740587")] : [],
            email: "billing@webinarseats.example"
        )
    }

    static func account(
        name: String = "Studio Rossi S.r.l.",
        country: String = "IT",
        identifiers: [TaxIdentifier]? = nil,
        treatment: TaxTreatment = .vat(rate: .zero),
        eInvoicing: EInvoiceAddress? = nil
    ) throws -> Account {
        Account(
            id: "ROSSI-IT",
            name: name,
            kind: .selfService,
            billingContact: try Contact(name: "Anna Bianchi", email: "anna@example.it"),
            billingAddress: Address(
                lines: ["Via Roma 1"],
                postalCode: "20121",
                city: "Milano",
                region: "MI",
                country: country
            ),
            locale: "it",
            currency: .eur,
            taxIdentifiers: try identifiers ?? [TaxIdentifier(.partitaIVA, "17500930155")],
            taxTreatment: treatment,
            eInvoicing: eInvoicing
        )
    }

    /// An issued invoice of `prices` (one seat each) at `percent`.
    static func invoice(
        _ prices: [String],
        percent: Int,
        account: Account? = nil,
        number: Int = 1,
        fraction: Ratio = .one
    ) throws -> Invoice {
        let account = try account ?? Self.account(treatment: .vat(rate: TaxRate(percent: percent)))
        let lines = try prices.map { price in
            try InvoiceLine.charge(
                "WebinarSeats Pro – 1 seat, monthly",
                period: DatePeriod(start: CalendarDate("2026-11-01"), end: CalendarDate("2026-12-01")),
                quantity: 1,
                unitPrice: Money(decimal: price, currency: .eur),
                fraction: fraction,
                taxRate: TaxRate(percent: percent)
            )
        }
        return try Invoice.draft(
            key: "test-\(number)",
            lines: lines,
            account: account,
            subscriptionID: nil,
            reason: .purchase,
            issueDate: CalendarDate("2026-11-27"),
            availableCredit: .zero(.eur),
            invoicedOnPurchaseOrder: .zero(.eur)
        ).issued(as: DocumentNumber(series: .invoice, year: 2026, sequence: number))
    }

    static func file(_ invoice: Invoice, recipient: EInvoiceAddress? = nil) throws -> (EInvoiceFile, ParsedFattura) {
        let file = try FatturaPA.invoice(invoice, vendor: vendor(), recipient: recipient)
        let verdict = try validate(file.xml)
        #expect(verdict.valid, "\(verdict.messages)")
        return (file, try ParsedFattura(file.xml))
    }

    @Test(arguments: [
        (["1234.56"], 22, "271.60", "1506.16"),
        (["1234.56"], 10, "123.46", "1358.02"),
        (["1234.56"], 4, "49.38", "1283.94"),
        (["0.75"], 22, "0.17", "0.92"),
        (["999.99"], 22, "220.00", "1219.99"),
        (["0.75", "0.75", "0.75"], 22, "0.50", "2.75"),
    ])
    func vatIsTaxableTimesRateRoundedHalfUpOncePerRate(
        prices: [String],
        percent: Int,
        tax: String,
        total: String
    ) throws {
        let (_, xml) = try Self.file(Self.invoice(prices, percent: percent))
        #expect(try xml.values("//DatiRiepilogo/Imposta") == [tax])
        #expect(try xml.values("//DatiRiepilogo/AliquotaIVA") == ["\(percent).00"])
        #expect(try xml.value("//ImportoTotaleDocumento") == total)
        #expect(try xml.values("//DatiRiepilogo/Natura").isEmpty)
        #expect(try xml.value("//DatiRiepilogo/EsigibilitaIVA") == "I")
    }

    @Test func theSchemaRefusesWhatTheTaxOfficeRefuses() throws {
        let (file, _) = try Self.file(Self.invoice(["1234.56"], percent: 22))
        let comma = file.xml.replacingOccurrences(of: "<Imposta>271.60</Imposta>", with: "<Imposta>271,60</Imposta>")
        #expect(comma != file.xml)
        #expect(try !validate(comma).valid)
        let unprefixed = file.xml.replacingOccurrences(of: "p:FatturaElettronica", with: "FatturaElettronica")
            .replacingOccurrences(of: "xmlns:p=", with: "xmlns=")
        #expect(try !validate(unprefixed).valid)
    }

    @Test func aProratedLineKeepsPriceTimesQuantityWithinACent() throws {
        let invoice = try Self.invoice(["50.00"], percent: 22, fraction: Ratio(19, 30))
        let (_, xml) = try Self.file(invoice)
        let unitText = try #require(try xml.value("//DettaglioLinee/PrezzoUnitario"))
        let totalText = try #require(try xml.value("//DettaglioLinee/PrezzoTotale"))
        let unit = try #require(Decimal(string: unitText))
        let total = try #require(Decimal(string: totalText))
        let cent = try #require(Decimal(string: "0.01"))
        #expect(totalText == "31.67")
        #expect(unitText == "31.66666667")
        #expect(abs(unit - total) < cent)
        #expect(try xml.value("//DettaglioLinee/DataInizioPeriodo") == "2026-11-01")
        #expect(try xml.value("//DettaglioLinee/DataFinePeriodo") == "2026-11-30")
    }

    @Test func anItalianExemptInvoiceOverTheThresholdCarriesN4AndTheStamp() throws {
        let account = try Self.account(
            treatment: .exempt(note: "Operazione esente ai sensi dell'art. 10 DPR 633/72")
        )
        let (_, xml) = try Self.file(Self.invoice(["100.00"], percent: 0, account: account))
        #expect(try xml.values("//DatiRiepilogo/Natura") == ["N4"])
        #expect(try xml.values("//DettaglioLinee/Natura") == ["N4"])
        #expect(try xml.value("//DatiBollo/BolloVirtuale") == "SI")
        #expect(try xml.value("//DatiBollo/ImportoBollo") == "2.00")
        #expect(try xml.value("//ImportoTotaleDocumento") == "102.00")
    }

    @Test func aRecipientCodeOrAPECAddressesTheFile() throws {
        let invoice = try Self.invoice(["10.00"], percent: 22)
        let (_, coded) = try Self.file(invoice, recipient: EInvoiceAddress(recipientCode: "m5uxcr1", pec: nil))
        #expect(try coded.value("//CodiceDestinatario") == "M5UXCR1")
        #expect(try coded.values("//PECDestinatario").isEmpty)
        let (_, certified) = try Self.file(
            invoice,
            recipient: EInvoiceAddress(recipientCode: nil, pec: "Fatture@PEC.example.it")
        )
        #expect(try certified.value("//CodiceDestinatario") == "0000000")
        #expect(try certified.value("//PECDestinatario") == "fatture@pec.example.it")
    }

    @Test func textOutsideLatin1IsReplacedAndReportedAndMarkupIsEscaped() throws {
        let account = try Self.account(name: "Rossi & Figli <S.r.l.> – “Attività” €")
        let (file, xml) = try Self.file(Self.invoice(["10.00"], percent: 22, account: account))
        #expect(try xml.value("//CessionarioCommittente//Denominazione") == "Rossi & Figli <S.r.l.> - \"Attività\" EUR")
        #expect(file.xml.contains("Rossi &amp; Figli &lt;S.r.l.&gt;"))
        // Dashes, quotes and the euro sign keep their meaning in ASCII: written so without a warning.
        #expect(file.warnings.isEmpty, "\(file.warnings)")
    }

    @Test func lettersOutsideLatin1LoseTheirAccentAndKeepTheirLetter() throws {
        let account = try Self.account(name: "Łódź Szkolenia Sp. z o.o. – Brașov & Plzeň")
        let (file, xml) = try Self.file(Self.invoice(["10.00"], percent: 22, account: account))
        // ó is Latin-1 and stays; Ł, ș and ň are not and are written as L, s and n.
        #expect(
            try xml.value("//CessionarioCommittente//Denominazione") == "Lódz Szkolenia Sp. z o.o. - Brasov & Plzen"
        )
        #expect(file.warnings.contains { $0.contains("'Ł' (U+0141) written as 'L'") })
        #expect(file.warnings.contains { $0.contains("'ň' (U+0148) written as 'n'") })
        #expect(file.warnings.allSatisfy { $0.hasPrefix("2026/0001: ") })
        // Letters lose something and are reported; the en dash between them is not.
        #expect(!file.warnings.contains { $0.contains("U+2013") }, "\(file.warnings)")
        #expect(file.warnings.count == 4, "\(file.warnings)")
    }

    @Test func anItalianCustomerWithoutPartitaIVAOrCodiceFiscaleIsRefusedByNumber() throws {
        let account = try Self.account(identifiers: [], treatment: .vat(rate: TaxRate(percent: 22)))
        let invoice = try Self.invoice(["10.00"], percent: 22, account: account, number: 7)
        #expect {
            try FatturaPA.invoice(invoice, vendor: Self.vendor(), recipient: nil)
        } throws: { error in
            let error = error as? EInvoiceError
            return error?.document == "2026/0007" && error?.field == "CessionarioCommittente/DatiAnagrafici"
        }
    }

    @Test func aConsumerWithACodiceFiscaleOnlyIsIdentifiedByIt() throws {
        let account = try Self.account(
            identifiers: [TaxIdentifier(.codiceFiscale, "RSSMRA80A01H501U")],
            treatment: .vat(rate: TaxRate(percent: 22))
        )
        let (_, xml) = try Self.file(Self.invoice(["10.00"], percent: 22, account: account))
        #expect(try xml.value("//CessionarioCommittente//CodiceFiscale") == "RSSMRA80A01H501U")
        #expect(try xml.values("//CessionarioCommittente//IdFiscaleIVA").isEmpty)
    }

    @Test func aVendorWithoutPartitaIVAIssuesNoFatturaPA() throws {
        let vendor = try Self.vendor(partitaIVA: false)
        #expect(!FatturaPA.isRequired(for: vendor))
        #expect(throws: EInvoiceError.self) {
            try FatturaPA.invoice(Self.invoice(["10.00"], percent: 22), vendor: vendor, recipient: nil)
        }
    }

    @Test func progressivesNeverRepeatAcrossSeriesAndYears() throws {
        var seen: Set<String> = []
        for year in [2000, 2025, 2026, 2099] {
            for series in DocumentSeries.allCases {
                for sequence in [1, 2, 9999, 10_000, 299_999] {
                    let code = try FileProgressive.code(
                        for: DocumentNumber(series: series, year: year, sequence: sequence)
                    )
                    #expect(code.count == 5 && code.allSatisfy { $0.isNumber || ("A"..."Z").contains($0) })
                    #expect(seen.insert(code).inserted, "\(code) repeats")
                }
            }
        }
        #expect(throws: EInvoiceError.self) {
            try FileProgressive.code(for: DocumentNumber(series: .invoice, year: 2026, sequence: 300_000))
        }
    }
}
