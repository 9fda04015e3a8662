import Foundation
import LedgerprintTestSupport
import Testing

/// An account asks for Factur-X (`--e-invoice factur-x`), opts out (`none`) or leaves it to its
/// country (`auto`): invoices issued from then on follow it, in the run and when printed again.
@Suite("ledgerprint e-invoice choice")
struct EInvoiceChoiceTests {
    /// Whether `pdf` carries a Factur-X XML.
    private func carriesFacturX(_ pdf: Data) throws -> Bool {
        String(decoding: try runTool("pdfdetach", ["-list"], on: pdf).output, as: UTF8.self).contains("factur-x.xml")
    }

    @Test func anItalianAccountAsksForFacturXAndAGermanOneOptsOut() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let asked = try cli.run([
            "accounts", "update", "ALPINA-IT", "--e-invoice", "factur-x", "--as", "rep:Marco", "--today", "2026-12-01",
        ])
        #expect(asked.status == 0, "\(asked.error)")
        let optedOut = try cli.run([
            "accounts", "update", "NORDWERK-DE", "--e-invoice", "none", "--as", "rep:Marco", "--today", "2026-12-01",
        ])
        #expect(optedOut.status == 0, "\(optedOut.error)")
        // Recorded with who asked.
        let log = try cli.run(["export"]).output
        #expect(log.contains("\"eInvoiceForm\" : \"factur-x\"") || log.contains("\"eInvoiceForm\":\"factur-x\""))
        #expect(log.contains("\"eInvoiceForm\" : \"none\"") || log.contains("\"eInvoiceForm\":\"none\""))
        #expect(try cli.run(["accounts", "show", "ALPINA-IT"]).output.contains("factur-x: yes (asked for)"))
        #expect(try cli.run(["accounts", "show", "NORDWERK-DE"]).output.contains("factur-x: no (opted out)"))
        // A wrong value names the right ones and changes nothing.
        let wrong = try cli.run(["accounts", "update", "ALPINA-IT", "--e-invoice", "zugferd", "--as", "rep:Marco"])
        #expect(wrong.status != 0)
        #expect(wrong.error.contains("auto") && wrong.error.contains("factur-x") && wrong.error.contains("none"))

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
        let italian = try #require(files.first { $0.hasSuffix("_ALPINA-IT.pdf") })
        let german = try #require(files.first { $0.hasSuffix("_NORDWERK-DE.pdf") })
        let italianPDF = try Data(contentsOf: URL(fileURLWithPath: cli.path("run/\(italian)")))
        #expect(try carriesFacturX(italianPDF))
        #expect(try PDFAChecklist.problems(italianPDF) == [])
        #expect(!(try carriesFacturX(Data(contentsOf: URL(fileURLWithPath: cli.path("run/\(german)"))))))

        // Going back to auto: the German business gets it by default again; the invoices issued
        // meanwhile keep what they were issued with, printed again or archived.
        let auto = try cli.run(["accounts", "update", "NORDWERK-DE", "--e-invoice", "auto", "--as", "rep:Marco"])
        #expect(auto.status == 0, "\(auto.error)")
        #expect(try cli.run(["accounts", "show", "NORDWERK-DE"]).output.contains("factur-x: yes (auto)"))
        let archive = try cli.run(["archive", "--year", "2027", "--out", cli.path("archive"), "--today", "2027-01-02"])
        #expect(archive.status == 0, "\(archive.error)")
        let archived = try FileManager.default.contentsOfDirectory(atPath: cli.path("archive"))
        for (account, expected) in [("ALPINA-IT", true), ("NORDWERK-DE", false)] {
            let name = try #require(archived.first { $0.hasPrefix("invoice_") && $0.hasSuffix("_\(account).pdf") })
            let pdf = try Data(contentsOf: URL(fileURLWithPath: cli.path("archive/\(name)")))
            #expect(try carriesFacturX(pdf) == expected, "\(account)")
        }
    }
}
