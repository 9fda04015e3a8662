import Billing
import Canvas
import Documents
import EInvoice
import Foundation
import HistoryStore

/// Prints an account's documents for download, with the same renderer, templates and e-invoice
/// builders as `ledgerprint invoices print` and `ledgerprint statement`.
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
        self.templates = templates
        renderer = DocumentRenderer(templates: templates, fonts: fonts)
    }

    /// Renders `document` as PDF or HTML in the account's language; a PDF carries its Factur-X XML
    /// when the CLI's would (``facturXAttachments(for:)``).
    func render(_ document: PrintableDocument, as format: DocumentFormat) throws -> Data {
        let attachments = format == .pdf ? try facturXAttachments(for: document) : []
        lock.lock()
        defer { lock.unlock() }
        return try renderer.render(document, as: format, attachments: attachments).data
    }

    /// The Factur-X XML (as `factur-x.xml`, making the PDF a PDF/A-3b) of an invoice or credit note
    /// whose customer expects one (German and French businesses), as `invoices print` embeds it.
    func facturXAttachments(for document: PrintableDocument) throws -> [PDFAttachment] {
        let vendor = try currentVendor()
        guard FatturaPA.isRequired(for: vendor) else { return [] }
        let xml: String
        let number: DocumentNumber
        switch document {
        case .invoice(let invoice, let issuedVendor, _, _) where FacturX.isExpected(by: invoice.customer):
            guard let issued = invoice.number else { return [] }
            number = issued
            xml = try FacturX.invoice(invoice, vendor: issuedVendor, wording: wording(invoice.customer.locale))
        case .creditNote(let note, let issuedVendor) where FacturX.isExpected(by: note.customer):
            guard let issued = note.number else { return [] }
            number = issued
            xml = try FacturX.creditNote(
                note,
                correcting: try? store.invoice(note.invoiceNumber),
                vendor: issuedVendor,
                wording: wording(note.customer.locale)
            )
        default: return []
        }
        return [
            PDFAttachment(
                name: FacturX.fileName,
                data: Data(xml.utf8),
                mimeType: "text/xml",
                description: "Factur-X \(FacturX.conformanceLevel) e-invoice \(number)",
                relationship: "Alternative",
                metadata: .facturX(level: FacturX.conformanceLevel)
            )
        ]
    }

    /// An issued invoice as printed now: marked void or paid as its standing says, a void one naming its credit note.
    func printable(_ invoice: Invoice, standing: InvoiceStatus?, creditNotes: [CreditNote]) throws -> PrintableDocument
    {
        let vendor = try currentVendor()
        let issuedVendor = try invoice.number.flatMap { number throws(StoreError) in try store.issuedVendor(number) }
        let mark: DocumentMark
        switch standing {
        case .void?: mark = .void
        case .paid?: mark = .paid
        default: mark = .none
        }
        let voidedBy = mark == .void ? creditNotes.last(where: { $0.invoiceNumber == invoice.number })?.number : nil
        return .invoice(invoice, vendor: issuedVendor ?? vendor, mark: mark, voidedBy: voidedBy)
    }

    /// A credit note with the vendor it was issued by.
    func printable(_ note: CreditNote) throws -> PrintableDocument {
        let issuedVendor = try note.number.flatMap { number throws(StoreError) in try store.issuedVendor(number) }
        return .creditNote(note, vendor: try issuedVendor ?? currentVendor())
    }

    /// The FatturaPA XML of an invoice or credit note, when the vendor issues them (it has a Partita IVA).
    func fatturaPA(
        invoice: Invoice? = nil,
        creditNote: CreditNote? = nil,
        correcting: Invoice? = nil
    ) throws -> EInvoiceFile? {
        let vendor = try currentVendor()
        guard FatturaPA.isRequired(for: vendor) else { return nil }
        if let invoice, let number = invoice.number {
            let account = try store.account(invoice.customer.accountID)
            return try FatturaPA.invoice(
                invoice,
                vendor: try store.issuedVendor(number) ?? vendor,
                recipient: account.eInvoicing,
                wording: wording(invoice.customer.locale)
            )
        }
        if let creditNote, let number = creditNote.number {
            let account = try store.account(creditNote.customer.accountID)
            return try FatturaPA.creditNote(
                creditNote,
                correcting: correcting,
                vendor: try store.issuedVendor(number) ?? vendor,
                recipient: account.eInvoicing,
                wording: wording(creditNote.customer.locale)
            )
        }
        return nil
    }

    /// Whether the vendor issues FatturaPA files.
    var issuesFatturaPA: Bool { (try? currentVendor()).map(FatturaPA.isRequired(for:)) ?? false }

    func currentVendor() throws -> Vendor {
        guard let vendor = try store.vendor() else { throw StoreError.notFound(kind: "vendor", id: "set-vendor") }
        return vendor
    }

    private func wording(_ language: String) -> EInvoiceWording {
        let words = templates.wording(language: language)
        return EInvoiceWording(line: { words.line($0) }, taxNotes: { words.taxNotes($0) })
    }
}
