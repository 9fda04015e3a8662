import Billing

extension SourceDocument {
    /// The Natura of the lines that charge no VAT, and the rule printed beside it.
    ///
    /// An invoice keeps its customer's country and tax numbers as they were when it was issued, and
    /// its tax wording: a customer outside Italy gets N2.1 (services located abroad, art. 7-ter, or
    /// art. 7-octies for consumers); an Italian customer gets the code its wording names.
    func nature() throws(EInvoiceError) -> (code: VATNature, reference: String) {
        let country = customer.address.country
        if country != "IT" {
            guard TaxRules.isEU(country) else {
                return (.notSubjectPlaceOfSupply, "Operazione non soggetta - art. 7-ter DPR 633/72")
            }
            let buyer = TaxBuyer(country: country, taxIdentifiers: customer.taxIdentifiers)
            return buyer.hasVATNumber(of: country)
                ? (.notSubjectPlaceOfSupply, "Inversione contabile - art. 7-ter DPR 633/72")
                : (.notSubjectPlaceOfSupply, "Operazione non soggetta - art. 7-octies DPR 633/72")
        }
        let note = (taxNote ?? "").lowercased()
        let rules: [(words: [String], code: VATNature, reference: String)] = [
            (["art. 17", "inversione contabile"], .reverseChargeOther, "Inversione contabile - art. 17 DPR 633/72"),
            (["art. 41"], .intraEUSupplyNotTaxable, "Non imponibile - art. 41 DL 331/93"),
            (["intento"], .declarationOfIntentNotTaxable, "Non imponibile - art. 8 c.1 lett. c DPR 633/72"),
            (["art. 8", "esportazion"], .exportNotTaxable, "Non imponibile - art. 8 DPR 633/72"),
            (["franchigia", "190/2014"], .notSubjectOther, "Operazione in franchigia - art. 1 c.54-89 L. 190/2014"),
            (["esent", "art. 10"], .exempt, "Operazione esente - art. 10 DPR 633/72"),
            (["esclus", "art. 15"], .excluded, "Esclusa - art. 15 DPR 633/72"),
            (["non soggett"], .notSubjectOther, "Operazione non soggetta"),
        ]
        for rule in rules where rule.words.contains(where: { note.contains($0) }) {
            return (rule.code, rule.reference)
        }
        throw EInvoiceError(
            document: number.description,
            field: "Natura",
            reason:
                "the document charges no VAT to an Italian customer and its tax wording ('\(taxNote ?? "")') "
                + "does not say why: esente (art. 10), non imponibile (art. 8, art. 41), inversione contabile "
                + "(art. 17) or non soggetta"
        )
    }
}
