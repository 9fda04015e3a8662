import Billing
import BillingCenter
import Foundation
import HTTPTypes
import Hummingbird
import LedgerprintTestSupport
import Testing

/// E-invoice XML on the invoices page: the FatturaPA file of every document, and the Factur-X XML
/// of those whose PDF carries one, as a download of its own with the very bytes the PDF carries.
@Suite(.serialized) struct FacturXWebTests {
    /// The `href`s in `html` that contain `part`.
    static func links(_ html: String, containing part: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { rest in
            let link = String(rest.prefix { $0 != "\"" })
            return link.contains(part) ? link : nil
        }
    }

    /// The file `name` attached inside `pdf`, as `pdfdetach` saves it.
    static func attachment(_ name: String, of pdf: Data) throws -> Data {
        let folder = try temporaryFolder("detach")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("document.pdf")
        try pdf.write(to: file)
        let saved = folder.appendingPathComponent("saved.xml")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfdetach")
        process.arguments = ["-savefile", name, "-o", saved.path, file.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try Data(contentsOf: saved)
    }

    @Test(arguments: StoreKind.allCases) func aGermanBusinessesInvoiceOffersItsFacturXTheSameBytesAsInsideItsPDF(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let page = String(buffer: try await marco.send(.get, "/accounts/NORDWERK-DE/invoices").body)
            let facturX = Self.links(page, containing: "/factur-x/")
            let invoices = Self.links(page, containing: "/documents/invoice-").filter { $0.hasSuffix(".pdf") }
            #expect(!invoices.isEmpty)
            // Every invoice offers both its FatturaPA file and its Factur-X XML.
            #expect(
                Self.links(page, containing: "/documents/invoice-").filter { $0.hasSuffix(".xml") }.count
                    == invoices.count
            )
            #expect(facturX.filter { $0.contains("/invoice-") }.count == invoices.count)
            let xmlLink = try #require(facturX.first)
            let xml = try await marco.send(.get, xmlLink)
            #expect(xml.status == .ok)
            #expect(xml.headers[.contentType] == "application/xml")
            let stem = String(xmlLink.split(separator: "/").last?.dropLast(4) ?? "")
            #expect(xml.headers[.contentDisposition] == "attachment; filename=\"\(stem)-NORDWERK-DE-factur-x.xml\"")
            let body = Data(buffer: xml.body)
            #expect(String(decoding: body, as: UTF8.self).contains("CrossIndustryInvoice"))
            let pdf = try await marco.send(.get, "/accounts/NORDWERK-DE/documents/\(stem).pdf")
            #expect(pdf.status == .ok)
            #expect(try Self.attachment("factur-x.xml", of: Data(buffer: pdf.body)) == body)
            // The FatturaPA file of the same invoice is another document.
            let fattura = try await marco.send(.get, "/accounts/NORDWERK-DE/documents/\(stem).xml")
            #expect(fattura.status == .ok)
            #expect(String(buffer: fattura.body).contains("FatturaElettronica"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aDocumentWhosePDFCarriesNoFacturXOffersNoneAndAnotherAccountsIsNotFound(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let rossi = try fixture.invoiceStem(of: "ROSSI-IT")
        let nordwerk = try fixture.invoiceStem(of: "NORDWERK-DE")
        try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            let page = String(buffer: try await anna.send(.get, "/accounts/ROSSI-IT/invoices").body)
            #expect(Self.links(page, containing: "/factur-x/").isEmpty)
            #expect(!Self.links(page, containing: "/documents/invoice-").filter { $0.hasSuffix(".xml") }.isEmpty)
            #expect(try await anna.send(.get, "/accounts/ROSSI-IT/factur-x/\(rossi).xml").status == .notFound)
            #expect(try await anna.send(.get, "/accounts/NORDWERK-DE/factur-x/\(nordwerk).xml").status == .notFound)
            // Another account's invoice under her own account's address.
            #expect(try await anna.send(.get, "/accounts/ROSSI-IT/factur-x/\(nordwerk).xml").status == .notFound)
            #expect(try await anna.send(.get, "/accounts/ROSSI-IT/factur-x/\(rossi).pdf").status == .notFound)
            var anonymous = Browser(client)
            #expect(
                try await anonymous.send(.get, "/accounts/NORDWERK-DE/factur-x/\(nordwerk).xml").status == .seeOther
            )
        }
    }
}
