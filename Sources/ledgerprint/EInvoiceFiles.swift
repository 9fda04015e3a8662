import ArgumentParser
import Billing
import Documents
import EInvoice
import Foundation
import HistoryStore

/// The FatturaPA files of issued documents, read through the store's public API and written
/// beside the PDFs (`invoices print --format xml`, `invoices run`, `demo`).
struct EInvoiceFiles {
    let store: SQLiteStore
    let vendor: Vendor

    /// What `FatturaPA` writes for a vendor: "FatturaPA 1.2.2", in the printed index.
    static let version = "FatturaPA 1.2.2"

    /// The e-invoice files of `store`'s vendor.
    ///
    /// - Throws: ``Failure`` when the store has no vendor.
    init(store: SQLiteStore) throws {
        self.store = store
        guard let vendor = try store.vendor() else {
            throw Failure(.notFound, "the store has no vendor: import a set-vendor event first (docs/data-format.md)")
        }
        self.vendor = vendor
    }

    /// Whether the vendor's documents need a FatturaPA file (it has a Partita IVA).
    var areRequired: Bool { FatturaPA.isRequired(for: vendor) }

    /// The file of the invoice or credit note numbered `number`.
    func file(for number: DocumentNumber) throws -> EInvoiceFile {
        do {
            if number.series == .creditNote {
                guard let note = try store.creditNotes(issuedIn: nil).first(where: { $0.number == number }) else {
                    throw Failure(.notFound, "no credit note '\(number)' in the store")
                }
                let invoice = try? store.invoice(note.invoiceNumber)
                let account = try store.account(note.customer.accountID)
                return try FatturaPA.creditNote(
                    note,
                    correcting: invoice,
                    vendor: vendor,
                    recipient: account.eInvoicing
                )
            }
            let invoice = try store.invoice(number)
            let account = try store.account(invoice.customer.accountID)
            return try FatturaPA.invoice(invoice, vendor: vendor, recipient: account.eInvoicing)
        } catch let error as EInvoiceError {
            throw Failure(.invalidInput, error.description)
        }
    }

    /// Writes `file` to `url` (all or nothing), records it in the printed index, and reports its
    /// Latin-1 replacements on standard error.
    func write(_ file: EInvoiceFile, reference: String, accountID: String?, to url: URL, force: Bool) throws {
        let data = file.data
        try OutputFiles.write(data, to: url, force: force)
        try store.recordPrinted(
            PrintedDocument(
                kind: reference.hasPrefix("NC-") ? "credit-note" : "invoice",
                reference: reference,
                accountID: accountID,
                format: "xml",
                sha256: SHA256.hex(data),
                size: data.count,
                templateVersion: Self.version,
                printedAt: ISO8601DateFormatter().string(from: Date()),
                path: url.path
            )
        )
        for warning in file.warnings {
            FileHandle.standardError.write(Data("ledgerprint: warning: \(warning)\n".utf8))
        }
    }
}

/// What `invoices print` writes: a PDF or HTML document, or the FatturaPA XML.
enum PrintFormat: String, CaseIterable, ExpressibleByArgument {
    /// PDF drawn with Cairo.
    case pdf
    /// One HTML file.
    case html
    /// The FatturaPA 1.2.2 e-invoice.
    case xml
}

extension PrintFormat {
    /// The rendered format, or `nil` for the XML.
    var document: DocumentFormat? { DocumentFormat(rawValue: rawValue) }
}
