import Billing
import Canvas
import Documents
import Foundation
import HistoryStore
import IssuedDocuments

/// Renders documents from the store and writes them where they belong.
struct Printing {
    let store: any BillingStore
    let renderer: DocumentRenderer
    let vendor: Vendor
    let language: String?
    let strict: Bool
    /// The e-invoices whose Factur-X XML goes inside the PDFs of those who expect it.
    let eInvoices: EInvoiceFiles

    init(store: any BillingStore, options: PrintOptions) throws {
        self.store = store
        strict = options.strict
        renderer = try options.renderer()
        guard let vendor = try store.vendor() else {
            throw Failure(.notFound, "the store has no vendor: import a set-vendor event first (docs/data-format.md)")
        }
        self.vendor = vendor
        language = try options.language()
        eInvoices = EInvoiceFiles(store: store, vendor: vendor, templates: renderer.templates)
    }

    /// Makes the renderer keep the document it prints (``DocumentRenderer/keepsLastDocument``), for a command
    /// that prints one document and then ends with ``keepUntilExit()``.
    func keepsDocument() {
        renderer.keepsLastDocument = true
    }

    /// Leaves the renderer allocated, with its layout caches, fonts and last document, when the command returns.
    ///
    /// The process exits right after and the system takes its memory back at once, where freeing them object
    /// by object cost about 2 % of a long statement's instructions (`docs/performance.md`, speed28). They hold
    /// no file or connection: the document is written and recorded before, and the store is closed as usual.
    /// Only for commands that print one document and end, never in a loop or in the server.
    func keepUntilExit() {
        _ = Unmanaged.passRetained(renderer)
    }

    /// The files `document`'s PDF carries inside (its Factur-X XML, see ``EInvoiceFiles/attachments(for:always:)``).
    func attachments(for document: PrintableDocument, format: DocumentFormat = .pdf) throws -> [PDFAttachment] {
        guard format == .pdf else { return [] }
        return try eInvoices.attachments(for: document)
    }

    /// The file an invoice prints to: the same name wherever it is printed, so runs and archives find it.
    static func invoiceFileName(_ number: String, accountID: String, format: DocumentFormat) -> String {
        OutputFiles.safeName(["invoice", number, accountID], extension: format.rawValue)
    }

    static func fileName(for invoice: Invoice, format: DocumentFormat) -> String {
        invoiceFileName(
            invoice.number?.description ?? invoice.key,
            accountID: invoice.customer.accountID,
            format: format
        )
    }

    static func fileName(for note: CreditNote, format: DocumentFormat) -> String {
        OutputFiles.safeName(
            ["credit-note", note.number?.description ?? "", note.customer.accountID],
            extension: format.rawValue
        )
    }

    /// An issued invoice as printed on `date` (``IssuedDocuments/printable(_:on:)``).
    func printable(_ invoice: Invoice, on date: CalendarDate) throws -> PrintableDocument {
        try eInvoices.issued.printable(invoice, on: date)
    }

    /// Writes `document` to `url` and records it in the printed index.
    func write(
        _ document: PrintableDocument,
        reference: String,
        accountID: String?,
        format: DocumentFormat,
        to url: URL,
        force: Bool
    ) throws -> RenderedDocument {
        let rendered = try renderer.render(
            document,
            as: format,
            language: language,
            attachments: try attachments(for: document, format: format)
        )
        try Self.check(rendered, strict: strict, document: reference)
        try OutputFiles.write(rendered.data, to: url, force: force)
        try record(
            rendered,
            kind: document.kind,
            reference: reference,
            accountID: accountID,
            format: format,
            path: url.path
        )
        return rendered
    }

    /// Says each warning of `rendered` on standard error; with `--strict`, fails on the first instead
    /// (before anything is written).
    static func check(_ rendered: RenderedDocument, strict: Bool, document: String) throws {
        guard let first = rendered.warnings.first else { return }
        if strict { throw Failure(.invalidInput, "\(document): \(first) (--strict makes this an error)") }
        for warning in rendered.warnings {
            FileHandle.standardError.write(Data("ledgerprint: warning: \(document): \(Terminal.safe(warning))\n".utf8))
        }
    }

    func record(
        _ rendered: RenderedDocument,
        kind: String,
        reference: String,
        accountID: String?,
        format: DocumentFormat,
        path: String
    ) throws {
        if let sqlite = store as? SQLiteStore, sqlite.isReadOnly {
            // A read-only store (an archived copy) prints, but cannot remember what it printed.
            return FileHandle.standardError.write(
                Data("ledgerprint: warning: \(path) not recorded as printed: the store is read-only\n".utf8)
            )
        }
        do {
            try store.recordPrinted(
                PrintedDocument(
                    kind: kind,
                    reference: reference,
                    accountID: accountID,
                    format: format.rawValue,
                    sha256: SHA256.hex(rendered.data),
                    size: rendered.data.count,
                    templateVersion: renderer.templates.version,
                    printedAt: Timestamp.now(),
                    path: path
                )
            )
        } catch StoreError.unprotected(let location, _) {
            // The document is printed from records the store still holds; only the index waits for `init`.
            FileHandle.standardError.write(
                Data(
                    "ledgerprint: warning: \(path) not recorded as printed: \(location) has lost a protective trigger; run 'ledgerprint init'\n"
                        .utf8
                )
            )
        }
    }
}

extension StoreOptions {
    /// The event date for actions that should not act in the future of `date`.
    func date(notAfter date: CalendarDate) throws -> CalendarDate { min(try self.date(), date) }
}
