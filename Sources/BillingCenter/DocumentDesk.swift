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
/// A ``DocumentRenderer`` is not `Sendable`: its layout engine caches text and images and its
/// ``FontLibrary`` holds a Pango font map and a cache of faces. So the desk keeps a pool of up to
/// `renderers` of them, each with a font library of its own (made the first time it is needed), and
/// lends each to one render at a time: up to `renderers` documents render at once. The parsed
/// templates are shared (``TemplateSet`` is `Sendable`).
final class DocumentDesk: @unchecked Sendable {
    // `idle` and `made` are used only inside `lock`; a renderer taken out of `idle` is used by one
    // thread until it is put back. Everything else is immutable.
    let store: any BillingStore
    private let templates: TemplateSet
    private let fontConfiguration: URL
    private let lock = NSCondition()
    private var idle: [DocumentRenderer]
    private var made: Int
    /// How many documents may render at once.
    let renderers: Int
    /// The fingerprint of the template folder, as the printed index records it.
    var templateVersion: String { templates.version }

    init(store: any BillingStore, templateFolder: URL, fonts: FontLibrary, renderers: Int) throws(DocumentError) {
        self.store = store
        let templates = try TemplateSet(folder: templateFolder)
        // The server does not start with a mistake in a template its pages download.
        try templates.prepare(["invoice", "credit-note", "statement"])
        self.templates = templates
        fontConfiguration = fonts.configurationFile
        self.renderers = max(1, renderers)
        idle = [DocumentRenderer(templates: templates, fonts: fonts)]
        made = 1
    }

    /// An idle renderer, a new one while fewer than ``renderers`` exist, else the next one put back.
    private func borrow() throws -> DocumentRenderer {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let renderer = idle.popLast() { return renderer }
            if made < renderers {
                made += 1
                do {
                    return DocumentRenderer(
                        templates: templates,
                        fonts: try FontLibrary(configurationFile: fontConfiguration)
                    )
                } catch {
                    made -= 1
                    throw error
                }
            }
            lock.wait()
        }
    }

    private func giveBack(_ renderer: DocumentRenderer) {
        lock.lock()
        idle.append(renderer)
        lock.signal()
        lock.unlock()
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
        let renderer = try borrow()
        defer { giveBack(renderer) }
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
