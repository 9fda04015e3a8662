import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// Every document kind of the samples, for every account that has one.
func everyDocument(in samples: SampleStore) throws -> [(name: String, document: PrintableDocument)] {
    let vendor = try samples.vendor()
    var documents: [(String, PrintableDocument)] = []
    let date = try CalendarDate("2026-11-27")
    let rules = BillingRules(catalog: try samples.store.catalog())
    for account in try samples.store.accounts() {
        for quote in try samples.store.quotes(ofAccount: account.id) {
            let document = try rules.document(
                for: quote,
                subscription: try samples.store.subscription(quote.subscriptionID),
                account: try samples.store.account(account.id)
            )
            documents.append(("quote \(quote.id)", .quote(document, vendor: vendor)))
        }
        let invoices = try samples.store.invoices(accountID: account.id)
        for invoice in [invoices.first, invoices.last].compactMap({ $0 }) {
            documents.append(
                ("invoice \(invoice.number?.description ?? "")", .invoice(invoice, vendor: vendor, mark: .none))
            )
        }
        let statement = try samples.store.statement(
            ofAccount: account.id,
            for: DatePeriod(start: CalendarDate("2025-01-01"), end: date)
        )
        documents.append(("statement \(account.id)", .statement(statement, vendor: vendor, issuedOn: date)))
    }
    for note in try samples.store.creditNotes() {
        documents.append(("credit note \(note.number?.description ?? "")", .creditNote(note, vendor: vendor)))
        let voided = try samples.store.invoice(note.invoiceNumber)
        documents.append(("void invoice", .invoice(voided, vendor: vendor, mark: .void, voidedBy: note.number)))
    }
    for request in try samples.store.w9Requests(accountID: nil) {
        documents.append(
            (
                "W-9 \(request.id)",
                .w9Packet(
                    request,
                    vendor: vendor,
                    account: try samples.store.account(request.accountID),
                    issuedOn: date
                )
            )
        )
    }
    // A payment reminder to every account with an invoice due for one on the samples' last day.
    for account in try samples.store.accounts() {
        let lines = try samples.store.dueReminderLines(accountID: account.id, on: date)
        guard !lines.isEmpty else { continue }
        let reminder = try Reminder.issue(
            id: "REM-\(account.id)",
            account: try samples.store.account(account.id),
            lines: lines,
            policy: .standard,
            on: date
        )
        documents.append(("reminder \(account.id)", .reminder(reminder, vendor: vendor)))
    }
    return documents
}

/// The words a reader sees in a template's output: tags, the `<style>` and the English W-9 form
/// (`lang="en"`, printed in English in every language) left out, entities read.
func visibleText(_ xhtml: String) -> String {
    var text = xhtml
    for pattern in [#"<style>[\s\S]*?</style>"#, #"<div class="form" lang="en">[\s\S]*?</div>\s*</div>"#, "<[^>]+>"] {
        text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    for (entity, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
        text = text.replacingOccurrences(of: entity, with: character)
    }
    return text
}

@Suite("Every word in the document's language")
struct LanguageTests {
    /// The W-9 form's own lines: English in every labels file, printed only inside the form.
    static let formKeys: Set<String> = [
        "certification", "consentNotice", "signature", "w9Title", "w9Subtitle", "partI", "requesterLine",
    ]

    static func labels() throws -> [String: [String: String]] {
        try makeRenderer().templates.labels
    }

    /// The fixed pieces of a label (its text between placeholders) long enough to mean something.
    static func fragments(_ label: String) -> [String] {
        label.split(separator: "{").flatMap { piece -> [Substring] in
            let rest = piece.split(separator: "}", maxSplits: 1, omittingEmptySubsequences: false)
            return rest.count == 2 ? [rest[1]] : [piece]
        }
        .map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }
        .filter { $0.count >= 4 && $0.contains(where: \.isLetter) }
    }

    @Test func everyLanguageHasALabelsFileWithEveryLabel() throws {
        let labels = try Self.labels()
        #expect(Set(labels.keys) == Set(DocumentLanguage.codes))
        let english = Set(try #require(labels["en"]).keys)
        for (language, table) in labels {
            #expect(Set(table.keys) == english, "\(language).json differs from en.json")
        }
    }

    @Test(arguments: DocumentLanguage.codes)
    func noDocumentPrintsALabelOfAnotherLanguage(language: String) throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        // A partial credit note, a refund on ROSSI-IT's statement and an open quote with a term, beside the samples'.
        let day = try CalendarDate("2026-11-26")
        let rep = Actor.representative(name: "Marco Neri")
        try samples.store.apply(
            StoreEvent(
                date: day,
                actor: rep,
                action: .creditInvoice(
                    invoice: .number(try DocumentNumber(parsing: "2026/0015")),
                    scope: .line(1),
                    reason: "Outage"
                )
            )
        )
        try samples.store.apply(
            StoreEvent(
                date: day,
                actor: rep,
                action: .refundCredit(
                    refundID: "RF-1",
                    accountID: "ROSSI-IT",
                    amount: try Money(decimal: "100.00", currency: .eur),
                    method: "Bank transfer"
                )
            )
        )
        // A vendor form and a regional form, each its own packet.
        for (id, type, form) in [
            ("W9-VF", W9FormType.vendorForm, nil),
            ("W9-RF", .regionalForm, try RegionalForm(region: "US-CA", name: "Form 590")),
        ] {
            try samples.store.apply(
                StoreEvent(
                    date: day,
                    actor: rep,
                    action: .requestW9(
                        requestID: id,
                        accountID: "GLOBEX-US",
                        formType: type,
                        details: "x",
                        regionalForm: form
                    )
                )
            )
        }
        let globex = try samples.store.subscription("SUB-GLOBEX-1")
        var more = globex.selection
        more.seats = 200
        try samples.store.apply(
            StoreEvent(
                date: day,
                actor: rep,
                action: .prepareQuote(
                    quoteID: "Q-2026-0040",
                    subscriptionID: globex.id,
                    selection: more,
                    unitPrice: nil,
                    validUntil: try CalendarDate("2026-12-15"),
                    termEnds: try CalendarDate("2027-12-15")
                )
            )
        )
        let renderer = try makeRenderer()
        let labels = try Self.labels()
        let own = Set(try #require(labels[language]).values.flatMap(Self.fragments))
        var foreign: [String: String] = [:]
        for (other, table) in labels where other != language {
            for (key, value) in table
            where !Self.formKeys.contains(key) && !key.hasPrefix("line") && !key.hasPrefix("cert") {
                for fragment in Self.fragments(value) where !own.contains(fragment) {
                    foreign[fragment] = "\(other).json \"\(key)\""
                }
            }
        }
        // What a country calls its VAT number is a name, printed as it is in every language.
        for name in AddressFormat.table.values.compactMap(\.vatNumberName) {
            for fragment in Self.fragments(name) { foreign[fragment] = nil }
        }
        #expect(foreign.count > 100, "too few foreign labels to check: \(foreign.count)")
        // Data is printed as written: the vendor's name and bank details are not labels.
        let vendor = try samples.vendor()
        let data = [vendor.legalName, vendor.bankDetails ?? ""]
        for (name, document) in try everyDocument(in: samples) {
            var text = visibleText(try renderer.xhtml(for: document, language: language).text)
            for written in data where !written.isEmpty { text = text.replacingOccurrences(of: written, with: " ") }
            for (fragment, source) in foreign {
                let found = text.range(
                    of: "\\b\(NSRegularExpression.escapedPattern(for: fragment))\\b",
                    options: .regularExpression
                )
                #expect(found == nil, "\(name) in \(language) prints '\(fragment)' of \(source)")
            }
        }
    }

    @Test func everyKindOfDocumentIsChecked() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let kinds = Set(try everyDocument(in: samples).map(\.document.kind))
        #expect(kinds == ["invoice", "credit-note", "statement", "w9-packet", "reminder", "quote"])
    }

    @Test func aReminderIsWordedInTheCustomersLanguage() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let date = try CalendarDate("2026-12-15")
        let lines = try samples.store.dueReminderLines(accountID: "NORDWERK-DE", on: date)
        let reminder = try Reminder.issue(
            id: "REM-NW",
            account: try samples.store.account("NORDWERK-DE"),
            lines: lines,
            policy: .standard,
            on: date
        )
        let renderer = try makeRenderer()
        for (language, heading, amount) in [
            ("de", "ZAHLUNGSERINNERUNG", "24.000,00 €"), ("it", "SOLLECITO DI PAGAMENTO", "€ 24.000,00"),
            ("en", "PAYMENT REMINDER", "€24,000.00"),
        ] {
            let text = visibleText(
                try renderer.xhtml(for: .reminder(reminder, vendor: samples.vendor()), language: language).text
            )
            #expect(text.contains(heading), "\(language)")
            #expect(text.contains(amount), "\(language): \(text)")
            #expect(text.contains("2026/0004"))
        }
    }

    @Test func theCreditOfAnOverpaymentIsWordedInTheStatementsLanguage() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let date = try CalendarDate("2026-11-27")
        try samples.store.apply(
            StoreEvent(
                date: date,
                actor: .representative(name: "Marco Neri"),
                action: .recordOverpayment(
                    paymentID: "BT-9",
                    accountID: "NORDWERK-DE",
                    invoice: .number(try DocumentNumber(parsing: "2026/0004")),
                    amount: try Money(decimal: "25000.00", currency: .eur),
                    method: "Bank transfer (SEPA)"
                )
            )
        )
        let statement = try samples.store.statement(
            ofAccount: "NORDWERK-DE",
            for: DatePeriod(start: CalendarDate("2026-11-01"), end: CalendarDate("2026-12-01"))
        )
        #expect(statement.closingBalance.decimalString == "-1000.00")
        let renderer = try makeRenderer()
        for (language, words) in [
            ("de", "Überzahlung BT-9"), ("it", "Pagamento in eccesso BT-9"), ("en", "Overpayment BT-9"),
        ] {
            let text = visibleText(
                try renderer.xhtml(
                    for: .statement(statement, vendor: samples.vendor(), issuedOn: date),
                    language: language
                )
                .text
            )
            #expect(text.contains(words), "\(language)")
            #expect(!text.contains("kept as account credit") || language == "en", "\(language)")
        }
    }

    @Test func germanCustomersGetGermanDocumentsWithGermanNumbersAndDates() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let invoice = try #require(try samples.store.invoices(accountID: "KLEIN-DE").first)
        let text = try poppler(
            "pdftotext",
            on: try makeRenderer().render(.invoice(invoice, vendor: samples.vendor(), mark: .none), as: .pdf).data
        )
        #expect(text.contains("RECHNUNG"))
        #expect(text.contains("Seite 1 von 1"))
        #expect(text.contains(Formatting(language: "de").date(invoice.issueDate)))
        #expect(text.contains(Formatting(language: "de").money(invoice.grandTotal)))
        #expect(text.contains("Deutschland"))
        #expect(!text.contains("Invoice"))
    }

    @Test func countriesAreNamedInTheDocumentsLanguage() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let invoice = try #require(try samples.store.invoices(accountID: "BLUEFIN-US").first)
        let renderer = try makeRenderer()
        for (language, name) in [("it", "Stati Uniti"), ("en", "United States"), ("de", "Vereinigte Staaten")] {
            let text = visibleText(
                try renderer.xhtml(for: .invoice(invoice, vendor: samples.vendor(), mark: .none), language: language)
                    .text
            )
            #expect(text.contains(name), "\(language)")
            #expect(text.contains("PORTLAND, OR 97201"), "a US address as the USPS writes it, in \(language)")
        }
    }
}
