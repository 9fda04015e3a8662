/// Everything the billing rules refuse, with what a person needs to put it right.
///
/// Every case reads as one sentence through ``description``; refusals name who may act instead.
public enum BillingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two amounts in different currencies were combined.
    case currencyMismatch(Currency, Currency)
    /// A currency code that is not a known ISO 4217 code.
    case unknownCurrency(String)
    /// An amount does not fit in 64 bits of minor units.
    case amountOverflow
    /// A date that does not exist or cannot be read; `text` is what was given.
    case invalidDate(String)
    /// A period whose end is not after its start.
    case invalidPeriod(start: CalendarDate, end: CalendarDate)
    /// A field whose value is out of range; `field` names it, `expected` says what is allowed.
    case invalidValue(field: String, value: String, expected: String)
    /// An identifier (Partita IVA, EIN, …) that fails its format or check digit.
    case invalidIdentifier(kind: String, value: String, reason: String)
    /// The actor may not do this; `allowed` says who may.
    case notAllowed(action: String, actor: Actor, allowed: String)
    /// The action does not fit the state of the subscription or account.
    case invalidState(String)
    /// No price in the catalog for this selection.
    case noPrice(product: String, tier: String, frequency: BillingFrequency, currency: Currency)
    /// A purchase-order rule refused the invoice.
    case purchaseOrder(String)
    /// Something named does not exist.
    case notFound(kind: String, id: String)

    /// One line for a person to read.
    public var description: String {
        switch self {
        case .currencyMismatch(let left, let right):
            return "cannot combine amounts in \(left.code) and \(right.code)"
        case .unknownCurrency(let code):
            return "unknown currency '\(code)': use an ISO 4217 code such as EUR or USD"
        case .amountOverflow:
            return "amount too large"
        case .invalidDate(let text):
            return "invalid date '\(text)': use YYYY-MM-DD, a real calendar date"
        case .invalidPeriod(let start, let end):
            return "invalid period \(start) – \(end): the end must be after the start"
        case .invalidValue(let field, let value, let expected):
            return "invalid \(field) '\(value)': \(expected)"
        case .invalidIdentifier(let kind, let value, let reason):
            return "invalid \(kind) '\(value)': \(reason)"
        case .notAllowed(let action, let actor, let allowed):
            return "\(actor) may not \(action); \(allowed)"
        case .invalidState(let message):
            return message
        case .noPrice(let product, let tier, let frequency, let currency):
            return "the catalog has no \(frequency.rawValue) price in \(currency.code) for \(product) \(tier)"
        case .purchaseOrder(let message):
            return message
        case .notFound(let kind, let id):
            return "no \(kind) '\(id)'"
        }
    }
}
