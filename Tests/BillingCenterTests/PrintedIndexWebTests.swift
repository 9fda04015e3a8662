import Billing
import BillingCenter
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// The web's downloads are entered in the store's index of printed documents as the CLI's prints are:
/// the same kind, reference, account, format, template fingerprint, and the SHA-256 of the bytes.
@Suite(.serialized) struct PrintedIndexWebTests {
    /// The index's entry that is not `path`-specific: what the web and the CLI must agree on.
    static func essentials(_ entry: PrintedDocument) -> [String] {
        [
            entry.kind, entry.reference, entry.accountID ?? "-", entry.format, entry.sha256, String(entry.size),
            entry.templateVersion,
        ]
    }

    @Test(arguments: StoreKind.allCases) func aDownloadedInvoiceIsInTheIndexWithTheHashTheCLIRecords(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let number = try #require(try fixture.store.invoices(accountID: "ROSSI-IT").last?.number)
        let stem = try fixture.invoiceStem(of: "ROSSI-IT")
        #expect(try fixture.store.printedDocuments().isEmpty)
        let pdf = try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            let answer = try await anna.send(.get, "/accounts/ROSSI-IT/documents/\(stem).pdf")
            #expect(answer.status == .ok)
            return Data(buffer: answer.body)
        }
        let web = try #require(try fixture.store.printedDocuments().last)
        #expect(try fixture.store.printedDocuments().count == 1)
        #expect(web.kind == "invoice" && web.reference == number.description && web.accountID == "ROSSI-IT")
        #expect(web.format == "pdf" && web.size == pdf.count)
        #expect(web.sha256 == Documents.SHA256.hex(pdf))
        #expect(web.path == "web:\(stem)-ROSSI-IT.pdf")
        #expect(web.printedAt == "2026-11-30T00:53:20Z")  // the fixture's clock, in UTC

        let file = fixture.folder.appendingPathComponent("cli-invoice.pdf")
        let cli = try CLIRun.run(["invoices", "print", number.description, "-o", file.path], fixture: fixture)
        #expect(cli.status == 0, "\(cli.stderr)")
        let printed = try #require(try fixture.store.printedDocuments().last)
        #expect(printed.path == file.path)
        #expect(Self.essentials(printed) == Self.essentials(web))
        #expect(try Data(contentsOf: file) == pdf)

        // The FatturaPA XML (the vendor is Italian) as `invoices print --format xml` enters it.
        let xml = try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            return Data(buffer: try await anna.send(.get, "/accounts/ROSSI-IT/documents/\(stem).xml").body)
        }
        let webXML = try #require(try fixture.store.printedDocuments().last)
        #expect(webXML.format == "xml" && webXML.sha256 == Documents.SHA256.hex(xml) && webXML.path.hasPrefix("web:"))
        let xmlFile = fixture.folder.appendingPathComponent("cli-invoice.xml")
        let cliXML = try CLIRun.run(
            ["invoices", "print", number.description, "--format", "xml", "-o", xmlFile.path],
            fixture: fixture
        )
        #expect(cliXML.status == 0, "\(cliXML.stderr)")
        let printedXML = try #require(try fixture.store.printedDocuments().last)
        #expect(Self.essentials(printedXML) == Self.essentials(webXML))
    }

    @Test(arguments: StoreKind.allCases) func statementsAndPacketsAreEnteredUnderTheCLIsReferences(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let (statement, html) = try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            let pdf = try await anna.send(
                .get,
                "/accounts/ROSSI-IT/statement?from=2025-01-01&to=2026-11-27&format=pdf"
            )
            let html = try await anna.send(.get, "/accounts/ROSSI-IT/statements/renewal-1.html")
            #expect(pdf.status == .ok && html.status == .ok)
            return (Data(buffer: pdf.body), Data(buffer: html.body))
        }
        let entries = try fixture.store.printedDocuments(kind: "statement")
        #expect(entries.count == 2)
        let web = try #require(entries.first)
        #expect(web.reference == "ROSSI-IT 2025-01-01–2026-11-27" && web.sha256 == Documents.SHA256.hex(statement))
        #expect(entries.last?.format == "html" && entries.last?.sha256 == Documents.SHA256.hex(html))

        let file = fixture.folder.appendingPathComponent("cli-statement.pdf")
        let cli = try CLIRun.run(
            ["statement", "ROSSI-IT", "--from", "2025-01-01", "--to", "2026-11-27", "-o", file.path],
            fixture: fixture
        )
        #expect(cli.status == 0, "\(cli.stderr)")
        let printed = try #require(try fixture.store.printedDocuments(kind: "statement").last)
        #expect(Self.essentials(printed) == Self.essentials(web))
    }
}
