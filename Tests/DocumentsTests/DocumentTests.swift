import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@Suite("Documents from the samples")
struct DocumentTests {
    let samples: SampleStore
    let renderer: DocumentRenderer
    let vendor: Vendor

    init() throws {
        samples = try SampleStore()
        renderer = try makeRenderer()
        vendor = try samples.vendor()
    }

    private func invoice(_ account: String, _ index: Int = 0) throws -> Invoice {
        try #require(try samples.store.invoices(accountID: account).dropFirst(index).first)
    }

    @Test(arguments: ["it", "en"])
    func theInvoiceTemplateOutputMatchesItsGolden(language: String) throws {
        defer { samples.remove() }
        let output = try renderer.xhtml(
            for: .invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .none),
            language: language
        )
        try assertGolden(output.text, named: "invoice-alpina-\(language)", in: "DocumentsTests")
    }

    @Test func everyKindOfDocumentHasAGolden() throws {
        defer { samples.remove() }
        let note = try #require(try samples.store.creditNotes().first)
        try assertGolden(
            try renderer.xhtml(for: .creditNote(note, vendor: vendor)).text,
            named: "credit-note-rossi-it",
            in: "DocumentsTests"
        )
        let statement = try samples.store.statement(
            ofAccount: "NORDWERK-DE",
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: CalendarDate("2026-11-27"))
        )
        try assertGolden(
            try renderer.xhtml(for: .statement(statement, vendor: vendor, issuedOn: CalendarDate("2026-11-27"))).text,
            named: "statement-nordwerk-en",
            in: "DocumentsTests"
        )
        let request = try samples.store.w9Request("W9-2025-0007")
        let packet = PrintableDocument.w9Packet(
            request,
            vendor: vendor,
            account: try samples.store.account("GLOBEX-US"),
            issuedOn: try CalendarDate("2025-11-04")
        )
        try assertGolden(try renderer.xhtml(for: packet).text, named: "w9-packet-globex-en", in: "DocumentsTests")
    }

    @Test func anItalianInvoiceCarriesEveryMandatoryField() throws {
        defer { samples.remove() }
        let document = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .none), as: .pdf)
        let text = try poppler("pdftotext", ["-layout"], on: document.data)
        for field in [
            "FATTURA", "2025/0004", "01/01/2025",  // number and issue date (art. 21 c.2 a, b)
            "Webinar Seats, Inc.", "P. IVA 39182740587",  // seller and its VAT number (c, d)
            "Alpina Formazione S.p.A.", "Corso Vittorio Emanuele II 88", "P. IVA 28641010211",  // buyer (e, f)
            // goods and consideration (g, h)
            "WebinarSeats Pro — 40 postazioni, annuale", "01/01/2025 – 31/12/2025", "€ 500,00", "€ 20.000,00",
            "IVA 22% (€ 20.000,00)", "€ 4.400,00", "€ 24.400,00",  // rate, tax and taxable (l)
            "PO-A-2025/114", "30 giorni data fattura", "31/01/2025",  // PO, terms, due date
            "Copia di cortesia",
        ] {
            #expect(text.contains(field), "missing \(field)")
        }
    }

    @Test func reverseChargeInvoicesPrintTheLegalWording() throws {
        defer { samples.remove() }
        let document = try renderer.render(.invoice(invoice("NORDWERK-DE"), vendor: vendor, mark: .none), as: .pdf)
        let text = try poppler("pdftotext", on: document.data)
        #expect(text.contains("Inversione contabile"))
        #expect(text.contains("DE277190344"))
        #expect(text.contains("€24,000.00"))
        #expect(!text.contains("VAT 22%"))
    }

    @Test func aPaidInvoiceIsMarkedAcrossThePageInItsLanguage() throws {
        defer { samples.remove() }
        let italian = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .paid), as: .pdf)
        // Twice: the stamp under the title and the watermark across the page (read in raw order).
        #expect(try poppler("pdftotext", ["-raw"], on: italian.data).components(separatedBy: "PAGATA").count == 3)
        let english = try renderer.render(.invoice(invoice("GLOBEX-US"), vendor: vendor, mark: .void), as: .pdf)
        #expect(try poppler("pdftotext", on: english.data).contains("VOID"))
    }

    @Test func aCreditNoteRefersToTheInvoiceItCorrects() throws {
        defer { samples.remove() }
        let note = try #require(try samples.store.creditNotes().first)
        let text = try poppler("pdftotext", on: renderer.render(.creditNote(note, vendor: vendor), as: .pdf).data)
        #expect(text.contains("NOTA DI CREDITO"))
        #expect(text.contains("NC-2025/0001"))
        #expect(text.contains("Rettifica la fattura"))
        #expect(text.contains(note.invoiceNumber.description))
    }

    @Test func theW9PacketHasTheCoverLetterTheFormAndTheSummary() throws {
        defer { samples.remove() }
        let request = try samples.store.w9Request("W9-2025-0007")
        let packet = PrintableDocument.w9Packet(
            request,
            vendor: vendor,
            account: try samples.store.account("GLOBEX-US"),
            issuedOn: try CalendarDate("2025-11-04")
        )
        let document = try renderer.render(packet, as: .pdf)
        #expect(document.pages == 2)
        let text = try poppler("pdftotext", on: document.data)
        for field in [
            "Dear Priya Shah,", "W9-2025-0007", "Form W-9 (Rev. March 2024)", "C corporation", "46-2817395",
            "Jordan Lee",
            "Chief Financial Officer", "does not require your consent", "Globex Learning, Inc.", "Nov 4, 2025",
        ] {
            #expect(text.contains(field), "missing \(field)")
        }
        // The letter never repeats the TIN: it appears on the form only.
        let letter = try poppler("pdftotext", ["-f", "1", "-l", "1"], on: document.data)
        #expect(!letter.contains("46-2817395") || letter.components(separatedBy: "46-2817395").count == 2)
    }

    @Test func renderingTwiceGivesIdenticalBytesInBothFormats() throws {
        defer { samples.remove() }
        let document = PrintableDocument.invoice(try invoice("ROSSI-IT", 2), vendor: vendor, mark: .none)
        #expect(try renderer.render(document, as: .pdf).data == renderer.render(document, as: .pdf).data)
        #expect(try renderer.render(document, as: .html).data == renderer.render(document, as: .html).data)
        let info = try pdfinfo(try renderer.render(document, as: .pdf).data)
        #expect(info["Title"]?.hasPrefix("Fattura 2025/") == true)
        #expect(info["Author"] == "Webinar Seats, Inc.")
    }
}
