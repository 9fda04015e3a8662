import Billing

/// Writes the Factur-X / ZUGFeRD XML (EN 16931 profile, UN/CEFACT CII syntax) of issued invoices
/// and credit notes: the European e-invoice that German and French businesses receive inside a
/// PDF/A-3 as `factur-x.xml`.
///
/// It says what the printed document says: the same number, dates, parties, lines (worded as the
/// document words them), VAT per category and rate, totals to the cent and PO reference. The VAT
/// category follows from the document as issued: `S` where VAT is charged, `AE` (reverse charge)
/// for an EU business with its VAT number, `O` (not subject) outside the EU, `E`, `K` or `G` for
/// the Italian exemptions that name them. It validates against the Factur-X 1.09 EN 16931 schema
/// and its Schematron (`docs/einvoice.md`).
///
/// ```swift
/// let xml = try FacturX.invoice(invoice, vendor: vendor)
/// try Data(xml.utf8).write(to: folder.appendingPathComponent(FacturX.fileName))
/// ```
public enum FacturX {
    /// The name the file has inside the PDF, as the standard requires.
    public static let fileName = "factur-x.xml"
    /// The profile's guideline identifier (BT-24): EN 16931.
    public static let guideline = "urn:cen.eu:en16931:2017"
    /// The profile's name in the PDF's XMP metadata (`fx:ConformanceLevel`).
    public static let conformanceLevel = "EN 16931"

    /// Whether `customer` gets Factur-X: when the account asked for it (``EInvoiceChoice/facturX``),
    /// never when it opted out (``EInvoiceChoice/plainPDF``), and otherwise (``EInvoiceChoice/auto``)
    /// a business in Germany or France with a VAT number of its country, who must accept EN 16931
    /// e-invoices.
    public static func isExpected(by customer: CustomerDetails) -> Bool {
        switch customer.eInvoiceForm {
        case .facturX: return true
        case .plainPDF: return false
        case .auto, nil: break
        }
        let country = customer.address.country
        guard ["DE", "FR"].contains(country) else { return false }
        return TaxBuyer(country: country, taxIdentifiers: customer.taxIdentifiers).hasVATNumber(of: country)
    }

    /// The Factur-X XML of an issued invoice.
    ///
    /// - Throws: ``EInvoiceError`` naming the invoice and the field when the file would not be
    ///   valid: a draft, a tax that is not VAT (US sales tax), or a stamp duty.
    public static func invoice(
        _ invoice: Invoice,
        vendor: Vendor,
        wording: EInvoiceWording = .stored
    ) throws(EInvoiceError) -> String {
        let document = try SourceDocument(issued: invoice, wording: wording, numberField: "BT-1")
        var writer = FacturXWriter(document: document, vendor: vendor)
        return try writer.file()
    }

    /// The Factur-X XML of an issued credit note, naming the invoice it corrects (BT-25, BT-26).
    public static func creditNote(
        _ note: CreditNote,
        correcting invoice: Invoice?,
        vendor: Vendor,
        wording: EInvoiceWording = .stored
    ) throws(EInvoiceError) -> String {
        guard let number = note.number else {
            throw EInvoiceError(document: "credit note", field: "BT-1", reason: "a draft has no number; issue it first")
        }
        var document = SourceDocument(note: note, number: number)
        document.wording = wording
        document.purchaseOrder = invoice?.purchaseOrderNumber
        document.corrected = (note.invoiceNumber, invoice?.issueDate)
        var writer = FacturXWriter(document: document, vendor: vendor)
        return try writer.file()
    }
}

/// One VAT category of EN 16931 (UNTDID 5305) with its exemption reason.
struct VATCategory: Hashable {
    /// `S`, `AE`, `O`, `E`, `K`, `G`.
    var code: String
    /// The exemption reason text (BT-120) and code (BT-121), for every category but `S`.
    var reason: (text: String, code: String)?

    init(code: String, reason: (text: String, code: String)? = nil) {
        self.code = code
        self.reason = reason
    }

    static func == (left: Self, right: Self) -> Bool { left.code == right.code }
    func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// Whether the rate is written: every category but "not subject" (BR-O-05).
    var hasRate: Bool { code != "O" }
}

/// Builds one Factur-X file.
struct FacturXWriter {
    let document: SourceDocument
    let vendor: Vendor
    var xml = XMLWriter()

    init(document: SourceDocument, vendor: Vendor) {
        self.document = document
        self.vendor = vendor
    }

    func fail(_ field: String, _ reason: String) -> EInvoiceError {
        EInvoiceError(document: document.number.description, field: field, reason: reason)
    }

    mutating func file() throws(EInvoiceError) -> String {
        if let stamp = document.stampDuty, !stamp.isZero {
            throw fail("BT-99", "the Italian stamp duty is not VAT and Factur-X has no place for it; use the FatturaPA")
        }
        if (document.taxNote ?? "").contains("Sales tax: ") {
            throw fail("BT-118", "US sales tax is not VAT: Factur-X carries VAT only")
        }
        let zeroCategory = try category(forZeroRate: ())
        xml.start(
            "rsm:CrossIndustryInvoice",
            [
                "xmlns:rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
                "xmlns:qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
                "xmlns:ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
                "xmlns:udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
            ]
        )
        xml.start("rsm:ExchangedDocumentContext")
        xml.start("ram:GuidelineSpecifiedDocumentContextParameter")
        xml.element("ram:ID", FacturX.guideline)
        xml.end()
        xml.end()
        try exchangedDocument()
        xml.start("rsm:SupplyChainTradeTransaction")
        for (index, line) in document.lines.enumerated() {
            try lineItem(line, number: index + 1, zeroCategory: zeroCategory)
        }
        try agreement(notSubject: zeroCategory?.code == "O" && document.lines.contains { $0.taxRate == .zero })
        xml.start("ram:ApplicableHeaderTradeDelivery")
        xml.start("ram:ActualDeliverySupplyChainEvent")
        date("ram:OccurrenceDateTime", document.issueDate)
        xml.end()
        xml.end()
        try settlement(zeroCategory: zeroCategory)
        xml.end()
        return xml.document
    }

    // MARK: Header

    private mutating func exchangedDocument() throws(EInvoiceError) {
        xml.start("rsm:ExchangedDocument")
        xml.element("ram:ID", document.number.description)
        xml.element("ram:TypeCode", document.kind == .invoice ? "380" : "381")
        date("ram:IssueDateTime", document.issueDate)
        let notes = [document.reason].compactMap { $0 } + (document.taxNote.map(document.wording.taxNotes) ?? [])
        for note in notes where !note.isEmpty {
            xml.start("ram:IncludedNote")
            xml.element("ram:Content", note)
            xml.end()
        }
        xml.end()
    }

    private mutating func agreement(notSubject: Bool) throws(EInvoiceError) {
        xml.start("ram:ApplicableHeaderTradeAgreement")
        guard let partitaIVA = vendor.taxIdentifiers.first(where: { $0.kind == .partitaIVA })?.value else {
            throw fail("BT-31", "the vendor has no VAT number (Partita IVA), which EN 16931 needs of a VAT invoice")
        }
        // "Not subject" lines forbid VAT numbers (BR-O-02): the seller's is then its tax registration.
        party(
            "ram:SellerTradeParty",
            name: vendor.legalName,
            address: vendor.address,
            email: vendor.email,
            registration: (notSubject ? "FC" : "VA", "IT" + partitaIVA),
            legalRegistration: partitaIVA
        )
        let buyerVAT = document.customer.taxIdentifiers.first { $0.kind == .euVAT || $0.kind == .partitaIVA }
        party(
            "ram:BuyerTradeParty",
            name: document.customer.name,
            address: document.customer.address,
            email: document.customer.contactEmail,
            registration: notSubject
                ? nil
                : buyerVAT.map { ("VA", $0.kind == .partitaIVA ? "IT" + $0.value : $0.value) }
        )
        if let order = document.purchaseOrder {
            xml.start("ram:BuyerOrderReferencedDocument")
            xml.element("ram:IssuerAssignedID", order)
            xml.end()
        }
        xml.end()
    }

    private mutating func party(
        _ element: String,
        name: String,
        address: Address,
        email: String,
        registration: (scheme: String, id: String)?,
        legalRegistration: String? = nil
    ) {
        xml.start(element)
        xml.element("ram:Name", name)
        if let legalRegistration {
            // BT-30: the seller is identified even where its VAT number may not be written (BR-CO-26).
            xml.start("ram:SpecifiedLegalOrganization")
            xml.element("ram:ID", legalRegistration)
            xml.end()
        }
        xml.start("ram:PostalTradeAddress")
        xml.element("ram:PostcodeCode", ifPresent: address.postalCode.isEmpty ? nil : address.postalCode)
        let lines = address.lines.filter { !$0.isEmpty }
        for (name, text) in zip(["ram:LineOne", "ram:LineTwo", "ram:LineThree"], lines) { xml.element(name, text) }
        xml.element("ram:CityName", address.city)
        xml.element("ram:CountryID", address.country)
        xml.element("ram:CountrySubDivisionName", ifPresent: address.region)
        xml.end()
        if !email.isEmpty {
            xml.start("ram:URIUniversalCommunication")
            xml.element("ram:URIID", ["schemeID": "EM"], email)
            xml.end()
        }
        if let registration {
            xml.start("ram:SpecifiedTaxRegistration")
            xml.element("ram:ID", ["schemeID": registration.scheme], registration.id)
            xml.end()
        }
        xml.end()
    }

    mutating func date(_ element: String, _ day: CalendarDate, qualified: Bool = false) {
        xml.start(element)
        let digits = day.description.filter { $0 != "-" }
        xml.element(qualified ? "qdt:DateTimeString" : "udt:DateTimeString", ["format": "102"], digits)
        xml.end()
    }
}
