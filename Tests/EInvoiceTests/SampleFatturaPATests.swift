import Billing
import EInvoice
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// Every invoice and credit note of `Samples/` as a FatturaPA file: valid against the official
/// schema, and saying what the documents say.
@Suite struct SampleFatturaPATests {
    /// The samples imported into a store of their own.
    struct Samples {
        let folder: URL
        let store: SQLiteStore
        let vendor: Vendor

        init() throws {
            folder = try temporaryFolder("einvoice")
            store = try SQLiteStore(path: folder.appendingPathComponent("samples.sqlite").path)
            let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
            try store.importFiles([("Samples/history.json", data)])
            vendor = try #require(try store.vendor())
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        func file(for invoice: Invoice) throws -> EInvoiceFile {
            let account = try store.account(invoice.customer.accountID)
            return try FatturaPA.invoice(invoice, vendor: vendor, recipient: account.eInvoicing)
        }
    }

    @Test func theSampleVendorIsRegisteredInItalySoEveryDocumentNeedsAFile() throws {
        let samples = try Samples()
        defer { samples.remove() }
        #expect(FatturaPA.isRequired(for: samples.vendor))
        let accounts = Set(try samples.store.invoices(accountID: nil, issuedIn: nil).map(\.customer.accountID))
        // Domestic, EU reverse charge and US customers are all among them.
        #expect(
            accounts.isSuperset(of: ["ROSSI-IT", "ALPINA-IT", "KLEIN-DE", "NORDWERK-DE", "GLOBEX-US", "BLUEFIN-US"])
        )
    }

    @Test func everyInvoiceValidatesAndCarriesItsNumberDateAndTotals() throws {
        let samples = try Samples()
        defer { samples.remove() }
        let invoices = try samples.store.invoices(accountID: nil, issuedIn: nil)
        #expect(invoices.count > 10)
        var names: Set<String> = []
        for invoice in invoices {
            let number = try #require(invoice.number)
            let file = try samples.file(for: invoice)
            let verdict = try validate(file.xml, name: file.fileName)
            #expect(verdict.valid, "\(number): \(verdict.messages)")
            #expect(names.insert(file.fileName).inserted, "\(file.fileName) repeats")
            #expect(file.fileName.hasPrefix("IT39182740587_") && file.fileName.hasSuffix(".xml"))

            let xml = try ParsedFattura(file.xml)
            #expect(try xml.value("//DatiGeneraliDocumento/TipoDocumento") == "TD01")
            #expect(try xml.value("//DatiGeneraliDocumento/Numero") == number.description)
            #expect(try xml.value("//DatiGeneraliDocumento/Data") == invoice.issueDate.description)
            #expect(try xml.value("//DatiGeneraliDocumento/Divisa") == invoice.currency.code)
            #expect(try xml.value("//ImportoTotaleDocumento") == invoice.grandTotal.decimalString)
            #expect(try xml.cents("//DatiRiepilogo/ImponibileImporto") == invoice.totals.subtotal.minorUnits)
            #expect(try xml.cents("//DatiRiepilogo/Imposta") == invoice.totals.taxTotal.minorUnits)
            #expect(try xml.cents("//DettaglioLinee/PrezzoTotale") == invoice.totals.subtotal.minorUnits)
            #expect(try xml.value("//DettaglioPagamento/DataScadenzaPagamento") == invoice.dueDate.description)
            #expect(try xml.value("//DettaglioPagamento/ImportoPagamento") == invoice.amountDue.decimalString)
            #expect(try xml.value("//DatiOrdineAcquisto/IdDocumento") == invoice.purchaseOrderNumber)
        }
    }

    @Test(arguments: [
        ("ROSSI-IT", "0000000", ["22.00"], [String]()),
        ("ALPINA-IT", "KRRH6B9", ["22.00"], []),
        ("KLEIN-DE", "XXXXXXX", ["0.00"], ["N2.1"]),
        ("NORDWERK-DE", "XXXXXXX", ["0.00"], ["N2.1"]),
        ("GLOBEX-US", "XXXXXXX", ["0.00"], ["N2.1"]),
        ("BLUEFIN-US", "XXXXXXX", ["0.00"], ["N2.1"]),
    ])
    func eachCustomerGetsItsRateNaturaAndDestination(
        account: String,
        destination: String,
        rates: [String],
        natura: [String]
    ) throws {
        let samples = try Samples()
        defer { samples.remove() }
        let invoices = try samples.store.invoices(accountID: account, issuedIn: nil)
        #expect(!invoices.isEmpty)
        for invoice in invoices {
            let xml = try ParsedFattura(try samples.file(for: invoice).xml)
            #expect(try xml.value("//CodiceDestinatario") == destination)
            let cap = account.hasSuffix("-IT") ? ["20121", "10121"] : ["00000"]
            let written = try xml.value("//CessionarioCommittente/Sede/CAP") ?? ""
            #expect(cap.contains(written))
            // ROSSI-IT gave a PEC and no code: 0000000 with the PEC; the others no PEC.
            let pec = account == "ROSSI-IT" ? ["amministrazione@pec.studiorossi.example"] : []
            #expect(try xml.values("//PECDestinatario") == pec)
            #expect(try xml.values("//DatiRiepilogo/AliquotaIVA") == rates)
            #expect(try xml.values("//DatiRiepilogo/Natura") == natura)
            #expect(try Set(xml.values("//DettaglioLinee/AliquotaIVA")) == Set(rates))
            if natura.isEmpty {
                // 22 % of the taxable, rounded half up once per rate.
                let taxable = try xml.cents("//DatiRiepilogo/ImponibileImporto")
                #expect(try xml.cents("//DatiRiepilogo/Imposta") == (taxable * 22 + 50) / 100)
            } else {
                #expect(try xml.values("//DatiRiepilogo/RiferimentoNormativo").first?.contains("art. 7-ter") == true)
            }
        }
    }

    @Test func everyCreditNoteValidatesAsTD04NamingTheInvoiceItCorrects() throws {
        let samples = try Samples()
        defer { samples.remove() }
        // Beside the samples' void, a partial credit note: 100.00 before tax of ROSSI-IT's 2026/0015.
        try samples.store.apply(
            StoreEvent(
                date: try CalendarDate("2026-11-27"),
                actor: .representative(name: "Marco Neri"),
                action: .creditInvoice(
                    invoice: .number(try DocumentNumber(parsing: "2026/0015")),
                    scope: .amount(try Money(decimal: "100.00", currency: .eur)),
                    reason: "Outage of 3 June"
                )
            )
        )
        let notes = try samples.store.creditNotes(issuedIn: nil)
        #expect(notes.count == 2)
        for note in notes {
            let number = try #require(note.number)
            let invoice = try samples.store.invoice(note.invoiceNumber)
            let account = try samples.store.account(note.customer.accountID)
            let file = try FatturaPA.creditNote(
                note,
                correcting: invoice,
                vendor: samples.vendor,
                recipient: account.eInvoicing
            )
            let verdict = try validate(file.xml, name: file.fileName)
            #expect(verdict.valid, "\(number): \(verdict.messages)")
            let xml = try ParsedFattura(file.xml)
            #expect(try xml.value("//TipoDocumento") == "TD04")
            #expect(try xml.value("//DatiGeneraliDocumento/Numero") == number.description)
            #expect(try xml.value("//DatiFattureCollegate/IdDocumento") == note.invoiceNumber.description)
            #expect(try xml.value("//DatiFattureCollegate/Data") == invoice.issueDate.description)
            #expect(try xml.value("//ImportoTotaleDocumento") == note.grandTotal.decimalString)
            // The sample's reason has an en dash, which Latin-1 lacks: written as '-', silently.
            let reason = note.reason.replacingOccurrences(of: "\u{2013}", with: "-")
            #expect(try xml.values("//Causale").joined().contains(reason))
            #expect(!file.warnings.contains { $0.contains("U+2013") }, "\(file.warnings)")
            #expect(try xml.values("//DatiPagamento").isEmpty)
            #expect(file.fileName != (try samples.file(for: invoice).fileName))
        }
    }
}
