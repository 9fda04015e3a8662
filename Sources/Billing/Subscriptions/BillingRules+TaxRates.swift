extension BillingRules {
    /// The VAT rate of a line of `productID` for `account`.
    ///
    /// A product with a reduced rate in the vendor's ``taxRules`` (10 %, 5 %, 4 % in Italy) is
    /// charged at it when the account pays the seller's standard VAT (a customer in the seller's
    /// country, or an EU consumer of a seller not under OSS); every other treatment — reverse
    /// charge, OSS, sales tax, exempt — charges its one rate on every line.
    ///
    /// ```swift
    /// let rules = BillingRules(catalog: catalog, taxRules: TaxRules(
    ///     sellerCountry: "IT", domesticRate: TaxRate(percent: 22), reducedRates: ["ebook": TaxRate(percent: 4)]))
    /// rules.taxRate(for: rossi, productID: "ebook")  // 4%
    /// ```
    public func taxRate(for account: Account, productID: String) -> TaxRate {
        guard case .vat(let rate) = account.taxTreatment, let taxRules, rate == taxRules.domesticRate,
            let reduced = taxRules.reducedRates[productID]
        else { return account.taxTreatment.rate }
        return reduced
    }
}
