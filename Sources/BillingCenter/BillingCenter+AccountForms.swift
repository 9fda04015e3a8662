import Billing
import Foundation
import HistoryStore
import Hummingbird

/// The payment method and the billing contact, changed on the web as `ledgerprint payment-method
/// set` and `ledgerprint contact set` change them.
extension BillingCenter {
    /// `POST /accounts/ID/payment-method`: sets a card, a SEPA debit or bank transfer.
    ///
    /// `kind` is `card` (with `brand`, `lastFour`, `expiry` MM/YYYY), `iban` (with `iban`) or
    /// `invoice`. Only the last four digits of a card are accepted — a full number is refused by
    /// the same check as the CLI's — and an IBAN is kept as its country and last four.
    func setPaymentMethod(_ change: ChangeRequest) throws -> Response {
        let language = change.page.language
        let method: PaymentMethod
        switch change.fields["kind"] ?? "" {
        case "card":
            let brand = (change.fields["brand"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !brand.isEmpty else { throw Refusal(message: label("cardBrandMissing", language)) }
            let parts = (change.fields["expiry"] ?? "").split(separator: "/").compactMap {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            guard parts.count == 2 else { throw Refusal(message: label("cardExpiryInvalid", language)) }
            method = try .card(brand: brand, lastFour: change.fields["lastFour"] ?? "", expiry: (parts[0], parts[1]))
        case "iban":
            method = try .sepaDebit(iban: change.fields["iban"] ?? "")
        case "invoice":
            method = .invoice
        default:
            throw Refusal(message: label("paymentKindMissing", language))
        }
        try perform(.setPaymentMethod(accountID: change.account.id, method: method), by: change.user)
        return done(change.account, "payment")
    }

    /// `POST /accounts/ID/billing-contact`: `name` and `email` of the new billing contact.
    func appointBillingContact(_ change: ChangeRequest) throws -> Response {
        let contact = try Contact(
            name: change.fields["name"] ?? "",
            email: (change.fields["email"] ?? "").trimmingCharacters(in: .whitespaces)
        )
        try perform(.appointBillingContact(accountID: change.account.id, contact: contact), by: change.user)
        return done(change.account, "contact")
    }
}
