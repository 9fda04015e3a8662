import Billing
import Canvas
import Documents
import EInvoice
import Foundation
import HistoryStore
import IssuedDocuments

/// Prints an account's documents for download: the issued documents as ``IssuedDocuments`` gives
/// them to `ledgerprint invoices print` too, through the same renderer and templates.
///
/// One ``DocumentRenderer`` (not `Sendable`) is shared behind a lock: documents render one at a time.
final class DocumentDesk: @unchecked Sendable {
    // `renderer` is used only inside `lock`; everything else is immutable.
    let store: SQLiteStore
    private let renderer: DocumentRenderer
    private let lock = NSLock()
    private let templates: TemplateSet

    init(store: SQLiteStore, templateFolder: URL, fonts: FontLibrary) throws(DocumentError) {
        self.store = store
        let templates = try TemplateSet(folder: templateFolder)
        // The server does not start with a mistake in a template its pages download.
        try templates.prepare(["invoice", "credit-note", "statement"])
        self.templates = templates
        renderer = DocumentRenderer(templates: templates, fonts: fonts)
    }

    /// The issued documents with the vendor as it is now (read for every request: it may change
    /// while the server runs).
    func issued() throws -> IssuedDocuments {
        IssuedDocuments(store: store, vendor: try currentVendor(), templates: templates)
    }

    /// Renders `document` as PDF or HTML in the account's language; a PDF carries its Factur-X XML
    /// when the CLI's would (``IssuedDocuments/attachments(for:always:)``).
    func render(_ document: PrintableDocument, as format: DocumentFormat) throws -> Data {
        let attachments = format == .pdf ? try issued().attachments(for: document) : []
        lock.lock()
        defer { lock.unlock() }
        return try renderer.render(document, as: format, attachments: attachments).data
    }

    /// The FatturaPA XML of the invoice or credit note numbered `number`, when the vendor issues them
    /// (it has a Partita IVA).
    func fatturaPA(_ number: DocumentNumber) throws -> EInvoiceFile? {
        let issued = try issued()
        guard issued.eInvoicesRequired else { return nil }
        return try issued.fatturaPA(for: number)
    }

    /// Whether the vendor issues FatturaPA files.
    var issuesFatturaPA: Bool { (try? currentVendor()).map(FatturaPA.isRequired(for:)) ?? false }

    func currentVendor() throws -> Vendor {
        guard let vendor = try store.vendor() else { throw StoreError.notFound(kind: "vendor", id: "set-vendor") }
        return vendor
    }
}
