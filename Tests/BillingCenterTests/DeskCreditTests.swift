import Billing
import BillingCenter
import Documents
import Foundation
import HTTPTypes
import HistoryStore
import LedgerprintTestSupport
import Testing

/// Partial credit notes and payments on account on the Desk, as `invoices credit` and
/// `payments record` without `--invoice` do them.
@Suite(.serialized) struct DeskCreditTests {
    static let globex = DeskTests.globex

    /// GLOBEX-US's newest invoice, the one the tests credit.
    static func newestInvoice(_ fixture: WebFixture) throws -> Invoice {
        try #require(try fixture.store.invoices(accountID: "GLOBEX-US").last)
    }

    @Test(arguments: StoreKind.allCases) func aRepresentativeCreditsALineOrAnAmountAndTheCLIsRefusalsAreOnThePage(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let earlier = try fixture.store.creditNotes().count
        // 2026/0024 charges one line of $69,000.00; 2025/0030 credits $12,821.92 and charges $69,000.00.
        let newest = try #require(try Self.newestInvoice(fixture).number).description
        #expect(newest == "2026/0024")
        let older = "2025/0030"
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let desk = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            #expect(desk.contains("action=\"/accounts/GLOBEX-US/invoices/credit\""))
            #expect(desk.contains("<summary><span class=\"id\">\(newest)</span>"))
            // A line that credits (2025/0030's first) is not offered; the one that charges is.
            let olderForm = try #require(desk.range(of: "name=\"invoice\" value=\"\(older)\">\n  <fieldset>"))
            let formEnd = try #require(desk[olderForm.upperBound...].range(of: "</form>"))
            let offered = desk[olderForm.upperBound..<formEnd.lowerBound]
            #expect(offered.contains("value=\"2\" required> 2. WebinarSeats Pro — 150 seats, annual"))
            #expect(!offered.contains("value=\"1\""))
            let csrf = try Browser.csrf(in: desk)
            let form = ["csrf": csrf, "invoice": newest, "line": "1", "reason": "Seats never used"]
            let credited = try await marco.send(.post, Self.globex + "/invoices/credit", form: form)
            #expect(credited.status == .seeOther)
            #expect(credited.headers[.location] == "/accounts/GLOBEX-US/desk?done=credit-note-issued")
            let note = try #require(try fixture.store.creditNotes().last)
            #expect(note.invoiceNumber.description == newest && note.creditedLine == 1)
            #expect(note.reason == "Seats never used" && note.grandTotal.decimalString == "69000.00")
            let noteNumber = try #require(note.number).description

            // The same refusals as the CLI's, on the Desk, 422, and no credit note.
            let refusals: [([String: String], String)] = [
                (form, "line 1 of invoice \(newest) is already credited by \(noteNumber)"),
                (
                    ["csrf": csrf, "invoice": newest, "line": "amount", "amount": "10.00", "reason": "x"],
                    "a credit of USD 10.00 on invoice \(newest) is more than what is left uncredited (USD 0.00 of"
                ),
                (
                    ["csrf": csrf, "invoice": older, "line": "2", "reason": "x"],
                    "on invoice \(older) is more than what is left uncredited (USD 56178.08 of USD 56178.08)"
                ),
                (["csrf": csrf, "invoice": older, "line": "1", "reason": "x"], "a line that charges"),
                (["csrf": csrf, "invoice": older, "line": "9", "reason": "x"], "a line of invoice \(older): 1 to 2"),
                (["csrf": csrf, "invoice": older, "reason": "x"], "Choose a line to credit, or an amount before tax."),
                (["csrf": csrf, "invoice": older, "line": "amount", "amount": "ten", "reason": "x"], "ten"),
                (
                    ["csrf": csrf, "invoice": older, "line": "amount", "amount": "10.00", "reason": " "],
                    "Give the reason"
                ),
            ]
            for (fields, message) in refusals {
                let refused = try await marco.send(.post, Self.globex + "/invoices/credit", form: fields)
                let body = String(buffer: refused.body)
                #expect(refused.status == .unprocessableContent, "\(fields)")
                #expect(body.contains("class=\"message\" role=\"alert\""), "\(fields)")
                #expect(body.contains(message), "\(fields): \(message)")
            }
            #expect(try fixture.store.creditNotes().count == earlier + 1)

            // An amount of the older invoice: what is left goes down by it.
            let amount = try await marco.send(
                .post,
                Self.globex + "/invoices/credit",
                form: [
                    "csrf": csrf, "invoice": older, "line": "amount", "amount": "10.00", "reason": "Outage of 3 May",
                ]
            )
            #expect(amount.status == .seeOther)
            let after = String(buffer: try await marco.send(.get, Self.globex + "/desk?done=credit-note-issued").body)
            #expect(after.contains("The credit note is issued: it is listed under Invoices."))
            // The newest has nothing left to credit; the older has $10.00 less.
            #expect(!after.contains("<summary><span class=\"id\">\(newest)</span>"))
            #expect(after.contains("left to credit <span class=\"num\">$56,168.08</span>"))
        }
        let notes = try fixture.store.creditNotes().dropFirst(earlier)
        #expect(notes.map(\.reason) == ["Seats never used", "Outage of 3 May"])
        #expect(notes.last?.totals.subtotal.decimalString == "10.00")
        let events = try fixture.store.history(ofAccount: "GLOBEX-US").map(\.event).filter {
            $0.action.name == "credit-invoice"
        }
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.actor == .representative(name: "Marco Neri") })
    }

    @Test(arguments: StoreKind.allCases) func theCreditNoteIsOnTheInvoicesPageAndItsPDFIsTheCLIs(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let invoice = try Self.newestInvoice(fixture)
        let number = try #require(invoice.number).description
        let (html, pdf, note) = try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let desk = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            let credited = try await marco.send(
                .post,
                Self.globex + "/invoices/credit",
                form: [
                    "csrf": try Browser.csrf(in: desk), "invoice": number, "line": "amount", "amount": "125.50",
                    "reason": "Outage <3 May>",
                ]
            )
            #expect(credited.status == .seeOther)
            let note = try #require(try fixture.store.creditNotes().last)
            let stem = BillingCenterTestNames.fileStem(try #require(note.number))
            let page = String(buffer: try await marco.send(.get, Self.globex + "/invoices").body)
            let pdf = try await marco.send(.get, Self.globex + "/documents/\(stem).pdf")
            #expect(pdf.status == .ok)
            return (page, Data(buffer: pdf.body), note)
        }
        let noteNumber = try #require(note.number).description
        let row = try #require(html.range(of: "<td class=\"id\">\(noteNumber)</td>"))
        let cells = html[row.upperBound...].prefix(800)
        #expect(cells.contains(number))
        #expect(cells.contains("Outage &lt;3 May&gt;"))
        #expect(cells.contains(Formatting(language: "en").money(note.grandTotal)))
        let cli = try CLIRun.run(["credit-notes", "print", noteNumber, "-o", "-"], fixture: fixture)
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(cli.stdout.count > 1000)
        #expect(cli.stdout == pdf, "the web's credit note PDF differs from `credit-notes print`")
        #expect(try pdfText(pdf).contains("Outage <3 May>"))
    }

    @Test(arguments: StoreKind.allCases)
    func aPaymentOnAccountPaysTheOldestAndTheRestIsInTheAccountsFavourAsTheStatementSays(_ kind: StoreKind) async throws
    {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let today = try CalendarDate("2026-11-29")
        let owed = try fixture.store.statement(
            ofAccount: "GLOBEX-US",
            for: DatePeriod(start: today, end: today.adding(days: 1))
        ).closingBalance
        #expect(owed.isPositive)
        let paid = try owed.plus(try Money(decimal: "100.00", currency: .usd))
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let desk = String(buffer: try await marco.send(.get, Self.globex + "/desk").body)
            #expect(desk.contains("What the account owes at the end of Nov 29, 2026: <strong class=\"num\">"))
            let recorded = try await marco.send(
                .post,
                Self.globex + "/payments-on-account",
                form: [
                    "csrf": try Browser.csrf(in: desk), "amount": paid.decimalString, "reference": "ACH-ONACC-1",
                    "method": "Wire",
                ]
            )
            #expect(recorded.headers[.location] == "/accounts/GLOBEX-US/desk?done=payment-on-account-recorded")
            let after = String(
                buffer: try await marco.send(.get, Self.globex + "/desk?done=payment-on-account-recorded").body
            )
            #expect(after.contains("The payment on account is recorded."))
            #expect(
                after.contains(
                    "Credit in the account&#39;s favour at the end of Nov 29, 2026: <strong class=\"num\">$100.00"
                )
            )
            // It paid every open invoice: none is left with a payment form.
            #expect(!after.contains("action=\"/accounts/GLOBEX-US/payments\""))
            let overview = String(buffer: try await marco.send(.get, Self.globex).body)
            #expect(overview.contains("<p class=\"amount\">$100.00</p>"), "\(overview)")
            #expect(overview.contains("Credit in the account&#39;s favour"))
            // The same reference again is the store's refusal.
            let again = try await marco.send(
                .post,
                Self.globex + "/payments-on-account",
                form: ["csrf": try Browser.csrf(in: after), "amount": "5.00", "reference": "ACH-ONACC-1"]
            )
            #expect(again.status.code == 409 || again.status.code == 422)
            #expect(String(buffer: again.body).contains("ACH-ONACC-1"))
        }
        let payment = try #require(
            try fixture.store.ledgerInputs(ofAccount: "GLOBEX-US", before: today.adding(days: 1)).payments.first {
                $0.id == "ACH-ONACC-1"
            }
        )
        #expect(payment.invoiceNumber == nil && payment.amount == paid && payment.method == "Wire")
        let event = try #require(try fixture.store.history(ofAccount: "GLOBEX-US").map(\.event).last)
        #expect(event.action.name == "record-payment" && event.actor == .representative(name: "Marco Neri"))
        // The CLI's statement closes on the same credit.
        let folder = fixture.folder.appendingPathComponent("statement.pdf").path
        let cli = try CLIRun.run(
            ["statement", "GLOBEX-US", "--from", "2026-01-01", "--to", "2026-11-29", "-o", folder],
            fixture: fixture
        )
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(cli.text.contains("closing balance USD -100.00"), "\(cli.text)")
    }

    @Test(arguments: StoreKind.allCases) func onlyARepresentativeCreditsOrRecordsAPaymentOnAccount(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let rossi = try #require(try fixture.store.invoices(accountID: "ROSSI-IT").last?.number).description
        let globex = try #require(try Self.newestInvoice(fixture).number).description
        let table: [(String?, String, [String: String], Int)] = [
            (nil, "/accounts/GLOBEX-US/invoices/credit", ["invoice": globex, "line": "1"], 303),
            (nil, "/accounts/GLOBEX-US/payments-on-account", ["amount": "1.00", "reference": "P-ANON"], 303),
            (WebFixture.anna, "/accounts/ROSSI-IT/invoices/credit", ["invoice": rossi, "line": "1"], 403),
            (
                WebFixture.anna, "/accounts/ROSSI-IT/payments-on-account", ["amount": "1.00", "reference": "P-ANNA"],
                403
            ),
            (WebFixture.anna, "/accounts/GLOBEX-US/invoices/credit", ["invoice": globex, "line": "1"], 404),
            (WebFixture.anna, "/accounts/GLOBEX-US/payments-on-account", ["amount": "1.00", "reference": "P-A2"], 404),
            (WebFixture.anna, "/accounts/ROSSI-IT/invoices/credit", ["invoice": globex, "line": "1"], 403),
            (
                WebFixture.sam, "/accounts/BLUEFIN-US/payments-on-account", ["amount": "1.00", "reference": "P-SAM"],
                403
            ),
            (WebFixture.marco, "/accounts/ROSSI-IT/invoices/credit", ["invoice": globex, "line": "1"], 404),
            (WebFixture.marco, "/accounts/GLOBEX-US/invoices/credit", ["invoice": globex, "line": "1"], 303),
            (
                WebFixture.marco, "/accounts/GLOBEX-US/payments-on-account", ["amount": "1.00", "reference": "P-REP"],
                303
            ),
        ]
        let passwords = [
            WebFixture.anna: "anna-password-1", WebFixture.sam: "sam-password-1", WebFixture.marco: "marco-password-1",
        ]
        let failures = try await fixture.test { client in
            var failures: [String] = []
            for (who, path, fields, expected) in table {
                var browser = Browser(client)
                var form = fields.merging(["reason": "table"]) { first, _ in first }
                if let who, let password = passwords[who] {
                    try await browser.signIn(who, password)
                    form["csrf"] = try Browser.csrf(in: String(buffer: try await browser.send(.get, "/accounts").body))
                }
                let status = try await browser.send(.post, path, form: form).status.code
                if status != expected {
                    failures.append("\(who ?? "anonymous") POST \(path): \(status), expected \(expected)")
                }
            }
            return failures
        }
        #expect(failures == [])
        // Only the representative's two changes are in the store.
        #expect(try fixture.store.creditNotes().filter { $0.reason == "table" }.count == 1)
        let today = try CalendarDate("2026-11-29")
        var references: [String] = []
        for account in ["GLOBEX-US", "ROSSI-IT", "BLUEFIN-US"] {
            references += try fixture.store.ledgerInputs(ofAccount: account, before: today.adding(days: 1)).payments
                .map(\.id).filter { $0.hasPrefix("P-") }
        }
        #expect(references == ["P-REP"])
    }
}

/// File names as the Billing Center's addresses spell them.
enum BillingCenterTestNames {
    /// `credit-note-2026-0002` for a credit note, `invoice-2026-0015` for an invoice.
    static func fileStem(_ number: DocumentNumber) -> String {
        "\(number.series.rawValue)-\(number.year)-\(String(format: "%04d", number.sequence))"
    }
}
