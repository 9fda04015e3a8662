import Billing
import Foundation

/// Writes FatturaPA 1.2.2 XML, the Italian e-invoice, for issued invoices and credit notes of a
/// vendor registered for VAT in Italy (one with a Partita IVA).
///
/// The output is the file the Sistema di Interscambio (SdI) receives: `FPR12` (business and
/// consumer customers), `TD01` for an invoice, `TD04` for a credit note with the invoice it
/// corrects in `DatiFattureCollegate`. It validates against the official schema; see
/// `docs/einvoice.md` for how every element is filled.
///
/// ```swift
/// let file = try FatturaPA.invoice(invoice, vendor: vendor, recipient: account.eInvoicing)
/// try file.data.write(to: folder.appendingPathComponent(file.fileName))
/// for warning in file.warnings { print(warning) }
/// ```
public enum FatturaPA {
    /// The namespace of the root element; its children are unqualified.
    static let namespace = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"

    /// Whether documents of `vendor` need a FatturaPA file: the vendor has a Partita IVA.
    public static func isRequired(for vendor: Vendor) -> Bool {
        vendor.taxIdentifiers.contains { $0.kind == .partitaIVA }
    }

    /// The FatturaPA file of an issued invoice.
    ///
    /// - Parameters:
    ///   - invoice: The issued invoice.
    ///   - vendor: The seller; it must have a Partita IVA.
    ///   - recipient: Where the customer receives e-invoices (the account's current
    ///     ``Account/eInvoicing``); `nil` writes `0000000` for an Italian customer.
    ///   - wording: How lines and tax notes are worded: as the printed document words them.
    /// - Returns: The file's name, XML and the Latin-1 replacements made.
    /// - Throws: ``EInvoiceError`` naming the invoice and the field when the file would not be valid.
    public static func invoice(
        _ invoice: Invoice,
        vendor: Vendor,
        recipient: EInvoiceAddress?,
        wording: EInvoiceWording = .stored
    ) throws(EInvoiceError) -> EInvoiceFile {
        let document = try SourceDocument(issued: invoice, wording: wording, numberField: "Numero")
        var builder = Builder(document: document, vendor: vendor, recipient: recipient)
        return try builder.file()
    }

    /// The FatturaPA file of an issued credit note.
    ///
    /// - Parameters:
    ///   - note: The issued credit note.
    ///   - invoice: The invoice it corrects, for its date in `DatiFattureCollegate`; `nil` writes the
    ///     number alone.
    ///   - vendor: The seller; it must have a Partita IVA.
    ///   - recipient: Where the customer receives e-invoices; `nil` writes `0000000` for an Italian customer.
    ///   - wording: How lines and tax notes are worded: as the printed document words them.
    /// - Returns: The file's name, XML and the Latin-1 replacements made.
    /// - Throws: ``EInvoiceError`` naming the credit note and the field when the file would not be valid.
    public static func creditNote(
        _ note: CreditNote,
        correcting invoice: Invoice?,
        vendor: Vendor,
        recipient: EInvoiceAddress?,
        wording: EInvoiceWording = .stored
    ) throws(EInvoiceError) -> EInvoiceFile {
        guard let number = note.number else {
            throw EInvoiceError(
                document: "credit note",
                field: "Numero",
                reason: "a draft has no number; issue it first"
            )
        }
        var document = SourceDocument(note: note, number: number)
        document.wording = wording
        document.purchaseOrder = invoice?.purchaseOrderNumber
        document.corrected = (note.invoiceNumber, invoice?.issueDate)
        var builder = Builder(document: document, vendor: vendor, recipient: recipient)
        return try builder.file()
    }
}

/// A FatturaPA file: its name, its bytes, and what had to be replaced to write it.
public struct EInvoiceFile: Sendable, Hashable {
    /// `IT<IdCodice>_<progressive>.xml`, such as `IT39182740587_0G3A5.xml`.
    public var fileName: String
    /// The XML text.
    public var xml: String
    /// Characters that Latin-1 cannot hold, with what was written instead.
    public var warnings: [String]

    /// The XML as UTF-8 bytes, as it is written to disk.
    public var data: Data { Data(xml.utf8) }
}

/// What the builder needs of an invoice or credit note.
struct SourceDocument {
    enum Kind { case invoice, creditNote }

    var kind: Kind
    var number: DocumentNumber
    var issueDate: CalendarDate
    var customer: CustomerDetails
    var currency: Currency
    var lines: [InvoiceLine]
    var totals: DocumentTotals
    var stampDuty: Money?
    var grandTotal: Money
    var taxNote: String?
    var purchaseOrder: String?
    var payment: PaymentDue?
    var corrected: (number: DocumentNumber, date: CalendarDate?)?
    var reason: String?
    var wording = EInvoiceWording.stored
}

extension SourceDocument {
    /// What an e-invoice reads of an issued invoice, with its payment and wording.
    ///
    /// - Throws: ``EInvoiceError`` at `numberField` for a draft, which has no number yet.
    init(issued invoice: Invoice, wording: EInvoiceWording, numberField: String) throws(EInvoiceError) {
        guard let number = invoice.number else {
            throw EInvoiceError(
                document: invoice.key,
                field: numberField,
                reason: "a draft has no number; issue it first"
            )
        }
        self.init(invoice: invoice, number: number)
        self.wording = wording
        payment = PaymentDue(
            terms: invoice.terms,
            method: invoice.paymentMethod,
            dueDate: invoice.dueDate,
            amount: invoice.amountDue
        )
    }
}

/// The payment part of an invoice.
struct PaymentDue {
    var terms: PaymentTerms
    var method: PaymentMethod?
    var dueDate: CalendarDate
    var amount: Money
}
