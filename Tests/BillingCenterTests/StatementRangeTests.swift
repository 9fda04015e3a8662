import Billing
import BillingCenter
import Foundation
import HTTPTypes
import Hummingbird
import LedgerprintTestSupport
import Testing

/// A statement for any date range on the web: the bytes `ledgerprint statement --from --to` prints,
/// and a bad range answered on the page with what would be right.
@Suite(.serialized) struct StatementRangeTests {
    static let range = "/accounts/ROSSI-IT/statement?from=2025-01-01&to=2026-11-27"

    @Test(arguments: StoreKind.allCases) func aRangeDownloadsTheStatementTheCLIPrintsByteForByte(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let (html, pdf, page) = try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            let page = String(buffer: try await anna.send(.get, "/accounts/ROSSI-IT/statements").body)
            let html = try await anna.send(.get, Self.range + "&format=html")
            #expect(html.status == .ok)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(
                html.headers[.contentDisposition]
                    == "attachment; filename=\"statement-ROSSI-IT-2025-01-01-2026-11-27.html\""
            )
            let pdf = try await anna.send(.get, Self.range + "&format=pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            return (Data(buffer: html.body), Data(buffer: pdf.body), page)
        }
        #expect(page.contains("action=\"/accounts/ROSSI-IT/statement\""))
        #expect(page.contains("name=\"from\" type=\"date\" required value=\"2026-01-01\""))
        #expect(page.contains("name=\"to\" type=\"date\" required value=\"2026-11-29\""))
        for format in ["html", "pdf"] {
            let cli = try CLIRun.run(
                [
                    "statement", "ROSSI-IT", "--from", "2025-01-01", "--to", "2026-11-27", "--format", format, "-o",
                    "-",
                ],
                fixture: fixture
            )
            #expect(cli.status == 0, "\(cli.stderr)")
            #expect(cli.stdout.count > 1000)
            #expect(cli.stdout == (format == "html" ? html : pdf), "the \(format) differs from the CLI's")
        }
        let text = try pdfText(pdf)
        #expect(text.contains("ROSSI-IT") || text.contains("Studio Rossi"))
    }

    @Test(arguments: StoreKind.allCases) func aBadRangeIsAnsweredOnThePageWithWhatWouldBeRight(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let cases: [(String, String)] = [
            ("from=2026-06-30&to=2026-01-01", "The first day must not be after the last day."),
            ("from=2026-02-30&to=2026-03-31", "Please give the first and the last day as dates (YYYY-MM-DD)"),
            ("from=yesterday&to=2026-03-31", "Please give the first and the last day as dates (YYYY-MM-DD)"),
            ("to=2026-03-31", "Please give the first and the last day as dates (YYYY-MM-DD)"),
            ("from=2026-01-01&to=2026-03-31&format=docx", "The format must be PDF or HTML."),
        ]
        try await fixture.test { client in
            var anna = Browser(client)
            try await anna.signIn(WebFixture.anna, "anna-password-1")
            for (query, message) in cases {
                let answer = try await anna.send(.get, "/accounts/ROSSI-IT/statement?" + query)
                #expect(answer.status == .unprocessableContent, "\(query)")
                let page = String(buffer: answer.body)
                #expect(page.contains("<p class=\"message\" role=\"alert\">" + message), "\(query)")
                #expect(page.contains("<caption class=\"caption\">One statement per renewal</caption>"))
            }
            // What was typed stays in the form.
            let page = String(
                buffer: try await anna.send(.get, "/accounts/ROSSI-IT/statement?from=2026-06-30&to=2026-01-01").body
            )
            #expect(page.contains("value=\"2026-06-30\"") && page.contains("value=\"2026-01-01\""))
            // One day is a range too, as for the CLI.
            #expect(
                try await anna.send(.get, "/accounts/ROSSI-IT/statement?from=2026-03-01&to=2026-03-01").status == .ok
            )
            // In Italian.
            let italian = String(
                buffer: try await anna.send(.get, "/accounts/ROSSI-IT/statement?from=2026-06-30&to=2026-01-01&lang=it")
                    .body
            )
            #expect(italian.contains("Il primo giorno non può essere successivo all&#39;ultimo."))
        }
    }

    @Test(arguments: StoreKind.allCases) func anotherAccountsStatementIsNotFound(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        try await fixture.test { client in
            var anonymous = Browser(client)
            #expect(try await anonymous.send(.get, Self.range).status == .seeOther)
            var sam = Browser(client)
            try await sam.signIn(WebFixture.sam, "sam-password-1")
            #expect(try await sam.send(.get, Self.range).status == .notFound)
            #expect(
                try await sam.send(.get, "/accounts/ROSSI-IT/statement?from=2026-06-30&to=2026-01-01").status
                    == .notFound
            )
            #expect(
                try await sam.send(.get, "/accounts/BLUEFIN-US/statement?from=2025-01-01&to=2026-11-27").status == .ok
            )
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            #expect(try await marco.send(.get, Self.range).status == .ok)
        }
    }
}
