/// The ranges an amount entered from outside (a file, the command line) must fall in.
///
/// Every total is worked out with checked arithmetic, but an amount near the 64-bit limit would pass
/// that check on its own and then break every sum it joins: an account's balance, a statement, a
/// PO's remaining amount. Bounding what comes in keeps every sum of real documents far from it: a
/// seat's price times the most seats, plus tax, stays below the bound of a payment, and 92,000
/// payments at that bound still add up without overflow.
extension Money {
    /// The largest payment or purchase-order amount, in minor units: 999,999,999,999.99 in a
    /// currency with cents.
    public static let largestEnteredMinorUnits: Int64 = 99_999_999_999_999
    /// The largest price of one seat, in minor units: 99,999,999.99 in a currency with cents.
    public static let largestUnitPriceMinorUnits: Int64 = 9_999_999_999

    /// Throws unless this amount is above zero (or zero, with `allowingZero`) and at most
    /// `largest` minor units, naming `field`.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)``, such as
    ///   `invalid payment amount '92233720368547758.07': an amount above zero and at most 999999999999.99`.
    public func checkEntered(
        _ field: String,
        allowingZero: Bool = false,
        largest: Int64 = Money.largestEnteredMinorUnits
    ) throws(BillingError) {
        let smallest: Int64 = allowingZero ? 0 : 1
        guard minorUnits >= smallest, minorUnits <= largest else {
            let limit = Money(minorUnits: largest, currency: currency).decimalString
            throw .invalidValue(
                field: field,
                value: decimalString,
                expected: "an amount \(allowingZero ? "of zero or more" : "above zero") and at most \(limit)"
            )
        }
    }
}
