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

/// The HTML output of every kind of document, read by a screen reader.
extension DocumentTests {
    /// The heading levels of `html` in order.
    static func headingLevels(_ html: String) -> [Int] {
        html.split(separator: "<h").compactMap { part in part.first?.wholeNumberValue }
    }

    @Test func everyHTMLDocumentHasItsLanguageAltTextHeaderScopeAndHeadingsInOrder() throws {
        defer { samples.remove() }
        let statement = try samples.store.statement(
            ofAccount: "NORDWERK-DE",
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: CalendarDate("2026-11-27"))
        )
        // Each document, its language and whether it has tables with header cells (the W-9 has none).
        let documents: [(PrintableDocument, String, Bool)] = [
            (.invoice(try invoice("ALPINA-IT"), vendor: vendor, mark: .none), "it", true),
            (.statement(statement, vendor: vendor, issuedOn: try CalendarDate("2026-11-27")), "de", true),
            (
                .w9Packet(
                    try samples.store.w9Request("W9-2025-0007"),
                    vendor: vendor,
                    account: try samples.store.account("GLOBEX-US"),
                    issuedOn: try CalendarDate("2025-11-04")
                ), "en", false
            ),
        ]
        for (document, language, hasHeaderCells) in documents {
            let html = String(decoding: try renderer.render(document, as: .html).data, as: UTF8.self)
            #expect(html.contains("<html lang=\"\(language)\">"))
            // Every picture says what it shows: the logo is the vendor's name.
            let images = html.components(separatedBy: "<img ").dropFirst()
            #expect(!images.isEmpty)
            #expect(images.allSatisfy { $0.hasPrefix("alt=\"\(vendor.legalName)\"") })
            // Every header cell says what it heads; the column titles head columns.
            let headerCells = html.components(separatedBy: "<th").dropFirst().filter { !$0.hasPrefix("ead") }
            #expect(headerCells.isEmpty == !hasHeaderCells)
            #expect(headerCells.allSatisfy { $0.contains("scope=\"col\"") || $0.contains("scope=\"row\"") })
            // One h1 first, and no level skipped going down.
            let levels = Self.headingLevels(html)
            #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1, "\(language): \(levels)")
            #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 + 1 }, "\(language): \(levels)")
        }
    }
}

/// The HTML's landmarks, table titles and watermark.
extension DocumentTests {
    @Test func theHTMLHasLandmarksTableTitlesAndThePaidWatermark() throws {
        defer { samples.remove() }
        let paid = String(
            decoding: try renderer.render(.invoice(try invoice("ALPINA-IT"), vendor: vendor, mark: .paid), as: .html)
                .data,
            as: UTF8.self
        )
        // A header (the letterhead and title) and a main part, once each and in that order.
        for html in [paid] {
            let header = try #require(html.range(of: "<header>"))
            let main = try #require(html.range(of: "<main>"))
            #expect(header.upperBound < main.lowerBound)
            #expect(html.components(separatedBy: "<main>").count == 2)
            #expect(html[header.upperBound..<main.lowerBound].contains("<h1"))
        }
        // The watermark shows across the page, as in the PDF, and is not read twice (the stamp says it).
        #expect(paid.contains("<body><div class=\"lp-watermark\" aria-hidden=\"true\">PAGATA</div>"))
        #expect(paid.contains("<p class=\"stamp\">PAGATA</p>"))
        let plain = String(
            decoding: try renderer.render(.invoice(try invoice("ALPINA-IT"), vendor: vendor, mark: .none), as: .html)
                .data,
            as: UTF8.self
        )
        #expect(!plain.contains("class=\"lp-watermark\""))
        // The statement's tables say their titles: the activity's caption, the aging's heading.
        let statement = try samples.store.statement(
            ofAccount: "NORDWERK-DE",
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: CalendarDate("2026-11-27"))
        )
        let html = String(
            decoding: try renderer.render(
                .statement(statement, vendor: vendor, issuedOn: try CalendarDate("2026-11-27")),
                as: .html
            ).data,
            as: UTF8.self
        )
        #expect(html.contains("<caption class=\"lp-caption\">Kontobewegungen</caption>"))
        let heading = try #require(
            html.range(of: #"<h2 id="[^"]+">Offene Rechnungen nach Alter"#, options: .regularExpression)
        )
        let id = try #require(html[heading].split(separator: "\"").dropFirst().first)
        #expect(html.contains("aria-labelledby=\"\(id)\""))
    }
}
