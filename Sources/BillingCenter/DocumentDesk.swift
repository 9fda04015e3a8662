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

    /// Renders `document` as PDF or HTML in the account's language.
    func render(_ document: PrintableDocument, as format: DocumentFormat) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        return try renderer.render(document, as: format).data
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
