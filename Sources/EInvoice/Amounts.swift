import Billing

/// Numbers as FatturaPA writes them: a dot, no grouping, 2 decimals for amounts and rates,
/// 2 to 8 for unit prices (`Amount2DecimalType`, `Amount8DecimalType`, `RateType`).
enum Amounts {
    /// The largest magnitude the schema's 11 integer digits hold, in hundred-millionths.
    private static let digitsLimit: Int64 = 99_999_999_999

    /// "1234.56", "-0.50"; `nil` for a currency with more than 2 decimals or over 11 integer digits.
    static func twoDecimals(_ money: Money) -> String? {
        let digits = money.currency.minorUnitDigits
        guard digits <= 2 else { return nil }
        var scale: Int64 = 1
        for _ in digits..<2 { scale *= 10 }
        let (cents, overflow) = money.minorUnits.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        return decimal(cents, places: 2, minimumPlaces: 2)
    }

    /// "22.00", "5.50".
    static func rate(_ rate: TaxRate) -> String { decimal(Int64(rate.basisPoints), places: 2, minimumPlaces: 2) }

    /// The price of one unit for the part of the period charged: unit price × fraction, rounded
    /// half away from zero to 8 decimals, written with 2 to 8; negative when the line credits.
    static func unitPrice(_ line: InvoiceLine, negative: Bool) -> String? {
        let digits = line.unitPrice.currency.minorUnitDigits
        guard digits <= 8 else { return nil }
        var scale: Int64 = 1
        for _ in digits..<8 { scale *= 10 }
        let (scaled, overflow) = line.unitPrice.minorUnits.multipliedReportingOverflow(by: scale)
        let (numerator, overflow2) = scaled.multipliedReportingOverflow(by: line.fraction.numerator)
        guard !overflow, !overflow2, line.fraction.denominator > 0 else { return nil }
        let denominator = line.fraction.denominator
        let magnitude = (abs(numerator) + denominator / 2) / denominator
        let value = (negative != (numerator < 0)) ? -magnitude : magnitude
        return decimal(value, places: 8, minimumPlaces: 2)
    }

    /// `value` / 10^`places`, with trailing zeros dropped down to `minimumPlaces`; `nil`-free.
    private static func decimal(_ value: Int64, places: Int, minimumPlaces: Int) -> String {
        let magnitude = value.magnitude
        var divisor: UInt64 = 1
        for _ in 0..<places { divisor *= 10 }
        let whole = magnitude / divisor
        var fraction = String(magnitude % divisor)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while fraction.count > minimumPlaces, fraction.hasSuffix("0") { fraction.removeLast() }
        return (value < 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    /// `text` cut into pieces of at most `size` characters.
    static func chunks(_ text: String, of size: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            pieces.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return pieces
    }
}

/// The 5-character progressive of a file name, `IT<IdCodice>_<progressive>.xml`, from the
/// document's number: different for every number, so a name never repeats.
///
/// The number's series and year pick one of 200 blocks of 300 000 (invoices and credit notes of
/// 2000–2099); its sequence is the place in the block; the result is written in base 36, 0–9 A–Z.
public enum FileProgressive {
    /// The sequences a block holds per series and year.
    public static let blockSize = 300_000

    /// The progressive of `number`, such as "0G3A5".
    ///
    /// - Throws: ``EInvoiceError`` for a year outside 2000–2099 or a sequence of 300 000 or more.
    public static func code(for number: DocumentNumber) throws(EInvoiceError) -> String {
        guard (2000...2099).contains(number.year), number.sequence < blockSize else {
            throw EInvoiceError(
                document: number.description,
                field: "file name",
                reason: "a progressive exists for years 2000–2099 and up to \(blockSize - 1) documents a year"
            )
        }
        let block = (number.year - 2000) * 2 + (number.series == .invoice ? 0 : 1)
        let code = String(block * blockSize + number.sequence, radix: 36, uppercase: true)
        return String(repeating: "0", count: 5 - code.count) + code
    }
}
