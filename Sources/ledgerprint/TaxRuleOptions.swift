import ArgumentParser
import Billing
import Foundation
import HistoryStore

/// Where the VAT decision table's rates come from (`docs/billing-rules.md`, "VAT treatment by rule").
struct TaxRuleOptions: ParsableArguments {
    @Option(
        help: """
            A JSON file of the vendor's tax rules: sellerCountry, domesticRate, reducedRates, usesOSS, ossRates, \
            usStateRates (docs/billing-rules.md). Default: the rules in the store (`ledgerprint tax-rules set`), \
            else Italian VAT at 22 % for a vendor with a Partita IVA, no OSS, no US sales tax.
            """
    ) var taxRules: String?

    /// The rules from `--tax-rules`, else those in `store`, else the defaults of its vendor.
    func rules(store: any BillingStore) throws -> TaxRules {
        if let taxRules {
            guard let data = FileManager.default.contents(atPath: taxRules) else {
                throw Failure(.notFound, "cannot read \(taxRules)")
            }
            return try decodeFile(TaxRules.self, from: data, name: taxRules)
        }
        if let stored = try store.taxRules() { return stored }
        guard let vendor = try store.vendor(), vendor.taxIdentifiers.contains(where: { $0.kind == .partitaIVA }) else {
            throw Failure(
                .invalidInput,
                "the vendor has no Partita IVA, so there are no default tax rules: give --tax-rules FILE"
            )
        }
        return TaxRules(sellerCountry: "IT", domesticRate: try TaxRate(percent: 22))
    }

    /// The decision of the rules for `account`, in its documents' language.
    func decision(for account: Account, store: any BillingStore) throws -> TaxDecision {
        try rules(store: store).decide(for: TaxBuyer(account), language: account.locale)
    }
}

extension TaxTreatment {
    /// "VAT 22%", "reverse charge — Reverse charge – …", "sales tax 6.5% (WA)".
    var summary: String {
        switch self {
        case .vat(let rate): return "VAT \(rate)"
        case .salesTax(let rate, let jurisdiction): return "sales tax \(rate) (\(jurisdiction))"
        case .reverseCharge(let note): return "reverse charge — \(note)"
        case .exempt(let note): return "exempt — \(note)"
        case .noTax(let note): return "no tax" + (note.map { " — \($0)" } ?? "")
        }
    }
}

extension TaxDecision {
    /// "tax treatment by rule euBusinessReverseCharge: reverse charge — Reverse charge – …".
    var summary: String { "tax treatment by rule \(rule.rawValue): \(treatment.summary)" }
}

/// Reads an account file for `accounts create`; one without `taxTreatment` is decided by the rules.
func accountByRule(
    from data: Data,
    name: String,
    rules: TaxRuleOptions,
    store: any BillingStore
) throws -> (Account, TaxDecision?) {
    guard var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
        object["taxTreatment"] == nil
    else { return (try decodeFile(Account.self, from: data, name: name), nil) }
    object["taxTreatment"] = ["noTax": [String: Any]()]
    var account = try decodeFile(Account.self, from: try JSONSerialization.data(withJSONObject: object), name: name)
    let decision = try rules.decision(for: account, store: store)
    account.taxTreatment = decision.treatment
    return (account, decision)
}
