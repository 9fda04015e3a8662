import Billing
import BillingCenter
import Foundation
import HTTPTypes
import Hummingbird
import LedgerprintTestSupport
import Testing

/// What the signed-in pages show and what the downloads hold.
@Suite(.serialized) struct PageTests {
    @Test(arguments: StoreKind.allCases) func theOverviewShowsPlanSeatsNextBillingBalanceAndAMaskedPaymentMethod(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let subscription = try #require(try fixture.store.subscriptions(ofAccount: "ROSSI-IT").first)
        let account = try fixture.store.account("ROSSI-IT")
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let html = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT").body)
            #expect(html.contains("<h1>Studio Rossi S.r.l.</h1>"))
            #expect(html.contains("<td class=\"num\">\(subscription.selection.seats)</td>"))
            let method = try #require(account.paymentMethod?.description)
            #expect(html.contains(method.replacingOccurrences(of: "'", with: "&#39;")))
            #expect(html.contains("WebinarSeats — Standard"))
            // The samples leave Studio Rossi in credit: shown as a credit, without a minus sign.
            #expect(html.contains("€638.74"))
            #expect(!html.contains("-€638.74"))
            #expect(html.contains("Credit in the account&#39;s favour"))
        }
    }

    @Test(arguments: StoreKind.allCases) func servedOnAnotherBusinessDateTheOverviewReadsTheBalanceThen(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2025-02-15"))
        let balance = try fixture.store.statement(
            ofAccount: "ROSSI-IT",
            for: DatePeriod(start: try CalendarDate("2025-02-15"), end: try CalendarDate("2025-02-16"))
        ).closingBalance
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let html = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT").body)
            #expect(html.contains("at the end of Feb 15, 2025"))
            #expect(html.contains(balance.magnitude.decimalString))
        }
    }

    @Test(arguments: StoreKind.allCases) func theInvoicesPageListsEachInvoiceWithItsStatusAndDownloads(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let invoices = try fixture.store.invoices(accountID: "ROSSI-IT")
        let stem = try fixture.invoiceStem(of: "ROSSI-IT")
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let html = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/invoices").body)
            for invoice in invoices {
                #expect(html.contains(try #require(invoice.number?.description)))
            }
            #expect(html.contains("href=\"/accounts/ROSSI-IT/documents/\(stem).pdf\""))
            #expect(html.contains("href=\"/accounts/ROSSI-IT/documents/\(stem).xml\""))
            #expect(html.contains("class=\"status "))
        }
    }

    @Test(arguments: StoreKind.allCases) func anInvoiceDownloadsAsThePDFAndHTMLTheCLIPrintsAndAsFatturaPA(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let invoice = try #require(try fixture.store.invoices(accountID: "ROSSI-IT").last)
        let number = try #require(invoice.number?.description)
        let stem = try fixture.invoiceStem(of: "ROSSI-IT")
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let pdf = try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(stem).pdf")
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.headers[.contentDisposition] == "attachment; filename=\"\(stem)-ROSSI-IT.pdf\"")
            let bytes = Data(buffer: pdf.body)
            #expect(bytes.starts(with: Data("%PDF-".utf8)))
            let text = try poppler("pdftotext", on: bytes)
            #expect(text.contains(number))
            #expect(text.contains("Studio Rossi"))
            let html = try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(stem).html")
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: html.body).contains(number))
            let xml = try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(stem).xml")
            #expect(xml.status == .ok)
            #expect(String(buffer: xml.body).contains("FatturaElettronica"))
            let disposition = try #require(xml.headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment; filename=\"IT"))
        }
    }

    @Test(arguments: StoreKind.allCases) func aCreditNoteDownloadsUnderItsAccountOnlyAndTheVoidInvoiceSaysSo(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let note = try #require(try fixture.store.creditNotes().first { $0.customer.accountID == "ROSSI-IT" })
        let number = try #require(note.number)
        let stem = "credit-note-\(number.year)-\(String(format: "%04d", number.sequence))"
        let voided = note.invoiceNumber
        let voidedStem = "invoice-\(voided.year)-\(String(format: "%04d", voided.sequence))"
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let list = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/invoices").body)
            #expect(list.contains(number.description))
            #expect(list.contains("<span class=\"status void\">Void</span>"))
            let pdf = try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(stem).pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentDisposition] == "attachment; filename=\"\(stem)-ROSSI-IT.pdf\"")
            #expect(try poppler("pdftotext", on: Data(buffer: pdf.body)).contains(number.description))
            let xml = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(stem).xml").body)
            #expect(xml.contains("<TipoDocumento>TD04</TipoDocumento>"))
            // The invoice it voids prints as void, naming the credit note, as `invoices print` does.
            let invoice = try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(voidedStem).pdf")
            #expect(try poppler("pdftotext", on: Data(buffer: invoice.body)).contains(number.description))
        }
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.sam, "sam-password-1")
            let other = try await browser.send(.get, "/accounts/BLUEFIN-US/documents/\(stem).pdf")
            #expect(other.status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func aGermanBusinessesInvoiceCarriesItsFacturXAsTheCLIsDoes(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let klein = try fixture.invoiceStem(of: "KLEIN-DE")
        let rossi = try fixture.invoiceStem(of: "ROSSI-IT")
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.marco, "marco-password-1")
            let german = try await browser.send(.get, "/accounts/KLEIN-DE/documents/\(klein).pdf")
            #expect(try poppler("pdfdetach", ["-list"], on: Data(buffer: german.body)).contains("factur-x.xml"))
            let italian = try await browser.send(.get, "/accounts/ROSSI-IT/documents/\(rossi).pdf")
            #expect(!(try poppler("pdfdetach", ["-list"], on: Data(buffer: italian.body)).contains("factur-x.xml")))
        }
    }

    @Test(arguments: StoreKind.allCases) func aRepresentativeSeesEveryAccountAndIsNamedAsOne(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        let all = try fixture.store.accounts()
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.marco, "marco-password-1")
            let html = String(buffer: try await browser.send(.get, "/accounts").body)
            for account in all { #expect(html.contains("href=\"/accounts/\(account.id)\"")) }
            #expect(html.contains("Marco Neri · representative"))
        }
    }

    @Test(arguments: StoreKind.allCases) func statementsAreListedPerRenewalAndDownloadAsPDF(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let html = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT/statements").body)
            #expect(html.contains("/accounts/ROSSI-IT/statements/renewal-1.pdf"))
            let pdf = try await browser.send(.get, "/accounts/ROSSI-IT/statements/renewal-1.pdf")
            #expect(pdf.status == .ok)
            let disposition = try #require(pdf.headers[.contentDisposition])
            #expect(disposition.hasPrefix("attachment; filename=\"statement-ROSSI-IT-"))
            let text = try poppler("pdftotext", on: Data(buffer: pdf.body))
            #expect(text.contains("Studio Rossi"))
            #expect(try await browser.send(.get, "/accounts/ROSSI-IT/statements/renewal-999.pdf").status == .notFound)
            #expect(try await browser.send(.get, "/accounts/ROSSI-IT/statements/renewal-1.exe").status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases) func pagesSpeakItalianWhenAskedAndRememberIt(_ kind: StoreKind) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            let italian = try await browser.send(.get, "/accounts/ROSSI-IT/invoices?lang=it")
            #expect(String(buffer: italian.body).contains("Note di credito"))
            #expect(browser.cookies["lp_lang"] == "it")
            let next = String(buffer: try await browser.send(.get, "/accounts/ROSSI-IT").body)
            #expect(next.contains("<html lang=\"it\">"))
            #expect(next.contains("Metodo di pagamento"))
        }
    }

    @Test(arguments: StoreKind.allCases) func errorsArePagesWithoutInternalsAndLargeBodiesAreRefused(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            let missing = try await browser.send(.get, "/no/such/page")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentSecurityPolicy] != nil)
            let big = try await browser.send(.post, "/sign-in", body: "email=" + String(repeating: "a", count: 40_000))
            #expect(big.status == .contentTooLarge)
            let page = String(buffer: big.body)
            #expect(page.contains("What was sent is too large."))
            #expect(!page.contains("NIO") && !page.contains("HTTPError") && !page.contains(".swift"))
        }
    }

    @Test(arguments: StoreKind.allCases) func theAccessLogHasOneLinePerRequestAndNoSecrets(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind)
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.anna, "anna-password-1")
            _ = try await browser.send(.get, "/accounts/ROSSI-IT")
        }
        let lines = fixture.log.all
        #expect(lines.count == 3)
        #expect(lines.contains { $0.hasSuffix("ms") && $0.contains(" POST /sign-in 303 ") })
        #expect(lines.contains { $0.contains(" GET /accounts/ROSSI-IT 200 ") })
        #expect(lines.allSatisfy { !$0.contains("anna-password-1") && !$0.contains("lp_session") })
    }
}
