import Foundation

/// An amount of money: a whole number of minor units (cents) in one currency.
///
/// No floating-point number ever touches an amount. Arithmetic across currencies throws;
/// multiplying by a fraction (``multiplied(by:)``) keeps it exact and rounds once, half away
/// from zero, to the currency's minor unit.
///
/// ```swift
/// let price = try Money(decimal: "50.00", currency: .eur)
/// let unused = try price.times(10).multiplied(by: Ratio(19, 30))   // 316.67
/// ```
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The amount in minor units: 123456 is 1234.56 EUR.
    public let minorUnits: Int64
    /// The currency.
    public let currency: Currency

    /// Creates an amount of `minorUnits` in `currency`.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Reads a plain decimal such as "1234.56" or "-0.5" exactly.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` for anything else, or more
    ///   decimals than the currency has.
    public init(decimal text: String, currency: Currency) throws(BillingError) {
        // Byte by byte: amounts are read for every stored record, so this is on the store's hot path.
        var invalid: BillingError {
            .invalidValue(
                field: "amount",
                value: text,
                expected: "a plain decimal with at most \(currency.minorUnitDigits) decimals, such as 1234.56"
            )
        }
        var bytes = Array(text.utf8)[...]
        while bytes.first == UInt8(ascii: " ") { bytes.removeFirst() }
        while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes.removeFirst() }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.endIndex)]
        let fraction = point.map { bytes[($0 + 1)...] } ?? []
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard !whole.isEmpty, whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
            point == nil || !fraction.isEmpty, fraction.count <= currency.minorUnitDigits
        else { throw invalid }
        var major: Int64 = 0
        for digit in whole {
            let (times, overflow) = major.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(digit - 0x30))
            guard !overflow, !overflow2 else { throw .amountOverflow }
            major = sum
        }
        var minor: Int64 = 0
        for position in 0..<currency.minorUnitDigits {
            let index = fraction.startIndex + position
            minor = minor * 10 + (index < fraction.endIndex ? Int64(fraction[index] - 0x30) : 0)
        }
        let (scaled, overflow) = major.multipliedReportingOverflow(by: currency.minorUnitsPerMajor)
        guard !overflow, scaled <= Int64.max - minor else { throw .amountOverflow }
        self.init(minorUnits: negative ? -(scaled + minor) : scaled + minor, currency: currency)
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }
    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }
    /// Whether the amount is above zero.
    public var isPositive: Bool { minorUnits > 0 }

    /// The same amount with the opposite sign.
    public var negated: Money { Money(minorUnits: -minorUnits, currency: currency) }

    /// The amount without its sign.
    public var magnitude: Money { Money(minorUnits: minorUnits < 0 ? -minorUnits : minorUnits, currency: currency) }

    /// The plain decimal, such as "-1234.56": for files and logs, not for documents (Documents formats per locale).
    public var decimalString: String {
        var bytes: [UInt8] = []
        appendDecimal(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``decimalString`` as UTF-8 to `bytes`: amounts are written for every stored record
    /// and every document line, so they are built as bytes.
    public func appendDecimal(to bytes: inout [UInt8]) {
        // Built right to left in a stack buffer and appended at once: appending digit by digit
        // and reversing was most of writing an invoice's totals.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var position = buffer.count
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            let absolute = minorUnits.magnitude
            let digits = currency.minorUnitDigits
            var major = absolute
            if digits > 0 {
                let unit = UInt64(currency.minorUnitsPerMajor)
                var minor = absolute % unit
                major = absolute / unit
                for _ in 0..<digits {
                    put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: minor % 10))
                    minor /= 10
                }
                put(UInt8(ascii: "."))
            }
            repeat {
                put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: major % 10))
                major /= 10
            } while major > 0
            if minorUnits < 0 { put(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// "EUR 1234.56".
    public var description: String { "\(currency.code) \(decimalString)" }

    private func checkSameCurrency(_ other: Money) throws(BillingError) {
        guard other.currency == currency else { throw .currencyMismatch(currency, other.currency) }
    }

    /// The sum of two amounts in the same currency.
    public func plus(_ other: Money) throws(BillingError) -> Money {
        try checkSameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .amountOverflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// This amount less `other`, in the same currency.
    public func minus(_ other: Money) throws(BillingError) -> Money {
        try plus(other.negated)
    }

    /// This amount times a whole number, such as a seat count.
    public func times(_ factor: Int64) throws(BillingError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw .amountOverflow }
        return Money(minorUnits: product, currency: currency)
    }

    /// This amount times an exact fraction, rounded once, half away from zero, to the minor unit.
    ///
    /// 12.33 × 15/30 = 6.165 gives 6.17; −6.165 gives −6.17.
    public func multiplied(by ratio: Ratio) throws(BillingError) -> Money {
        let exact = Int128(minorUnits) * Int128(ratio.numerator)
        let rounded = Self.divideRoundingHalfAwayFromZero(exact, Int128(ratio.denominator))
        guard let result = Int64(exactly: rounded) else { throw .amountOverflow }
        return Money(minorUnits: result, currency: currency)
    }

    /// Whether this amount is larger than `other`, in the same currency.
    public func isGreater(than other: Money) throws(BillingError) -> Bool {
        try checkSameCurrency(other)
        return minorUnits > other.minorUnits
    }

    /// The smaller of two amounts in the same currency.
    public func minimum(_ other: Money) throws(BillingError) -> Money {
        try checkSameCurrency(other)
        return minorUnits <= other.minorUnits ? self : other
    }

    /// Adds up `amounts`, all in `currency`; zero when empty.
    public static func sum(_ amounts: [Money], in currency: Currency) throws(BillingError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.plus(amount) }
        return total
    }

    /// Splits the amount into parts proportional to `weights`, losing no minor unit.
    ///
    /// Each part is first rounded down; the minor units left over go one each to the parts with
    /// the largest remainders (earlier parts first on ties), so the parts always add up to the whole.
    /// - Complexity: O(n log n) in the number of weights.
    public func allocated(_ weights: [Int64]) throws(BillingError) -> [Money] {
        let total = weights.reduce(Int128(0)) { $0 + Int128($1) }
        guard !weights.isEmpty, total > 0, weights.allSatisfy({ $0 >= 0 }) else {
            throw .invalidValue(
                field: "weights",
                value: weights.map(String.init).joined(separator: ","),
                expected: "at least one weight, none negative, not all zero"
            )
        }
        let whole = Int128(minorUnits.magnitude)
        var parts = weights.map { whole * Int128($0) / total }
        let remainders = weights.map { whole * Int128($0) % total }
        var left = whole - parts.reduce(0, +)
        for index in remainders.indices.sorted(by: {
            remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1)
        }) {
            guard left > 0 else { break }
            parts[index] += 1
            left -= 1
        }
        let sign: Int128 = minorUnits < 0 ? -1 : 1
        return parts.map { Money(minorUnits: Int64(sign * $0), currency: currency) }
    }

    static func divideRoundingHalfAwayFromZero(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        guard remainder != 0 else { return quotient }
        let twice = (remainder < 0 ? -remainder : remainder) * 2
        guard twice >= denominator else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }
}

extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case amount
        case currency
    }

    /// Decodes `{"amount": "1234.56", "currency": "EUR"}`.
    ///
    /// The amount is a string so no JSON number parser can turn it into a floating-point value.
    /// Spaces around it or leading zeros (`" 10.00"`, `"007.50"`) are refused: a file should say
    /// exactly what it means.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        let text = try container.decode(String.self, forKey: .amount)
        if let oddity = Self.oddity(in: text) {
            throw DecodingError.dataCorruptedError(
                forKey: .amount,
                in: container,
                debugDescription: "invalid amount \"\(text)\": \(oddity); write it as a plain decimal such as 1234.56"
            )
        }
        do {
            try self.init(decimal: text, currency: currency)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: error.description)
        }
    }

    /// What is odd in an amount's text that ``init(decimal:currency:)`` would forgive, or `nil`.
    static func oddity(in text: String) -> String? {
        let utf8 = text.utf8
        if utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ") { return "it has spaces around it" }
        let digits = utf8.first == UInt8(ascii: "-") ? utf8.dropFirst() : utf8[...]
        if digits.count > 1, digits.first == UInt8(ascii: "0"), digits.dropFirst().first != UInt8(ascii: ".") {
            return "it starts with a zero"
        }
        return nil
    }

    /// Encodes as `{"amount": "1234.56", "currency": "EUR"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(decimalString, forKey: .amount)
        // The code, as `Currency` encodes itself: a string goes straight to the encoder, where a
        // nested value costs a generic call and a container of its own (the store writes
        // every invoice's amounts this way).
        try container.encode(currency.code, forKey: .currency)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
