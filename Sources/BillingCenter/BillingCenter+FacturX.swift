import Billing
import Documents
import EInvoice
import Foundation
import HistoryStore
import Hummingbird

/// The Factur-X (EN 16931, CII) XML of an invoice or credit note as a download of its own: the
/// same bytes its PDF carries inside as `factur-x.xml`, offered for exactly the documents whose
/// PDF carries one (``IssuedDocuments/attachments(for:always:)``).
extension BillingCenter {
    func addFacturXRoutes(to router: Router<BasicRequestContext>) {
        router.get("/accounts/{account}/factur-x/{file}") { request, context in
            try self.facturXDownload(
                request,
                accountID: context.parameters.require("account"),
                file: context.parameters.require("file")
            )
        }
    }

    /// Whether the PDF of a document for `customer` carries its Factur-X XML: the vendor issues
    /// e-invoices and the customer expects EN 16931 ones (by default a German or French business).
    func carriesFacturX(_ customer: CustomerDetails) -> Bool {
        desk.issuesFatturaPA && FacturX.isExpected(by: customer)
    }

    /// The address of the Factur-X XML of document `number` of `accountID` when its PDF carries one;
    /// `.null` otherwise (for the invoices page).
    func facturXLink(_ number: DocumentNumber, accountID: String, customer: CustomerDetails) -> TemplateValue {
        guard carriesFacturX(customer) else { return .null }
        return .text("/accounts/" + Self.pathSegment(accountID) + "/factur-x/" + Self.fileStem(number) + ".xml")
    }

    /// `invoice-2026-0015.xml` or `credit-note-2026-0001.xml`: the document's Factur-X XML; 404 for
    /// another account's, one whose PDF carries none, or none.
    private func facturXDownload(_ request: Request, accountID: String, file: String) throws -> Response {
        guard let page = try signedIn(request) else { return Self.redirect(to: "/sign-in") }
        let account = try visibleAccount(accountID, page.session)
        guard let (number, format) = Self.parseDocumentFile(file), format == "xml" else { throw HTTPError(.notFound) }
        let customer: CustomerDetails
        if number.series == .creditNote {
            guard
                let note = try store.creditNotes(issuedIn: try DatePeriod.year(number.year)).first(where: {
                    $0.number == number
                })
            else { throw HTTPError(.notFound) }
            customer = note.customer
        } else {
            guard let invoice = try? store.invoice(number) else { throw HTTPError(.notFound) }
            customer = invoice.customer
        }
        guard customer.accountID == account.id, carriesFacturX(customer) else { throw HTTPError(.notFound) }
        let xml = try desk.issued().facturX(for: number)
        return Self.download(
            Data(xml.utf8),
            fileName: "\(Self.fileStem(number))-\(account.id)-factur-x.xml",
            contentType: "application/xml"
        )
    }
}
