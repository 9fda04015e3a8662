import Foundation
import LedgerprintTestSupport
import Testing

/// A German business's invoice is a Factur-X PDF: a PDF/A-3b carrying `factur-x.xml`, which says
/// what the page says; an Italian customer's stays an ordinary PDF.
@Suite("ledgerprint Factur-X PDF")
struct FacturXPDFTests {
    @Test func aGermanBusinessInvoiceCarriesItsFacturXAndIsPDFA() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let printed = try cli.run(["invoices", "print", "2025/0003", "-o", cli.path("klein.pdf")])
        #expect(printed.status == 0, "\(printed.error)")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: cli.path("klein.pdf")))
        #expect(try PDFAChecklist.problems(pdf) == [])
        let listed = try runTool("pdfdetach", ["-list"], on: pdf)
        #expect(String(decoding: listed.output, as: UTF8.self).contains("1: factur-x.xml"))

        let saved = try runTool("pdfdetach", ["-save", "1", "-o", cli.path("factur-x.xml")], on: pdf)
        #expect(saved.status == 0)
        let xml = try String(contentsOfFile: cli.path("factur-x.xml"), encoding: .utf8)
        #expect(xml.contains("<ram:ID>2025/0003</ram:ID>"))
        #expect(xml.contains("8 Plätze, monatlich"))
        let (passed, report) = try facturXCheck([URL(fileURLWithPath: cli.path("factur-x.xml"))])
        #expect(passed, "\(report)")
        let xmp = try #require(String(data: pdf, encoding: .isoLatin1))
        #expect(xmp.contains("<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>"))
        #expect(xmp.contains("/AFRelationship /Alternative"))

        let italian = try cli.run(["invoices", "print", "2025/0001", "-o", cli.path("rossi.pdf")])
        #expect(italian.status == 0, "\(italian.error)")
        let plain = try Data(contentsOf: URL(fileURLWithPath: cli.path("rossi.pdf")))
        #expect(String(decoding: try runTool("pdfdetach", ["-list"], on: plain).output, as: UTF8.self).hasPrefix("0 "))
    }

    @Test func aMonthEndRunPrintsTheGermanCorporateInvoiceWithItsFacturX() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        // The two corporate accounts renewing in January need a purchase order for 2027.
        for (account, number) in [("NORDWERK-DE", "NW-27-0001"), ("ALPINA-IT", "PO-A-2027/001")] {
            let order = try cli.run([
                "po", "add", account, "--number", number, "--amount", "50000.00", "--from", "2027-01-01",
                "--to", "2027-12-31", "--as", "rep:Marco", "--today", "2027-01-01",
            ])
            #expect(order.status == 0, "\(order.error)")
        }
        let run = try cli.run([
            "invoices", "run", "--period", "2027-01", "--kind", "corporate", "--out", cli.path("run"), "--today",
            "2027-01-01",
        ])
        #expect(run.status == 0, "\(run.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.path("run"))
        let german = try #require(files.first { $0.hasSuffix("_NORDWERK-DE.pdf") })
        let pdf = try Data(contentsOf: URL(fileURLWithPath: cli.path("run/\(german)")))
        #expect(
            String(decoding: try runTool("pdfdetach", ["-list"], on: pdf).output, as: UTF8.self).contains(
                "factur-x.xml"
            )
        )
        #expect(try PDFAChecklist.problems(pdf) == [])
    }
}
