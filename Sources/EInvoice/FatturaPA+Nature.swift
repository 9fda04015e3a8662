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

    /// How a tax at `rate` that is not Italian VAT is written; `nil` when it is Italian VAT.
    ///
    /// Two such taxes exist: another EU member state's VAT charged to a consumer there under the One-Stop
    /// Shop (N7, art. 7-octies: electronic services are taxed where the consumer is), or US sales
    /// tax (N2.1, art. 7-ter: not subject to Italian VAT). Either way the lines carry rate 0 with
    /// that Natura, and the foreign tax is stated in `Causale` (as the Assosoftware guidance for OSS
    /// invoices has it: the taxable amount only, with N7).
    func foreignTax(
        _ rate: TaxRate
    ) throws(EInvoiceError) -> (nature: (code: VATNature, reference: String), wording: (Money) -> String)? {
        let country = customer.address.country
        guard country != "IT" else { return nil }
        let salesTax = (taxNote ?? "").split(separator: "\n").first { $0.hasPrefix("Sales tax: ") }
        if let salesTax {
            let jurisdiction = salesTax.dropFirst("Sales tax: ".count)
            return (
                (.notSubjectPlaceOfSupply, "Operazione non soggetta - art. 7-ter DPR 633/72"),
                { tax in
                    "Sales tax \(country) \(jurisdiction) \(Amounts.rate(rate))%: \(Amounts.twoDecimals(tax) ?? "") "
                        + "\(tax.currency.code), imposta statunitense, non IVA"
                }
            )
        }
        let italianRates: Set<Int> = [2200, 1000, 500, 400]
        let buyer = TaxBuyer(country: country, taxIdentifiers: customer.taxIdentifiers)
        guard TaxRules.isEU(country), !buyer.hasVATNumber(of: country) else {
            throw EInvoiceError(
                document: number.description,
                field: "AliquotaIVA",
                reason:
                    "\(rate) charged to a customer in \(country) is neither Italian VAT, nor the VAT of an EU consumer's "
                    + "country under OSS, nor US sales tax: FatturaPA cannot carry it"
            )
        }
        // An EU consumer abroad pays Italian VAT when the seller is not under OSS.
        guard !italianRates.contains(rate.basisPoints) else { return nil }
        return (
            (.vatPaidInOtherMemberState, "IVA assolta in altro stato UE - art. 7-octies DPR 633/72 (OSS)"),
            { tax in
                "IVA \(country) \(Amounts.rate(rate))% assolta tramite OSS nello Stato del cliente: "
                    + "\(Amounts.twoDecimals(tax) ?? "") \(tax.currency.code)"
            }
        )
    }
}
