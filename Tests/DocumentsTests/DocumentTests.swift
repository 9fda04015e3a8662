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

    func invoice(_ account: String, _ index: Int = 0) throws -> Invoice {
        try #require(try samples.store.invoices(accountID: account).dropFirst(index).first)
    }

    @Test(arguments: DocumentLanguage.codes)
    func theInvoiceTemplateOutputMatchesItsGolden(language: String) throws {
        defer { samples.remove() }
        let output = try renderer.xhtml(
            for: .invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .none),
            language: language
        )
        try assertGolden(output.text, named: "invoice-alpina-\(language)", in: "DocumentsTests")
    }

    /// The corporate statement with aging; the other kinds have goldens in both languages below.
    @Test func theCorporateStatementWithAgingHasAGolden() throws {
        defer { samples.remove() }
        let statement = try samples.store.statement(
            ofAccount: "NORDWERK-DE",
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: CalendarDate("2026-11-27"))
        )
        try assertGolden(
            try renderer.xhtml(for: .statement(statement, vendor: vendor, issuedOn: CalendarDate("2026-11-27"))).text,
            named: "statement-nordwerk-de",
            in: "DocumentsTests"
        )
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

    @Test func reverseChargeInvoicesPrintTheLegalWordingInTheirLanguage() throws {
        defer { samples.remove() }
        let document = try renderer.render(.invoice(invoice("NORDWERK-DE"), vendor: vendor, mark: .none), as: .pdf)
        let text = try poppler("pdftotext", on: document.data)
        #expect(text.contains("Steuerschuldnerschaft des Leistungsempfängers"))
        #expect(text.contains("USt-IdNr. DE277190344"))
        #expect(text.contains("24.000,00 €"))
        #expect(!text.contains("USt. 22%"))
        #expect(!text.contains("Inversione contabile"))
        let english = try renderer.render(
            .invoice(invoice("NORDWERK-DE"), vendor: vendor, mark: .none),
            as: .pdf,
            language: "en"
        )
        let englishText = try poppler("pdftotext", on: english.data)
        #expect(englishText.contains("Reverse charge: VAT to be accounted for by the customer"))
        #expect(!englishText.contains("Inversione contabile"))
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

@Suite("Documents from hand-made data")
struct HandMadeDocumentTests {
    func account(name: String, locale: String) throws -> Account {
        Account(
            id: "HOSTILE-1",
            name: name,
            kind: .selfService,
            billingContact: try Contact(name: "Ann O'Neil", email: "ann@hostile.example"),
            billingAddress: Address(
                lines: ["1 <b>Bold</b> Street"],
                postalCode: "00100",
                city: "Roma",
                region: "RM",
                country: "IT"
            ),
            locale: locale,
            currency: .eur,
            taxTreatment: .vat(rate: try TaxRate(percent: 22))
        )
    }

    func vendor() throws -> Vendor {
        Vendor(
            legalName: "Webinar Seats, Inc.",
            address: Address(
                lines: ["100 Example Way"],
                postalCode: "02110",
                city: "Boston",
                region: "MA",
                country: "US"
            ),
            taxIdentifiers: [try TaxIdentifier(.ein, "46-2817395")],
            email: "billing@webinarseats.example"
        )
    }

    func statement(rows: Int, locale: String) throws -> Statement {
        let account = try account(name: "Studio Lungo S.r.l.", locale: locale)
        var invoices: [Invoice] = []
        var payments: [Payment] = []
        let start = try CalendarDate("2025-01-01")
        for row in 0..<rows {
            let date = start.adding(days: row / 2)
            if row % 2 == 0 {
                let line = try InvoiceLine.charge(
                    "Rinnovo \(row)",
                    period: nil,
                    quantity: 1,
                    unitPrice: Money(minorUnits: Int64(1000 + row), currency: .eur),
                    taxRate: .zero
                )
                let draft = try Invoice.draft(
                    key: "K\(row)",
                    lines: [line],
                    account: account,
                    subscriptionID: nil,
                    reason: .renewal,
                    issueDate: date,
                    availableCredit: .zero(.eur),
                    invoicedOnPurchaseOrder: .zero(.eur)
                )
                invoices.append(
                    try draft.issued(as: DocumentNumber(series: .invoice, year: date.year, sequence: row + 1))
                )
            } else {
                payments.append(
                    try Payment(
                        id: "P\(row)",
                        accountID: account.id,
                        invoiceNumber: nil,
                        amount: Money(minorUnits: 500, currency: .eur),
                        receivedOn: date,
                        method: "Bonifico"
                    )
                )
            }
        }
        let period = try DatePeriod(start: start, end: start.adding(days: rows))
        return try Statement.build(
            account: account,
            period: period,
            from: LedgerInputs(invoices: invoices, creditNotes: [], payments: payments, credits: [])
        )
    }

    @Test func a400ActivityStatementRepeatsItsHeaderAndCarriesItsTotals() throws {
        let document = try makeRenderer().render(
            .statement(statement(rows: 400, locale: "it"), vendor: vendor(), issuedOn: CalendarDate("2025-12-31")),
            as: .pdf
        )
        #expect(document.pages >= 8)
        for page in 1...document.pages {
            let text = try poppler("pdftotext", ["-f", "\(page)", "-l", "\(page)"], on: document.data)
            #expect(text.contains("Riferimento"), "page \(page) has no header")
            if page > 1 { #expect(text.contains("Riporto"), "page \(page) brings nothing forward") }
            if page < document.pages { #expect(text.contains("A riportare"), "page \(page) carries nothing forward") }
            #expect(text.contains("Pagina \(page) di \(document.pages)"))
            // Every page after the first says what it belongs to: the title, the account, the period.
            if page > 1 {
                #expect(text.contains("Estratto conto HOSTILE-1"), "page \(page) has no running header")
                #expect(text.contains("01/01/2025 –"), "page \(page) does not name the period")
            }
        }
    }

    @Test func aHostileAccountNamePrintsLiterallyInHTMLAndPDF() throws {
        let hostile = "<script>alert(1)</script> & \"Co\" 'Ltd'"
        let account = try account(name: hostile, locale: "en")
        let line = try InvoiceLine.charge(
            "Seats",
            period: nil,
            quantity: 1,
            unitPrice: Money(minorUnits: 1000, currency: .eur),
            taxRate: .zero
        )
        let invoice = try Invoice.draft(
            key: "H",
            lines: [line],
            account: account,
            subscriptionID: nil,
            reason: .purchase,
            issueDate: CalendarDate("2026-11-27"),
            availableCredit: .zero(.eur),
            invoicedOnPurchaseOrder: .zero(.eur)
        ).issued(as: DocumentNumber(series: .invoice, year: 2026, sequence: 1))
        let renderer = try makeRenderer()
        let html = String(
            decoding: try renderer.render(.invoice(invoice, vendor: vendor(), mark: .none), as: .html).data,
            as: UTF8.self
        )
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Co\" 'Ltd'"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("1 &lt;b&gt;Bold&lt;/b&gt; Street"))
        let pdf = try renderer.render(.invoice(invoice, vendor: vendor(), mark: .none), as: .pdf)
        #expect(try poppler("pdftotext", on: pdf.data).contains(hostile))
    }

    @Test func anExemptItalianInvoiceAboveTheThresholdPrintsTheStampDuty() throws {
        var account = try account(name: "Associazione Esente", locale: "it")
        account.taxTreatment = .exempt(note: "Operazione esente ai sensi dell'art. 10 DPR 633/72")
        let line = try InvoiceLine.charge(
            "Corso",
            period: nil,
            quantity: 1,
            unitPrice: Money(minorUnits: 10_000, currency: .eur),
            taxRate: .zero
        )
        let invoice = try Invoice.draft(
            key: "B",
            lines: [line],
            account: account,
            subscriptionID: nil,
            reason: .purchase,
            issueDate: CalendarDate("2026-11-27"),
            availableCredit: .zero(.eur),
            invoicedOnPurchaseOrder: .zero(.eur)
        ).issued(as: DocumentNumber(series: .invoice, year: 2026, sequence: 9))
        let pdf = try makeRenderer().render(.invoice(invoice, vendor: vendor(), mark: .none), as: .pdf)
        let text = try poppler("pdftotext", on: pdf.data)
        #expect(text.contains("Imposta di bollo"))
        #expect(text.contains("€ 2,00"))
        #expect(text.contains("€ 102,00"))
        #expect(text.contains("Operazione esente ai sensi dell'art. 10 DPR 633/72"))
        #expect(text.contains("assolta in modo virtuale"))
    }

    @Test func aTemplateWithASyntaxErrorOrAnUnknownElementFailsWithItsPlace() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let invoice = folder.appendingPathComponent("invoice.html")
        let original = try String(contentsOf: invoice, encoding: .utf8)
        try original.replacingOccurrences(of: "{{/lines}}", with: "{{/line}}").write(
            to: invoice,
            atomically: true,
            encoding: .utf8
        )
        do {
            try TemplateSet(folder: folder).check()
            Issue.record("a broken template loaded")
        } catch {
            #expect(error.description.hasPrefix("\(invoice.path):"))
            #expect(
                error.description.hasSuffix(
                    "invoice.html:22:3: Mustache: {{/line}} closes 'line' but the open section is 'lines'"
                )
            )
        }
        try original.replacingOccurrences(
            of: "<table class=\"totals\">",
            with: "<marquee>x</marquee><table class=\"totals\">"
        )
        .write(to: invoice, atomically: true, encoding: .utf8)
        let samples = try SampleStore()
        defer { samples.remove() }
        let renderer = try DocumentRenderer(templateFolder: folder, fonts: projectFonts())
        let first = try #require(try samples.store.invoices().first)
        let vendor = try samples.vendor()
        for format in DocumentFormat.allCases {
            do {
                _ = try renderer.render(.invoice(first, vendor: vendor, mark: .none), as: format)
                Issue.record("an unknown element rendered as \(format)")
            } catch {
                #expect(error.description.contains("invoice.html:"))
                #expect(error.description.contains("unknown element <marquee>"))
            }
        }
        // HTML is not styled by Ledgerprint, but a broken style attribute is still an error.
        try original.replacingOccurrences(
            of: "<table class=\"totals\">",
            with: "<table class=\"totals\" style=\"colour: red\">"
        )
        .write(to: invoice, atomically: true, encoding: .utf8)
        let restyled = try DocumentRenderer(templateFolder: folder, fonts: projectFonts())
        for format in DocumentFormat.allCases {
            #expect(throws: DocumentError.self, "a bad style attribute printed as \(format)") {
                try restyled.render(.invoice(first, vendor: vendor, mark: .none), as: format)
            }
        }
    }

    @Test(arguments: DocumentLanguage.codes)
    func everyDocumentKindHasAGoldenInEveryLanguage(language: String) throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let renderer = try makeRenderer()
        let vendor = try samples.vendor()
        let note = try #require(try samples.store.creditNotes().first)
        try assertGolden(
            try renderer.xhtml(for: .creditNote(note, vendor: vendor), language: language).text,
            named: "credit-note-\(language)",
            in: "DocumentsTests"
        )
        let statement = try samples.store.statement(ofAccount: "ROSSI-IT", for: DatePeriod.month(year: 2025, month: 2))
        try assertGolden(
            try renderer.xhtml(
                for: .statement(statement, vendor: vendor, issuedOn: CalendarDate("2025-02-28")),
                language: language
            ).text,
            named: "statement-rossi-\(language)",
            in: "DocumentsTests"
        )
        let request = try samples.store.w9Request("W9-2025-0007")
        let packet = PrintableDocument.w9Packet(
            request,
            vendor: vendor,
            account: try samples.store.account("GLOBEX-US"),
            issuedOn: try CalendarDate("2025-11-04")
        )
        try assertGolden(
            try renderer.xhtml(for: packet, language: language).text,
            named: "w9-packet-\(language)",
            in: "DocumentsTests"
        )
        let quote = try #require(try samples.store.quotes(ofAccount: "GLOBEX-US").first)
        let document = try BillingRules(catalog: try samples.store.catalog()).document(
            for: quote,
            subscription: try samples.store.subscription(quote.subscriptionID),
            account: try samples.store.account("GLOBEX-US")
        )
        try assertGolden(
            try renderer.xhtml(for: .quote(document, vendor: vendor), language: language).text,
            named: "quote-globex-\(language)",
            in: "DocumentsTests"
        )
    }
}
