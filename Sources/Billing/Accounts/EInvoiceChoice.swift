/// Whether an account's invoices and credit notes are Factur-X / ZUGFeRD files: PDF/A-3b with
/// their EN 16931 XML (`factur-x.xml`) inside, which the customer's accounting software reads.
public enum EInvoiceChoice: String, Sendable, Hashable, Codable, CaseIterable {
    /// Factur-X for a business in Germany or France (with a VAT number of its country), who must
    /// accept EN 16931 e-invoices; a plain PDF for anyone else.
    case auto
    /// Always Factur-X: the customer asked for it.
    case facturX = "factur-x"
    /// Never Factur-X, a plain PDF: the customer opted out.
    case plainPDF = "none"
}
