import Billing
import Testing

@Suite("Money")
struct MoneyTests {
    @Test(arguments: [
        ("1234.56", 123_456), ("0.5", 50), ("-0.05", -5), ("7", 700), ("  12.30 ", 1230),
    ])
    func decimalsAreReadExactly(text: String, minorUnits: Int64) throws {
        #expect(try Money(decimal: text, currency: .eur).minorUnits == minorUnits)
    }

    @Test(arguments: ["1,234.56", "12.345", "abc", "", "1.", ".5", "1e3", "--1"])
    func malformedDecimalsAreRefusedWithTheExpectedShape(text: String) {
        #expect(throws: BillingError.self) { try Money(decimal: text, currency: .eur) }
        do {
            _ = try Money(decimal: text, currency: .eur)
        } catch {
            #expect(error.description.contains("such as 1234.56"))
        }
    }

    @Test func yenHasNoMinorUnits() throws {
        let yen = try Currency(code: "jpy")
        #expect(try Money(decimal: "1500", currency: yen).decimalString == "1500")
        #expect(throws: BillingError.self) { try Money(decimal: "1500.5", currency: yen) }
    }

    @Test func unknownCurrencyIsNamed() {
        #expect(throws: BillingError.unknownCurrency("EUX")) { try Currency(code: "EUX") }
    }

    struct Rounding: Sendable, CustomTestStringConvertible {
        var minor: Int64
        var ratio: (Int64, Int64)
        var expected: Int64
        var testDescription: String { "\(minor) × \(ratio.0)/\(ratio.1) = \(expected)" }
    }

    static let roundings: [Rounding] = [
        // 12.33 × 15/30 = 6.165 rounds half away from zero: 6.17 (a tie).
        Rounding(minor: 1233, ratio: (15, 30), expected: 617),
        Rounding(minor: -1233, ratio: (15, 30), expected: -617),
        // 500.00 × 19/30 = 316.666… → 316.67 (the published check).
        Rounding(minor: 50_000, ratio: (19, 30), expected: 31_667),
        // 500.00 × 20/31 = 322.580… → 322.58.
        Rounding(minor: 50_000, ratio: (20, 31), expected: 32_258),
        // 30,000,000.00 × 10/30 stays exact: 10,000,000.00 (no 9-decimal ratio trap).
        Rounding(minor: 3_000_000_000, ratio: (10, 30), expected: 1_000_000_000),
        Rounding(minor: 1, ratio: (1, 2), expected: 1),
        Rounding(minor: -1, ratio: (1, 2), expected: -1),
        Rounding(minor: 1, ratio: (1, 3), expected: 0),
    ]

    @Test(arguments: roundings)
    func multiplyingByAFractionRoundsOnceHalfAwayFromZero(_ rounding: Rounding) throws {
        let amount = Money(minorUnits: rounding.minor, currency: .eur)
        let result = try amount.multiplied(by: Ratio(rounding.ratio.0, rounding.ratio.1))
        #expect(result.minorUnits == rounding.expected)
    }

    @Test func mixingCurrenciesIsAnError() throws {
        let euros = try Fixtures.eur("10.00")
        let dollars = try Fixtures.usd("10.00")
        #expect(throws: BillingError.currencyMismatch(.eur, .usd)) { try euros.plus(dollars) }
        #expect(throws: BillingError.currencyMismatch(.eur, .usd)) { try euros.isGreater(than: dollars) }
    }

    @Test func overflowIsAnErrorNotACrash() {
        let huge = Money(minorUnits: .max - 1, currency: .eur)
        #expect(throws: BillingError.amountOverflow) { try huge.plus(Money(minorUnits: 10, currency: .eur)) }
        #expect(throws: BillingError.amountOverflow) { try huge.times(3) }
    }

    struct Allocation: Sendable {
        var total: Int64
        var weights: [Int64]
        var expected: [Int64]
    }

    static let allocations: [Allocation] = [
        Allocation(total: 10_000, weights: [1, 1, 1], expected: [3334, 3333, 3333]),
        Allocation(total: 100, weights: [1, 1, 1], expected: [34, 33, 33]),
        Allocation(total: -100, weights: [1, 1, 1], expected: [-34, -33, -33]),
        Allocation(total: 500, weights: [3, 0, 7], expected: [150, 0, 350]),
        Allocation(total: 1, weights: [1, 1], expected: [1, 0]),
    ]

    @Test(arguments: allocations)
    func allocationLosesNoCent(_ allocation: Allocation) throws {
        let parts = try Money(minorUnits: allocation.total, currency: .eur).allocated(allocation.weights)
        #expect(parts.map(\.minorUnits) == allocation.expected)
        #expect(parts.map(\.minorUnits).reduce(0, +) == allocation.total)
    }

    @Test func decimalStringsPrintEveryMinorDigit() throws {
        #expect(Money(minorUnits: 5, currency: .eur).decimalString == "0.05")
        #expect(Money(minorUnits: -123_456, currency: .eur).description == "EUR -1234.56")
        #expect(Money(minorUnits: 0, currency: .eur).decimalString == "0.00")
        #expect(Money(minorUnits: -7, currency: .eur).decimalString == "-0.07")
        #expect(Money(minorUnits: 100, currency: .eur).decimalString == "1.00")
        #expect(Money(minorUnits: -100_000, currency: try Currency(code: "JPY")).decimalString == "-100000")
        #expect(Money(minorUnits: 0, currency: try Currency(code: "JPY")).decimalString == "0")
        #expect(Money(minorUnits: .max, currency: .eur).decimalString == "92233720368547758.07")
        #expect(Money(minorUnits: .min, currency: .eur).decimalString == "-92233720368547758.08")
        // Appending keeps what the buffer held.
        var bytes = Array("total ".utf8)
        Money(minorUnits: 48_800, currency: .usd).appendDecimal(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "total 488.00")
    }
}
