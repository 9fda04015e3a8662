import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// `accounts update` with the e-invoice details, and `invoices print --format xml`, as a user runs them.
@Suite("ledgerprint e-invoices")
struct EInvoiceCLITests {
    @Test func printWritesTheFatturaPAFileOfAnInvoiceAndOfACreditNote() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let invoice = try cli.run(["invoices", "print", "2025/0006", "--format", "xml", "-o", cli.path("n6.xml")])
        #expect(invoice.status == 0, "\(invoice.error)")
        #expect(invoice.output.contains("FatturaPA of 2025/0006"))
        let xml = try String(contentsOfFile: cli.path("n6.xml"), encoding: .utf8)
        #expect(xml.contains("<Numero>2025/0006</Numero>"))
        #expect(xml.contains("<Natura>N2.1</Natura>"))
        #expect(xml.contains("<IdDocumento>NW-25-0042</IdDocumento>"))
        #expect(xml.contains("<CodiceDestinatario>XXXXXXX</CodiceDestinatario>"))
        // The em dash of the printed line wording is not Latin-1: written as '-', without a warning
        // (a run would otherwise warn on every invoice and hide the warnings that matter).
        #expect(xml.contains(" - "))
        #expect(!invoice.error.contains("warning"), "\(invoice.error)")

        let note = try cli.run(["invoices", "print", "NC-2025/0001", "--format", "xml", "-o", cli.path("nc.xml")])
        #expect(note.status == 0, "\(note.error)")
        let noteXML = try String(contentsOfFile: cli.path("nc.xml"), encoding: .utf8)
        #expect(noteXML.contains("<TipoDocumento>TD04</TipoDocumento>"))
        #expect(noteXML.contains("<DatiFattureCollegate>"))
    }

    /// The XML says what its courtesy copy prints, in the customer's language: an Italian
    /// customer's lines in Italian, a German customer's lines and reverse-charge note in German.
    @Test(arguments: [("2025/0001", "10 postazioni, mensile"), ("2025/0003", "8 Plätze, monatlich")])
    func theXMLWordsItsLinesAsThePrintedDocumentDoes(number: String, words: String) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let xml = try cli.run(["invoices", "print", number, "--format", "xml", "-o", cli.path("e.xml")])
        #expect(xml.status == 0, "\(xml.error)")
        let html = try cli.run(["invoices", "print", number, "--format", "html", "-o", cli.path("e.html")])
        #expect(html.status == 0, "\(html.error)")
        let file = try String(contentsOfFile: cli.path("e.xml"), encoding: .utf8)
        let page = try String(contentsOfFile: cli.path("e.html"), encoding: .utf8)
        let texts = Self.elements("Descrizione", in: file) + Self.elements("Causale", in: file)
        #expect(texts.contains { $0.hasSuffix(words) })
        for text in texts {
            // The XML is Latin-1: the printed em dash is a hyphen there.
            let printed = text.replacingOccurrences(of: " - ", with: " — ")
            #expect(page.contains(printed), "the courtesy copy does not print '\(printed)'")
        }
        #expect(!file.contains("seats"), "an English word in the XML of a non-English customer")
    }

    private static func elements(_ name: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(name)>").dropFirst().compactMap {
            $0.components(separatedBy: "</\(name)>").first
        }
    }

    @Test func withoutAnOutputTheFileIsNamedAfterTheVendorAndAProgressive() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(["invoices", "print", "2026/0001", "--format", "xml"])
        #expect(result.status == 0, "\(result.error)")
        let name = try #require(result.output.split(separator: " ").dropFirst().first.map(String.init))
        #expect(URL(fileURLWithPath: name).lastPathComponent.hasPrefix("IT39182740587_"))
        #expect(name.hasSuffix(".xml"))
        try? FileManager.default.removeItem(atPath: name)
    }

    @Test func anAccountsRecipientCodeAndCodiceFiscaleAreSetAndReachTheXML() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let update = try cli.run([
            "accounts", "update", "ROSSI-IT", "--recipient-code", "m5uxcr1", "--codice-fiscale", "RSSMRA80A01H501U",
            "--as", "rep:Marco",
        ])
        #expect(update.status == 0, "\(update.error)")
        let shown = try cli.run(["accounts", "show", "ROSSI-IT"])
        #expect(
            shown.output.contains("e-invoices: recipient code M5UXCR1, PEC amministrazione@pec.studiorossi.example")
        )
        #expect(shown.output.contains("tax id: Codice Fiscale RSSMRA80A01H501U"))
        #expect(shown.output.contains("tax id: Partita IVA 17500930155"))
        let history = try cli.run(["history", "ROSSI-IT"])
        #expect(history.output.contains("updated the account details"))
        #expect(history.output.contains("rep:Marco"))

        let printed = try cli.run(["invoices", "print", "2025/0001", "--format", "xml", "-o", cli.path("r.xml")])
        #expect(printed.status == 0, "\(printed.error)")
        let xml = try String(contentsOfFile: cli.path("r.xml"), encoding: .utf8)
        #expect(xml.contains("<CodiceDestinatario>M5UXCR1</CodiceDestinatario>"))

        let pec = try cli.run([
            "accounts", "update", "ALPINA-IT", "--pec", "fatture@pec.alpina.example", "--as", "rep:Marco",
        ])
        #expect(pec.status == 0, "\(pec.error)")
        #expect(
            try cli.run(["accounts", "show", "ALPINA-IT"]).output.contains(
                "e-invoices: recipient code KRRH6B9, PEC fatture@pec.alpina.example"
            )
        )
    }

    @Test(arguments: [
        (["--recipient-code", "M5UXCR"], "public administration office code"),
        (["--recipient-code", "0000000"], "0000000 means no code"),
        (["--pec", "fatture.pec.example.it"], "invalid PEC address"),
        (
            ["--codice-fiscale", "RCCMNL83S18D969A"],
            "invalid Codice Fiscale 'RCCMNL83S18D969A': the check character does not match"
        ),
        (["--vat-number", "IT00743110158"], "invalid Partita IVA 'IT00743110158': the check digit does not match"),
        (["--vat-number", "DE136695978"], "invalid EU VAT number 'DE136695978': the check digit does not match"),
    ])
    func aMalformedValueIsRefusedWithItsRuleAndNothingChanges(arguments: [String], rule: String) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["accounts", "show", "ROSSI-IT"]).output
        let result = try cli.run(["accounts", "update", "ROSSI-IT"] + arguments + ["--as", "rep:Marco"])
        #expect(result.status == 65)
        #expect(result.error.contains(rule), "\(result.error)")
        #expect(try cli.run(["accounts", "show", "ROSSI-IT"]).output == before)
        #expect(try !cli.run(["history", "ROSSI-IT"]).output.contains("updated the account details"))
    }

    @Test func aRunReportsEachInvoiceWhoseXMLWouldNotBeValidAndGoesOn() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let samples = try JSONDecoder().decode(
            StoreFile.self,
            from: Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        )
        // Two Italian companies without a Partita IVA or Codice Fiscale: no valid FatturaPA can name them.
        let events = try SyntheticHistory.accounts(
            2,
            prefix: "NOID",
            tier: "standard",
            on: CalendarDate("2026-01-01"),
            after: Array(samples.events.prefix(2))
        )
        try JSONEncoder().encode(StoreFile(events: events)).write(to: URL(fileURLWithPath: cli.path("noid.json")))
        #expect(try cli.run(["import", cli.path("noid.json")]).status == 0)
        let out = cli.path("out")
        let run = try cli.run(["invoices", "run", "--period", "2026-02", "--out", out, "--today", "2026-02-01"])
        #expect(run.status == 3)
        #expect(run.output.contains("printed 2"))
        #expect(run.output.contains("wrote 0 FatturaPA files"))
        for number in ["2026/0003", "2026/0004"] {
            #expect(
                run.error.contains(
                    "invoice \(number): FatturaPA of \(number): CessionarioCommittente/DatiAnagrafici: "
                        + "an Italian customer needs a Partita IVA or a Codice Fiscale"
                ),
                "\(run.error)"
            )
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(files.filter { $0.hasSuffix(".pdf") }.count == 2)
        #expect(!files.contains { $0.hasSuffix(".xml") || $0.hasSuffix(".tmp") })
    }

    @Test func anAccountOpenedWithoutATreatmentGetsTheOneTheRulesGive() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let account = """
            {"id": "CASCADE-US", "name": "Cascade Training Inc.", "kind": "self-service",
             "billingContact": {"name": "Kim Lee", "email": "kim@cascade.example"},
             "billingAddress": {"lines": ["1 Pine St"], "postalCode": "98101", "city": "Seattle", "region": "WA",
                                "country": "US"},
             "locale": "en", "currency": "USD"}
            """
        try account.write(toFile: cli.path("cascade.json"), atomically: true, encoding: .utf8)
        let rules = repositoryRoot.appendingPathComponent("Samples/tax-rules.json").path
        let created = try cli.run([
            "accounts", "create", "--file", cli.path("cascade.json"), "--tax-rules", rules, "--as", "rep:Marco",
        ])
        #expect(created.status == 0, "\(created.error)")
        #expect(created.output.contains("tax treatment by rule usSalesTax: sales tax 6.5% (WA)"))
        #expect(try cli.run(["accounts", "show", "CASCADE-US"]).output.contains("tax: sales tax 6.5% (WA)"))
    }

    @Test func aRepresentativeSetsTheTreatmentByRuleAndTheBillingContactMayNot() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let contact = try cli.run([
            "accounts", "update", "KLEIN-DE", "--tax-by-rule", "--as", "mia.wolf@klein-akademie.example",
        ])
        #expect(contact.status == 77)
        #expect(contact.error.contains("may not change the tax treatment; only a vendor representative may"))
        let rep = try cli.run(["accounts", "update", "KLEIN-DE", "--tax-by-rule", "--as", "rep:Marco"])
        #expect(rep.status == 0, "\(rep.error)")
        // KLEIN-DE prints in English: the reverse-charge wording is now English, not the sample's Italian.
        #expect(
            rep.output.contains(
                "tax treatment by rule euBusinessReverseCharge: reverse charge — Reverse charge – VAT to be accounted for by the customer"
            )
        )
        #expect(try cli.run(["history", "KLEIN-DE"]).output.contains("rep:Marco"))
    }

    @Test func anArchiveHoldsEachFatturaPAAndVerifyCatchesAChangedOne() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let archived = try cli.run(["archive", "--year", "2025", "--out", cli.path("archive")])
        #expect(archived.status == 0, "\(archived.error)")
        let manifest = try String(contentsOfFile: cli.path("archive/manifest.csv"), encoding: .utf8)
        // 2025/0006: block (25 × 2) × 300000 + 6 in base 36.
        #expect(manifest.contains("2025/0006,invoice-fatturapa,NORDWERK-DE,2025-01-01,\"EUR 24000.00\","))
        #expect(manifest.contains(",IT39182740587_8XI2U.xml\n"))
        #expect(manifest.contains("NC-2025/0001,credit-note-fatturapa,ROSSI-IT,2025-04-03"))
        let pdfs = manifest.split(separator: "\n").filter { $0.hasSuffix(".pdf") }.count
        let xmls = manifest.split(separator: "\n").filter { $0.hasSuffix(".xml") }.count
        #expect(pdfs == xmls && pdfs > 30)
        #expect(try cli.run(["archive", "verify", cli.path("archive")]).status == 0)

        let file = cli.path("archive/IT39182740587_8XI2U.xml")
        let xml = try String(contentsOfFile: file, encoding: .utf8)
        try xml.replacingOccurrences(of: "<Imposta>0.00</Imposta>", with: "<Imposta>1.00</Imposta>")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let verified = try cli.run(["archive", "verify", cli.path("archive")])
        #expect(verified.status == 3)
        #expect(verified.output.contains("changed: IT39182740587_8XI2U.xml does not match its SHA-256 in the manifest"))
    }
}
