import Foundation

/// The legal wording printed where no VAT is charged, in the document's language (w9-einvoice.md §2.4).
///
/// Italian documents say it in Italian; English documents in English with the Italian legal reference.
public enum TaxWording {
    /// Reverse charge for services to a business in another EU country.
    public static func euReverseCharge(language: String) -> String {
        language == "it"
            ? "Inversione contabile – operazione non soggetta ai sensi dell'art. 7-ter DPR 633/72 "
                + "(art. 196 Direttiva 2006/112/CE)"
            : "Reverse charge – VAT to be accounted for by the customer (art. 196 Directive 2006/112/EC; "
                + "art. 7-ter DPR 633/72)"
    }

    /// Services to a customer outside the EU.
    public static func outsideEU(language: String) -> String {
        language == "it"
            ? "Operazione non soggetta ad IVA ai sensi dell'art. 7-ter DPR 633/72"
            : "Not subject to VAT – services to a customer outside the EU (art. 7-ter DPR 633/72)"
    }

    /// A US buyer whose exemption certificate is on file; the reference follows the wording.
    public static func exemptCertificate(_ reference: String) -> String {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "Tax exempt – certificate on file" : "Tax exempt – certificate on file (\(trimmed))"
    }
}
