import Foundation
import LedgerprintTestSupport
import Testing

/// `invoices print --format factur-x`: the EN 16931 XML a German or French business reads.
@Suite("ledgerprint Factur-X")
struct FacturXCLITests {
    @Test func printWritesTheFacturXOfAnInvoiceAndRefusesAnUnknownOne() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let printed = try cli.run(["invoices", "print", "2025/0003", "--format", "factur-x", "-o", cli.path("fx.xml")])
        #expect(printed.status == 0, "\(printed.error)")
        #expect(printed.output.contains("Factur-X of 2025/0003"))
        let xml = try String(contentsOfFile: cli.path("fx.xml"), encoding: .utf8)
        #expect(xml.contains("<ram:ID>urn:cen.eu:en16931:2017</ram:ID>"))
        #expect(xml.contains("<ram:CategoryCode>AE</ram:CategoryCode>"))
        // KLEIN-DE reads German: the line says what its PDF says.
        #expect(xml.contains("8 Plätze, monatlich"))

        let missing = try cli.run(["invoices", "print", "2031/0001", "--format", "factur-x", "-o", cli.path("no.xml")])
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: cli.path("no.xml")))
    }
}
