/// An exact non-negative fraction, such as 19/30 of a period or 22/100 of VAT.
///
/// Billing never multiplies money by a floating-point number: a ``Ratio`` keeps the fraction
/// exact until ``Money/multiplied(by:)`` rounds once.
public struct Ratio: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The top of the fraction.
    public let numerator: Int64
    /// The bottom of the fraction, always positive.
    public let denominator: Int64

    /// Creates `numerator / denominator`.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` if the denominator is not positive
    ///   or the numerator is negative.
    public init(_ numerator: Int64, _ denominator: Int64) throws(BillingError) {
        guard denominator > 0, numerator >= 0 else {
            throw .invalidValue(
                field: "ratio",
                value: "\(numerator)/\(denominator)",
                expected: "a non-negative numerator over a positive denominator"
            )
        }
        self.numerator = numerator
        self.denominator = denominator
    }

    init(unchecked numerator: Int64, _ denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// 1/1.
    public static let one = Ratio(unchecked: 1, 1)

    /// "19/30".
    public var description: String { "\(numerator)/\(denominator)" }
}
