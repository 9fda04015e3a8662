import Billing
import Documents
import Foundation
import LedgerprintTestSupport
import Testing

/// What Cairo cannot write and Ledgerprint adds after it: the language a screen reader speaks,
/// the title in the reader's title bar, what the logo shows, which cells head which cells.
extension DocumentTests {
    @Test func anInvoiceTellsAReaderItsLanguageTitleLogoAndColumnHeaders() throws {
        defer { samples.remove() }
        let document = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .none), as: .pdf)
        let info = try pdfinfo(document.data)
        #expect(info["Title"] == document.title)
        #expect(info["Tagged"] == "yes")
        #expect(info["CreationDate"] == "Wed Jan  1 00:00:00 2025 UTC")
        let pdf = try QPDFJSON(document.data)
        #expect(QPDFJSON.text(pdf.catalog["/Lang"]) == "it")
        #expect(pdf.resolve(pdf.catalog["/ViewerPreferences"])?["/DisplayDocTitle"] as? Bool == true)
        #expect(pdf.resolve(pdf.catalog["/MarkInfo"])?["/Marked"] as? Bool == true)
        // The logo is read as the vendor's name.
        #expect(pdf.structureElements("Figure").map { QPDFJSON.text($0["/Alt"]) } == [vendor.legalName])
        // The lines table's four header cells head their columns.
        let scopes = pdf.structureElements("TH").map { pdf.resolve($0["/A"])?["/Scope"] as? String }
        #expect(scopes.count >= 4)
        #expect(scopes.allSatisfy { $0 == "/Column" })
        // A link says where it goes.
        let links = pdf.objects.values.filter { $0["/Subtype"] as? String == "/Link" }
        #expect(links.contains { QPDFJSON.text($0["/Contents"]) == "mailto:\(vendor.email)" })
    }

    @Test(arguments: [("KLEIN-DE", "de"), ("BLUEFIN-US", "en")])
    func aStatementIsMarkedInItsAccountsLanguage(account: String, language: String) throws {
        defer { samples.remove() }
        let statement = try samples.store.statement(
            ofAccount: account,
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: CalendarDate("2026-11-27"))
        )
        let document = try renderer.render(
            .statement(statement, vendor: vendor, issuedOn: CalendarDate("2026-11-27")),
            as: .pdf
        )
        #expect(QPDFJSON.text(try QPDFJSON(document.data).catalog["/Lang"]) == language)
        let english = try renderer.render(
            .statement(statement, vendor: vendor, issuedOn: CalendarDate("2026-11-27")),
            as: .pdf,
            language: "it"
        )
        #expect(QPDFJSON.text(try QPDFJSON(english.data).catalog["/Lang"]) == "it")
    }

    @Test func theSameDocumentGivesTheSameBytesAfterItIsFinished() throws {
        defer { samples.remove() }
        let first = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .paid), as: .pdf)
        let second = try makeRenderer().render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .paid), as: .pdf)
        #expect(first.data == second.data)
        #expect(QPDFJSON.text((try QPDFJSON(first.data).trailer["/ID"] as? [Any])?.first) != nil)
    }
}
