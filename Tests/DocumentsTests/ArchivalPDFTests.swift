import Billing
import Documents
import Foundation
import LedgerprintTestSupport
import Testing

/// PDF/A-3b documents, as `archive` and `--pdfa` write them.
extension DocumentTests {
    @Test func oneDocumentOfEveryKindIsPDFA3bAndLooksTheSame() throws {
        defer { samples.remove() }
        let statement = try samples.store.statement(
            ofAccount: "NORDWERK-DE",
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: CalendarDate("2026-11-27"))
        )
        let note = try #require(try samples.store.creditNotes().first)
        let documents: [PrintableDocument] = [
            .invoice(try invoice("ALPINA-IT"), vendor: vendor, mark: .paid),
            .creditNote(note, vendor: vendor),
            .statement(statement, vendor: vendor, issuedOn: try CalendarDate("2026-11-27")),
            .w9Packet(
                try samples.store.w9Request("W9-2025-0007"),
                vendor: vendor,
                account: try samples.store.account("GLOBEX-US"),
                issuedOn: try CalendarDate("2025-11-04")
            ),
        ]
        let archival = try makeRenderer()
        archival.pdfConformance = .pdfA3b
        for document in documents {
            let pdf = try archival.render(document, as: .pdf)
            #expect(try PDFAChecklist.problems(pdf.data) == [], "\(document.kind)")
            #expect(try pdfinfo(pdf.data)["Tagged"] == "yes")
            #expect(pdf.data == (try archival.render(document, as: .pdf).data), "\(document.kind) is reproducible")
            let plain = try renderer.render(document, as: .pdf)
            for page in 1...pdf.pages {
                #expect(
                    try pagePicture(pdf.data, page: page) == (try pagePicture(plain.data, page: page)),
                    "\(document.kind) page \(page)"
                )
            }
        }
    }
}
