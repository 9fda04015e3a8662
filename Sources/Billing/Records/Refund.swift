/// Account credit paid back to a customer, such as what a credit note on a paid invoice left.
public struct Refund: Sendable, Hashable, Codable {
    /// Reference, such as the bank transfer's.
    public var id: String
    /// The account refunded.
    public var accountID: String
    /// How much, positive.
    public var amount: Money
    /// When it was paid out.
    public var date: CalendarDate
    /// How it was paid, as printed ("Bank transfer").
    public var method: String

    /// Creates a refund.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` unless the amount is positive
    ///   and the method is given.
    public init(
        id: String,
        accountID: String,
        amount: Money,
        date: CalendarDate,
        method: String
    )
        throws(BillingError)
    {
        guard amount.isPositive else {
            throw .invalidValue(field: "refund amount", value: amount.decimalString, expected: "an amount above zero")
        }
        guard !method.isEmpty else {
            throw .invalidValue(field: "refund method", value: "", expected: "how it was paid, such as Bank transfer")
        }
        self.id = id
        self.accountID = accountID
        self.amount = amount
        self.date = date
        self.method = method
    }
}
