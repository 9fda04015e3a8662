import Billing
import Canvas
import Documents
import EInvoice
import Foundation
import HistoryStore

extension IssuedDocuments {
    /// Whether the vendor's documents need a FatturaPA file (it has a Partita IVA).
    public var eInvoicesRequired: Bool { FatturaPA.isRequired(for: vendor) }

    /// The FatturaPA file of the invoice or credit note numbered `number`.
    ///
    /// - Throws: `StoreError.notFound` for no such document, ``EInvoiceError`` for one the XML cannot say.
    public func fatturaPA(for number: DocumentNumber) throws -> EInvoiceFile {
        if number.series == .creditNote {
            let note = try creditNote(number)
            return try FatturaPA.creditNote(
                note,
                correcting: try? store.invoice(note.invoiceNumber),
                vendor: try store.vendor(asIssued: number, current: vendor),
                recipient: try store.account(note.customer.accountID).eInvoicing,
                wording: try wording(note.customer.locale)
            )
        }
        let invoice = try store.invoice(number)
        return try fatturaPA(for: invoice, vendor: try store.vendor(asIssued: number, current: vendor))
    }

    /// The FatturaPA file of `invoice`, already read with `vendor` as it was when it was issued.
    ///
    /// What a run read to print the PDF: the same file as for the invoice's number, without
    /// reading the invoice and the vendor a second time.
    ///
    /// `account`, the customer's account when it was read already (a worker's batch), is read
    /// from the store otherwise.
    ///
    /// - Throws: `StoreError.notFound` for a customer account that is not in the store,
    ///   ``EInvoiceError`` for an invoice the XML cannot say.
    public func fatturaPA(for invoice: Invoice, vendor: Vendor, account: Account? = nil) throws -> EInvoiceFile {
        try FatturaPA.invoice(
            invoice,
            vendor: vendor,
            recipient: try (account ?? store.account(invoice.customer.accountID)).eInvoicing,
            wording: try wording(invoice.customer.locale)
        )
    }

    /// The Factur-X XML (EN 16931) of the invoice or credit note numbered `number`.
    ///
    /// - Throws: `StoreError.notFound` for no such document, ``EInvoiceError`` for one the XML cannot say.
    public func facturX(for number: DocumentNumber) throws -> String {
        if number.series == .creditNote {
            let note = try creditNote(number)
            return try FacturX.creditNote(
                note,
                correcting: try? store.invoice(note.invoiceNumber),
                vendor: try store.vendor(asIssued: number, current: vendor),
                wording: try wording(note.customer.locale)
            )
        }
        let invoice = try store.invoice(number)
        return try FacturX.invoice(
            invoice,
            vendor: try store.vendor(asIssued: number, current: vendor),
            wording: try wording(invoice.customer.locale)
        )
    }

    /// What a PDF of `document` carries inside: its Factur-X XML (as `factur-x.xml`, which makes the
    /// PDF a PDF/A-3b) for an invoice or credit note whose customer expects one
    /// (`FacturX.isExpected(by:)`: the account's choice, by default German and French businesses),
    /// or for any with `always`.
    public func attachments(for document: PrintableDocument, always: Bool = false) throws -> [PDFAttachment] {
        let number: DocumentNumber?
        switch document {
        case .invoice(let invoice, _, _, _) where always || FacturX.isExpected(by: invoice.customer):
            number = invoice.number
        case .creditNote(let note, _) where always || FacturX.isExpected(by: note.customer):
            number = note.number
        default: number = nil
        }
        guard let number, eInvoicesRequired else { return [] }
        return [
            PDFAttachment(
                name: FacturX.fileName,
                data: Data(try facturX(for: number).utf8),
                mimeType: "text/xml",
                description: "Factur-X \(FacturX.conformanceLevel) e-invoice \(number)",
                relationship: "Alternative",
                metadata: .facturX(level: FacturX.conformanceLevel)
            )
        ]
    }

    /// The printed documents' wording in `language`, for the XML.
    func wording(_ language: String) throws -> EInvoiceWording {
        let words = try templates.wording(language: language)
        return EInvoiceWording(line: { words.line($0) }, taxNotes: { words.taxNotes($0) })
    }
}
