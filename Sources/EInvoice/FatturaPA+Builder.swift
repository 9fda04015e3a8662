import Billing
import Foundation

/// Builds one FatturaPA file: header (transmission, seller, buyer), then the body.
struct Builder {
    let document: SourceDocument
    let vendor: Vendor
    let recipient: EInvoiceAddress?
    var text = Latin1Text()
    var xml = XMLWriter()

    init(document: SourceDocument, vendor: Vendor, recipient: EInvoiceAddress?) {
        self.document = document
        self.vendor = vendor
        self.recipient = recipient
    }

    /// The error of this document at `field`.
    func fail(_ field: String, _ reason: String) -> EInvoiceError {
        EInvoiceError(document: document.number.description, field: field, reason: reason)
    }

    /// The whole file: checks first (seller, progressive, per-rate totals), then header and body.
    mutating func file() throws(EInvoiceError) -> EInvoiceFile {
        guard let seller = vendor.taxIdentifiers.first(where: { $0.kind == .partitaIVA })?.value else {
            throw fail(
                "CedentePrestatore/IdFiscaleIVA",
                "the vendor has no Partita IVA, so it is not registered for VAT in Italy and issues no FatturaPA"
            )
        }
        let progressive = try FileProgressive.code(for: document.number)
        let summary = try summaryRows()
        xml.start("p:FatturaElettronica", ["versione": "FPR12", "xmlns:p": FatturaPA.namespace])
        xml.start("FatturaElettronicaHeader")
        try header(seller: seller, progressive: progressive)
        xml.end()
        xml.start("FatturaElettronicaBody")
        try body(summary: summary)
        xml.end()
        return EInvoiceFile(
            fileName: "IT\(seller)_\(progressive).xml",
            xml: xml.document,
            warnings: text.warnings.map { "\(document.number): \($0)" }
        )
    }

    // MARK: Header

    private mutating func header(seller: String, progressive: String) throws(EInvoiceError) {
        xml.start("DatiTrasmissione")
        xml.start("IdTrasmittente")
        xml.element("IdPaese", "IT")
        xml.element("IdCodice", seller)
        xml.end()
        xml.element("ProgressivoInvio", progressive)
        xml.element("FormatoTrasmissione", "FPR12")
        let (code, pec) = destination()
        xml.element("CodiceDestinatario", code)
        xml.element("PECDestinatario", ifPresent: pec)
        xml.end()

        xml.start("CedentePrestatore")
        xml.start("DatiAnagrafici")
        xml.start("IdFiscaleIVA")
        xml.element("IdPaese", "IT")
        xml.element("IdCodice", seller)
        xml.end()
        try anagrafica(vendor.legalName, field: "CedentePrestatore/Anagrafica/Denominazione")
        xml.element("RegimeFiscale", "RF01")
        xml.end()
        try sede(vendor.address, field: "CedentePrestatore/Sede")
        xml.end()

        xml.start("CessionarioCommittente")
        xml.start("DatiAnagrafici")
        try buyerIdentifiers()
        try anagrafica(document.customer.name, field: "CessionarioCommittente/Anagrafica/Denominazione")
        xml.end()
        try sede(document.customer.address, field: "CessionarioCommittente/Sede")
        xml.end()
    }

    /// `CodiceDestinatario` and `PECDestinatario`: `XXXXXXX` abroad; the account's code; `0000000`
    /// with its PEC; `0000000` alone when it gave neither.
    private func destination() -> (code: String, pec: String?) {
        guard document.customer.address.country == "IT" else { return ("XXXXXXX", nil) }
        if let code = recipient?.recipientCode { return (code, nil) }
        return ("0000000", recipient?.pec)
    }

    private mutating func buyerIdentifiers() throws(EInvoiceError) {
        let identifiers = document.customer.taxIdentifiers
        let country = document.customer.address.country
        let fiscalCode = identifiers.first { $0.kind == .codiceFiscale }?.value
        var vat: (country: String, code: String)?
        if let partitaIVA = identifiers.first(where: { $0.kind == .partitaIVA }) {
            vat = ("IT", partitaIVA.value)
        } else if let euVAT = identifiers.first(where: { $0.kind == .euVAT }) {
            vat = (String(euVAT.value.prefix(2)), String(euVAT.value.dropFirst(2)))
        } else if let ein = identifiers.first(where: { $0.kind == .ein }) {
            vat = ("US", ein.value.filter(\.isNumber))
        } else if country != "IT" {
            // A foreign buyer without a tax number: the country and the conventional 99999999999.
            vat = (country, "99999999999")
        }
        guard vat != nil || fiscalCode != nil else {
            throw fail(
                "CessionarioCommittente/DatiAnagrafici",
                "an Italian customer needs a Partita IVA or a Codice Fiscale: set one with "
                    + "`ledgerprint accounts update \(document.customer.accountID) --codice-fiscale …`"
            )
        }
        if let vat {
            xml.start("IdFiscaleIVA")
            xml.element("IdPaese", vat.country)
            xml.element("IdCodice", vat.code)
            xml.end()
        }
        xml.element("CodiceFiscale", ifPresent: fiscalCode)
    }

    private mutating func anagrafica(_ name: String, field: String) throws(EInvoiceError) {
        xml.start("Anagrafica")
        xml.element("Denominazione", try latin(name, field: field, maximum: 80))
        xml.end()
    }

    private mutating func sede(_ address: Address, field: String) throws(EInvoiceError) {
        xml.start("Sede")
        let street = address.lines.joined(separator: ", ")
        xml.element("Indirizzo", try latin(street, field: field + "/Indirizzo", maximum: 60))
        let isItalian = address.country == "IT"
        let postalCode = address.postalCode.trimmingCharacters(in: .whitespaces)
        let fiveDigits = postalCode.count == 5 && postalCode.allSatisfy { $0.isASCII && $0.isNumber }
        if isItalian, !fiveDigits {
            throw fail(field + "/CAP", "'\(address.postalCode)': an Italian CAP has 5 digits, such as 20121")
        }
        // A foreign address takes 00000: its postal code is not an Italian CAP (w9-einvoice.md §3.1).
        xml.element("CAP", isItalian ? postalCode : "00000")
        xml.element("Comune", try latin(address.city, field: field + "/Comune", maximum: 60))
        if isItalian, let region = address.region, region.count == 2,
            region.allSatisfy({ $0.isASCII && $0.isUppercase })
        {
            xml.element("Provincia", region)
        }
        guard address.country.count == 2, address.country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw fail(field + "/Nazione", "'\(address.country)': use an ISO 3166-1 code such as IT or DE")
        }
        xml.element("Nazione", address.country)
        xml.end()
    }

    /// `value` in Latin-1, between 1 and `maximum` characters.
    mutating func latin(
        _ value: String,
        field: String,
        maximum: Int,
        basicLatinOnly: Bool = false
    ) throws(EInvoiceError) -> String {
        let cleaned = text.clean(value, field: field, basicLatinOnly: basicLatinOnly)
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { throw fail(field, "it is empty") }
        guard cleaned.count <= maximum else {
            throw fail(field, "'\(cleaned)' has \(cleaned.count) characters; at most \(maximum) fit")
        }
        return cleaned
    }
}
