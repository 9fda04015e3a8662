import Billing
import Documents
import HistoryStore

/// Issued invoices and credit notes as they print now — with the vendor they were issued by, marked
/// paid or void as they stand — and their e-invoices: the one place `ledgerprint` and the Billing
/// Center both take them from, so a document downloaded from the web is the one the command prints.
public struct IssuedDocuments: Sendable {
    /// The store the documents are read from.
    public let store: any BillingStore
    /// The vendor as it is now (a document prints with the vendor it was issued by, when the store kept it).
    public let vendor: Vendor
    /// The templates whose words the e-invoices use, as the courtesy copies print them.
    public let templates: TemplateSet

    /// The documents of `store`, whose vendor is now `vendor`, worded as `templates` word them.
    public init(store: any BillingStore, vendor: Vendor, templates: TemplateSet) {
        self.store = store
        self.vendor = vendor
        self.templates = templates
    }

    /// An issued invoice as printed on `date`: marked as it stands then, a void one naming its credit note.
    public func printable(_ invoice: Invoice, on date: CalendarDate) throws -> PrintableDocument {
        let mark = try mark(of: invoice, on: date)
        let voidedBy = mark == .void ? try creditNotes(of: invoice).last?.number : nil
        return .invoice(
            invoice,
            vendor: try store.vendor(asIssued: invoice.number, current: vendor),
            mark: mark,
            voidedBy: voidedBy
        )
    }

    /// An issued credit note with the vendor it was issued by.
    public func printable(_ note: CreditNote) throws -> PrintableDocument {
        .creditNote(note, vendor: try store.vendor(asIssued: note.number, current: vendor))
    }

    /// How an issued invoice prints on `date`: void once credit notes have credited all of it, paid
    /// when nothing of it is unpaid on that day, else unmarked.
    public func mark(of invoice: Invoice, on date: CalendarDate) throws -> DocumentMark {
        guard let number = invoice.number else { return .none }
        // A partly credited invoice is paid or not by what is left.
        let notes = try creditNotes(of: invoice)
        if !notes.isEmpty, CreditNote.uncredited(invoice, after: notes).isZero { return .void }
        // The statement's unpaid invoices, from the figures of the account's invoices alone.
        let unpaid = try store.unpaidInvoices(ofAccount: invoice.customer.accountID, asOf: max(date, invoice.issueDate))
        return unpaid.contains { $0.number == number } ? .none : .paid
    }

    /// The credit notes of an issued invoice, oldest first.
    public func creditNotes(of invoice: Invoice) throws -> [CreditNote] {
        // One indexed look-up answers for the many invoices no credit note corrects.
        guard let number = invoice.number, try store.creditNote(voiding: number) != nil else { return [] }
        return try store.creditNotes().filter { $0.invoiceNumber == number }
    }

    /// The issued credit note numbered `number`.
    ///
    /// - Throws: `StoreError.notFound` when there is none.
    public func creditNote(_ number: DocumentNumber) throws -> CreditNote {
        let year = try DatePeriod.year(number.year)
        guard let note = try store.creditNotes(issuedIn: year).first(where: { $0.number == number }) else {
            throw StoreError.notFound(kind: "credit note", id: number.description)
        }
        return note
    }
}
