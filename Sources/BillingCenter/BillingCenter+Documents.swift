import Billing
import Documents
import Foundation
import HistoryStore
import Hummingbird

/// An account's invoices and credit notes: the list with each one's status, and their downloads.
extension BillingCenter {
    /// `invoice-2026-0015` or `credit-note-2026-0001`: a document number as one path segment.
    static func fileStem(_ number: DocumentNumber) -> String {
        "\(number.series.rawValue)-\(number.year)-\(String(format: "%04d", number.sequence))"
    }

    /// The number and format of a download's file name; `nil` for anything else.
    static func parseDocumentFile(_ file: String) -> (DocumentNumber, String)? {
        guard let dot = file.lastIndex(of: ".") else { return nil }
        let format = String(file[file.index(after: dot)...])
        let stem = file[..<dot]
        for series in DocumentSeries.allCases where stem.hasPrefix(series.rawValue + "-") {
            let parts = stem.dropFirst(series.rawValue.count + 1).split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let sequence = Int(parts[1]),
                let number = try? DocumentNumber(series: series, year: year, sequence: sequence)
            else { return nil }
            return (number, format)
        }
        return nil
    }

    func invoicesPage(_ request: Request, accountID: String) throws -> Response {
        guard let context = try signedIn(request) else { return Self.redirect(to: "/sign-in") }
        let account = try visibleAccount(accountID, context.session)
        let format = Formatting(language: context.language)
        let base = "/accounts/" + Self.pathSegment(account.id) + "/documents/"
        let standings = try store.ledgerInputs(ofAccount: account.id, before: today.adding(days: 1)).standings(
            asOf: today
        )
        let byNumber = Dictionary(standings.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let xml = desk.issuesFatturaPA
        let invoices: [TemplateValue] = try store.invoices(accountID: account.id).reversed().compactMap { invoice in
            guard let number = invoice.number else { return nil }
            let standing = byNumber[number]
            let stem = base + Self.fileStem(number)
            return .object([
                "number": .text(number.description), "date": .text(format.date(invoice.issueDate)),
                "due": .text(format.date(invoice.dueDate)), "total": .text(format.money(invoice.grandTotal)),
                "balance": .text(standing.map { format.money($0.balance) } ?? ""),
                "status": .text(standing.map { statusLabel($0, context.language) } ?? ""),
                "statusClass": .text(standing?.status.rawValue ?? ""),
                "pdf": .text(stem + ".pdf"), "html": .text(stem + ".html"), "xml": xml ? .text(stem + ".xml") : .null,
                "lastEmailed": try lastEmailed(kind: "invoice", reference: number.description, context.language),
                "facturx": facturXLink(number, accountID: account.id, customer: invoice.customer),
            ])
        }
        let notes: [TemplateValue] = try store.creditNotes().reversed().compactMap { note in
            guard let number = note.number, note.customer.accountID == account.id else { return nil }
            let stem = base + Self.fileStem(number)
            return .object([
                "number": .text(number.description), "date": .text(format.date(note.issueDate)),
                "invoice": .text(note.invoiceNumber.description), "total": .text(format.money(note.grandTotal)),
                "reason": .text(note.reason),
                "pdf": .text(stem + ".pdf"), "html": .text(stem + ".html"), "xml": xml ? .text(stem + ".xml") : .null,
                "facturx": facturXLink(number, accountID: account.id, customer: note.customer),
            ])
        }
        return try page(
            "invoices",
            [
                "account": accountValue(account, context: context), "invoices": .list(invoices),
                "creditNotes": .list(notes), "noInvoices": .flag(invoices.isEmpty),
                "noCreditNotes": .flag(notes.isEmpty),
            ],
            context: context
        )
    }

    /// A document of the account as PDF, HTML or FatturaPA XML; 404 for another account's or none.
    func documentDownload(_ request: Request, accountID: String, file: String) throws -> Response {
        guard let context = try signedIn(request) else { return Self.redirect(to: "/sign-in") }
        let account = try visibleAccount(accountID, context.session)
        guard let (number, format) = Self.parseDocumentFile(file), ["pdf", "html", "xml"].contains(format) else {
            throw HTTPError(.notFound)
        }
        let name = "\(Self.fileStem(number))-\(account.id).\(format)"
        if number.series == .creditNote {
            let year = try DatePeriod.year(number.year)
            guard let note = try store.creditNotes(issuedIn: year).first(where: { $0.number == number }),
                note.customer.accountID == account.id
            else { throw HTTPError(.notFound) }
            if format == "xml" { return try fatturaPADownload(number) }
            return try rendered(
                desk.issued().printable(note),
                format: format,
                fileName: name,
                reference: number.description,
                accountID: note.customer.accountID
            )
        }
        guard let invoice = try? store.invoice(number), invoice.customer.accountID == account.id else {
            throw HTTPError(.notFound)
        }
        if format == "xml" { return try fatturaPADownload(number) }
        return try rendered(
            desk.issued().printable(invoice, on: today),
            format: format,
            fileName: name,
            reference: number.description,
            accountID: invoice.customer.accountID
        )
    }

    /// `document` rendered as `format` ("pdf" or "html") for download as `fileName`, entered in the
    /// printed index under `reference` and `accountID` as the CLI's print of it would be.
    func rendered(
        _ document: PrintableDocument,
        format: String,
        fileName: String,
        reference: String,
        accountID: String?
    ) throws -> Response {
        let documentFormat: DocumentFormat = format == "pdf" ? .pdf : .html
        let data = try desk.render(document, as: documentFormat)
        try recordPrinted(
            data,
            kind: document.kind,
            reference: reference,
            accountID: accountID,
            format: documentFormat.rawValue,
            templateVersion: desk.templateVersion,
            fileName: fileName
        )
        return Self.download(
            data,
            fileName: fileName,
            contentType: documentFormat == .pdf ? "application/pdf" : "text/html; charset=utf-8"
        )
    }
}
