import Foundation
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint credit notes, partial credits and refunds")
struct CreditNoteCLITests {
    static let rep = ["--as", "rep:Marco Neri"]

    /// The samples void ROSSI-IT's paid invoice 2025/0016 (EUR 427.00): that credit is account
    /// credit, and the next invoice, 2025/0018, uses it and says so.
    @Test func aCreditNoteOnAPaidInvoiceIsUsedByTheNextInvoice() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let shown = try cli.run(["credit-notes", "show", "NC-2025/0001"])
        #expect(shown.status == 0, "\(shown.error)")
        #expect(shown.output.contains("for invoice 2025/0016"))
        #expect(shown.output.contains("to account credit: EUR 427.00"))
        let next = try cli.run(["invoices", "show", "2025/0018"]).output
        #expect(next.contains("total EUR 427.00; due EUR 0.00"))
        #expect(next.contains("account credit applied at issue: EUR 427.00"))
        let pdf = cli.path("2025-0018.pdf")
        #expect(try cli.run(["invoices", "print", "2025/0018", "-o", pdf]).status == 0)
        let text = try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: pdf)))
        #expect(text.contains("Credito utilizzato"))
        #expect(text.contains("-€ 427,00"))
        // The history names the voided invoice by its number, though the event gave its key.
        let history = try cli.run(["history", "ROSSI-IT", "--from", "2025-04-03", "--to", "2025-04-03"]).output
        #expect(history.contains("voided invoice 2025/0016: Goodwill credit"))
        #expect(!history.contains("SUB-ROSSI-1@"))
    }

    @Test func listShowAndPrintCreditNotes() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let listed = try cli.run(["credit-notes", "list", "--format", "csv"])
        #expect(listed.status == 0, "\(listed.error)")
        #expect(
            listed.output.contains("NC-2025/0001,2025-04-03,ROSSI-IT,2025/0016,whole invoice,EUR 427.00,EUR 427.00")
        )
        let html = cli.path("nc.html")
        let printed = try cli.run(["credit-notes", "print", "NC-2025/0001", "--format", "html", "-o", html])
        #expect(printed.status == 0, "\(printed.error)")
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("NOTA DI CREDITO"))
        let xml = cli.path("nc.xml")
        #expect(try cli.run(["credit-notes", "print", "NC-2025/0001", "--format", "xml", "-o", xml]).status == 0)
        #expect(try String(contentsOfFile: xml, encoding: .isoLatin1).contains("<TipoDocumento>TD04</TipoDocumento>"))
        let wrong = try cli.run(["credit-notes", "show", "2025/0016"])
        #expect(wrong.status == 65)
        #expect(wrong.error.contains("is an invoice number"))
        #expect(try cli.run(["credit-notes", "show", "NC-2025/0099"]).status == 66)
    }

    /// An amount, then a line of what is left; more than is left is refused and nothing is issued.
    @Test func partialCreditsNeverExceedTheInvoice() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        // 2026/0015: ROSSI-IT, 7 Pro seats annual, EUR 3500.00 + 22 % = EUR 4270.00, paid by card.
        let amount = try cli.run(
            ["invoices", "credit", "2026/0015", "--amount", "100.00", "--reason", "Outage of 3 June"] + Self.rep
        )
        #expect(amount.status == 0, "\(amount.error)")
        #expect(
            amount.output.contains(
                "issued credit note NC-2026/0001 for 2026/0015: EUR 122.00; EUR 122.00 of it is account credit"
            )
        )
        let tooMuch = try cli.run(["invoices", "credit", "2026/0015", "--line", "1", "--reason", "x"] + Self.rep)
        #expect(tooMuch.status == 65)
        #expect(
            tooMuch.error.contains(
                "a credit of EUR 4270.00 on invoice 2026/0015 is more than what is left uncredited (EUR 4148.00 of EUR 4270.00)"
            )
        )
        let notLine = try cli.run(["invoices", "credit", "2026/0015", "--line", "2", "--reason", "x"] + Self.rep)
        #expect(notLine.error.contains("invalid line '2': a line of invoice 2026/0015: 1 to 1"))
        let contact = try cli.run([
            "invoices", "credit", "2026/0015", "--amount", "1", "--reason", "x", "--as",
            "anna.bianchi@studiorossi.example",
        ])
        #expect(contact.status == 77)
        let both = try cli.run(["invoices", "credit", "2026/0015", "--reason", "x"] + Self.rep)
        #expect(both.status == 64)
        let void = try cli.run(["invoices", "void", "2026/0015", "--reason", "x"] + Self.rep)
        #expect(void.status == 65)
        #expect(void.error.contains("already credited by NC-2026/0001; what is left (EUR 4148.00)"))
        let shown = try cli.run(["invoices", "show", "2026/0015"]).output
        #expect(shown.contains("credited by credit note NC-2026/0001 on 2026-11-27 (amount EUR 100.00): EUR 122.00"))
        #expect(shown.contains("left uncredited EUR 4148.00"))
        let rest = try cli.run(
            ["invoices", "credit", "2026/0015", "--amount", "3400.00", "--reason", "rest"] + Self.rep
        )
        #expect(rest.status == 0, "\(rest.error)")
        #expect(try cli.run(["invoices", "show", "2026/0015"]).output.contains("void: credited in full"))
        let listed = try cli.run(["credit-notes", "list", "--invoice", "2026/0015"]).output
        #expect(listed.split(separator: "\n").count == 4)
    }

    /// A refund pays account credit back, is in the history and on the statement, and is never
    /// more than the credit.
    @Test func aRefundIsRecordedAndPrintedOnTheStatement() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["statement", "ROSSI-IT", "--period", "2026-11", "-o", cli.path("before.pdf")])
        #expect(before.output.contains("closing balance EUR -638.74"), "\(before.output)\(before.error)")
        let tooMuch = try cli.run(
            ["payments", "refund", "ROSSI-IT", "--amount", "638.75", "--reference", "RF-1"] + Self.rep
        )
        #expect(tooMuch.status == 65)
        #expect(tooMuch.error.contains("account ROSSI-IT has EUR 638.74 of credit to refund, not EUR 638.75"))
        let contact = try cli.run([
            "payments", "refund", "ROSSI-IT", "--amount", "10", "--reference", "RF-1", "--as",
            "anna.bianchi@studiorossi.example",
        ])
        #expect(contact.status == 77)
        let refund = try cli.run(
            ["payments", "refund", "ROSSI-IT", "--amount", "638.74", "--reference", "RF-1"] + Self.rep
        )
        #expect(refund.status == 0, "\(refund.error)")
        let statement = try cli.run(["statement", "ROSSI-IT", "--period", "2026-11", "-o", cli.path("after.pdf")])
        #expect(statement.output.contains("closing balance EUR 0.00"))
        let text = try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("after.pdf"))))
        // The description wraps in its column: words, not one line.
        #expect(text.contains("Rimborso del credito — Bonifico"))
        #expect(text.contains("bancario"))
        #expect(text.contains("RF-1"))
        let history = try cli.run(["history", "ROSSI-IT", "--from", "2026-11-27"]).output
        #expect(history.contains("refund RF-1 of EUR 638.74"))
        // Nothing is left to refund.
        let again = try cli.run(
            ["payments", "refund", "ROSSI-IT", "--amount", "0.01", "--reference", "RF-2"] + Self.rep
        )
        #expect(again.error.contains("account ROSSI-IT has EUR 0.00 of credit to refund"))
    }
}
