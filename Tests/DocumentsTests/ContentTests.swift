import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@Suite("What a document says, and on what paper")
struct ContentTests {
    let samples: SampleStore
    let renderer: DocumentRenderer
    let vendor: Vendor

    init() throws {
        samples = try SampleStore()
        renderer = try makeRenderer()
        vendor = try samples.vendor()
    }

    private func text(_ document: PrintableDocument, _ language: String? = nil) throws -> String {
        try poppler("pdftotext", on: renderer.render(document, as: .pdf, language: language).data)
    }

    @Test func aVoidInvoiceSaysSoNamesItsCreditNoteAndAsksForNoPayment() throws {
        defer { samples.remove() }
        let note = try #require(try samples.store.creditNotes().first)
        let invoice = try samples.store.invoice(note.invoiceNumber)
        let number = try #require(note.number)
        let italian = try text(.invoice(invoice, vendor: vendor, mark: .void, voidedBy: number), "it")
        #expect(italian.contains("nota di credito \(number)"))
        #expect(!italian.contains("all'emissione"), "a void invoice does not say how it was paid")
        #expect(!italian.contains("Si prega di pagare"))
        let english = try text(.invoice(invoice, vendor: vendor, mark: .void, voidedBy: number), "en")
        #expect(english.contains("credit note \(number)"))
        #expect(!english.contains("Please pay") && !english.contains("on issue"))
    }

    @Test func aPaidInvoiceDoesNotAskToBePaid() throws {
        defer { samples.remove() }
        let invoice = try #require(try samples.store.invoices(accountID: "ALPINA-IT").first)
        #expect(invoice.paymentMethod == .invoice)
        let unpaid = try text(.invoice(invoice, vendor: vendor, mark: .none), "en")
        #expect(unpaid.contains("Please pay"), "the unpaid copy asks, so the paid one is a fair comparison")
        let paid = try text(.invoice(invoice, vendor: vendor, mark: .paid), "en")
        #expect(!paid.contains("Please pay"))
        #expect(paid.contains("Paid in full"))
    }

    @Test func aCreditNoteDrawsNoEmptyPaymentBox() throws {
        defer { samples.remove() }
        let note = try #require(try samples.store.creditNotes().first)
        for language in DocumentLanguage.codes {
            let xhtml = try renderer.xhtml(for: .creditNote(note, vendor: vendor), language: language).text
            #expect(!xhtml.contains("class=\"box\""), "\(language)")
        }
    }

    @Test func proratedLinesShowTheFractionThatMakesThemAddUp() throws {
        defer { samples.remove() }
        let invoices = try samples.store.accounts().flatMap { try samples.store.invoices(accountID: $0.id) }
        let prorated = try #require(invoices.first { $0.lines.contains { $0.fraction != .one } })
        let line = try #require(prorated.lines.first { $0.fraction != .one })
        let format = Formatting(language: prorated.customer.locale)
        let expected =
            "\(line.quantity) × \(format.money(line.unitPrice)) × \(line.fraction.numerator)/\(line.fraction.denominator)"
        #expect(try text(.invoice(prorated, vendor: vendor, mark: .none)).contains(expected))
    }

    @Test func customersInTheUnitedStatesGetLetterEveryoneElseA4() throws {
        defer { samples.remove() }
        let cases = [
            ("BLUEFIN-US", "612 x 792", "Page 1 of"), ("GLOBEX-US", "612 x 792", "Page 1 of"),
            ("ROSSI-IT", "595.276 x 841.89", "Pagina 1 di"),
        ]
        for (account, size, footer) in cases {
            let invoice = try #require(try samples.store.invoices(accountID: account).first)
            let statement = try samples.store.statement(ofAccount: account, for: DatePeriod.year(2025))
            for document in [
                PrintableDocument.invoice(invoice, vendor: vendor, mark: .none),
                .statement(statement, vendor: vendor, issuedOn: try CalendarDate("2025-12-31")),
            ] {
                let pdf = try renderer.render(document, as: .pdf)
                #expect(try poppler("pdfinfo", on: pdf.data).contains("Page size:       \(size)"), "\(account)")
                // Laid out on its paper: the totals are on the page, the page number in its margin.
                let text = try poppler("pdftotext", on: pdf.data)
                #expect(text.contains("Total") || text.contains("Saldo"), "\(account)")
                #expect(text.contains("\(footer) \(pdf.pages)"), "\(account)")
            }
        }
    }

    @Test(arguments: [
        ("ROSSI-IT", PaperSize.letter, "612 x 792"), ("GLOBEX-US", PaperSize.a4, "595.276 x 841.89"),
        ("GLOBEX-US", PaperSize.byCountry, "612 x 792"),
    ])
    func anAccountsOwnPaperWinsOverItsCountrys(account: String, paper: PaperSize, size: String) throws {
        defer { samples.remove() }
        var invoice = try #require(try samples.store.invoices(accountID: account).first)
        invoice.customer.paper = paper
        var statement = try samples.store.statement(ofAccount: account, for: DatePeriod.year(2025))
        statement.customer.paper = paper
        for document in [
            PrintableDocument.invoice(invoice, vendor: vendor, mark: .none),
            .statement(statement, vendor: vendor, issuedOn: try CalendarDate("2025-12-31")),
        ] {
            let pdf = try renderer.render(document, as: .pdf)
            #expect(try poppler("pdfinfo", on: pdf.data).contains("Page size:       \(size)"), "\(account) \(paper)")
        }
    }

    @Test func aLongCustomerNameDoesNotBreakTheAccountIdentifier() throws {
        defer { samples.remove() }
        var invoice = try #require(try samples.store.invoices(accountID: "ALPINA-IT").first)
        invoice.customer.name = "Associazione Culturale per la Formazione Continua degli Insegnanti della Provincia"
        let lines = try text(.invoice(invoice, vendor: vendor, mark: .none)).split(separator: "\n")
        #expect(lines.contains { $0.contains("ALPINA-IT") })
        #expect(!lines.contains { $0.hasSuffix("ALPINA-") || $0.hasSuffix("ALPIN") })
    }

    @Test func theHTMLLooksLikeAPageOnScreenAndHidesTheRunningHeader() throws {
        defer { samples.remove() }
        let invoice = try #require(try samples.store.invoices(accountID: "BLUEFIN-US").first)
        let html = String(
            decoding: try renderer.render(.invoice(invoice, vendor: vendor, mark: .none), as: .html).data,
            as: UTF8.self
        )
        #expect(html.contains("@media screen"))
        // Letter is 612 pt wide; the style's margins are 18 mm (51.02 pt) each side.
        #expect(html.contains("width: 509.95pt"))
        #expect(html.contains("[data-running] { display: none; }"))
        #expect(html.contains("size: letter"))
    }
}
