import Billing
import Documents
import Foundation
import LedgerprintTestSupport
import Testing

/// The PDF outline a reader shows beside the pages, and the links a reader can click.
extension DocumentTests {
    @Test func anInvoiceIsBookmarkedByItsTitleAndLinksTheVendorsEMailAndSite() throws {
        defer { samples.remove() }
        let document = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .none), as: .pdf)
        let pdf = try QPDFJSON(document.data)
        let title = try #require(try pdfinfo(document.data)["Title"])
        #expect(pdf.outline.map(\.title) == [title])
        #expect(pdf.outline.first?.page == 1)
        #expect(pdf.linkTargets.contains("mailto:\(vendor.email)"))
        let site = try #require(vendor.website)
        #expect(pdf.linkTargets.contains("https://\(site)"))
        // The same links in the HTML a browser shows.
        let html = try renderer.render(.invoice(invoice("ALPINA-IT"), vendor: vendor, mark: .none), as: .html)
        let text = String(decoding: html.data, as: UTF8.self)
        #expect(text.contains("<a href=\"mailto:\(vendor.email)\">\(vendor.email)</a>"))
        #expect(text.contains("<a href=\"https://\(site)\">\(site)</a>"))
    }

    @Test func aStatementIsBookmarkedByItsTitleActivityAndAging() throws {
        defer { samples.remove() }
        let statement = try samples.store.statement(
            ofAccount: "NORDWERK-DE",
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: CalendarDate("2026-11-27"))
        )
        let document = try renderer.render(
            .statement(statement, vendor: vendor, issuedOn: CalendarDate("2026-11-27")),
            as: .pdf
        )
        let outline = try QPDFJSON(document.data).outline
        let title = try #require(try pdfinfo(document.data)["Title"])
        #expect(outline.map(\.title) == [title])
        #expect(outline.first?.kids.map(\.title) == ["Kontobewegungen", "Offene Rechnungen nach Alter"])
    }

    @Test func theW9PacketIsBookmarkedByItsLetterFormAndSummary() throws {
        defer { samples.remove() }
        let packet = PrintableDocument.w9Packet(
            try samples.store.w9Request("W9-2025-0007"),
            vendor: vendor,
            account: try samples.store.account("GLOBEX-US"),
            issuedOn: try CalendarDate("2025-11-04")
        )
        let document = try renderer.render(packet, as: .pdf)
        let outline = try QPDFJSON(document.data).outline
        #expect(outline.count == 1)
        let sections = outline.first?.kids ?? []
        let form = "Form W-9 (Rev. March 2024) — Request for Taxpayer Identification Number and Certification"
        #expect(sections.map(\.title) == ["Cover letter", form, "Request summary"])
        #expect(sections.map(\.page) == [1, 2, 2])
        #expect(try QPDFJSON(document.data).linkTargets.contains { $0.hasPrefix("mailto:") })
    }
}
