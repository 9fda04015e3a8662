import Billing

/// How money and dates are written in a language: Ledgerprint's own tested rules, not
/// Foundation's, which omits the thousands dot in Italian below 10,000 and puts the euro sign after.
public struct Formatting: Sendable, Hashable {
    /// "it" or "en".
    public let language: String

    /// Formatting for `language`; anything but "it" is English.
    public init(language: String) {
        self.language = language == "it" ? "it" : "en"
    }

    private static let symbols = ["EUR": "€", "USD": "$", "GBP": "£"]
    private static let italianMonths = [
        "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
        "novembre", "dicembre",
    ]
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// `€ 1.234,56` in Italian; `€1,234.56` and `$1,234.56` in English; a minus sign before the symbol.
    public func money(_ amount: Money) -> String {
        let symbol = Self.symbols[amount.currency.code] ?? amount.currency.code
        let number = self.number(amount)
        let sign = amount.isNegative ? "-" : ""
        if language == "it" { return "\(sign)\(symbol) \(number)" }
        return symbol.count == 1 ? "\(sign)\(symbol)\(number)" : "\(sign)\(symbol) \(number)"
    }

    /// The amount without symbol or sign: `1.234,56` or `1,234.56`.
    public func number(_ amount: Money) -> String {
        let digits = amount.currency.minorUnitDigits
        let unit = UInt64(amount.currency.minorUnitsPerMajor)
        let magnitude = amount.minorUnits.magnitude
        let whole = Array(String(magnitude / unit).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(whole.count + whole.count / 3 + digits + 1)
        let separator = UInt8(ascii: language == "it" ? "." : ",")
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { text.append(separator) }
            text.append(digit)
        }
        if digits > 0 {
            text.append(UInt8(ascii: language == "it" ? "," : "."))
            let fraction = Array(String(magnitude % unit).utf8)
            text += [UInt8](repeating: UInt8(ascii: "0"), count: digits - fraction.count) + fraction
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `27/11/2026` in Italian, `Nov 27, 2026` in English.
    public func date(_ date: CalendarDate) -> String {
        if language == "it" {
            return (date.day < 10 ? "0" : "") + "\(date.day)/" + (date.month < 10 ? "0" : "")
                + "\(date.month)/\(date.year)"
        }
        return "\(Self.englishMonths[date.month - 1].prefix(3)) \(date.day), \(date.year)"
    }

    /// `27 novembre 2026` in Italian, `November 27, 2026` in English.
    public func longDate(_ date: CalendarDate) -> String {
        if language == "it" { return "\(date.day) \(Self.italianMonths[date.month - 1]) \(date.year)" }
        return "\(Self.englishMonths[date.month - 1]) \(date.day), \(date.year)"
    }

    /// `novembre 2026` / `November 2026`.
    public func month(_ date: CalendarDate) -> String {
        language == "it"
            ? "\(Self.italianMonths[date.month - 1]) \(date.year)"
            : "\(Self.englishMonths[date.month - 1]) \(date.year)"
    }

    /// A period by its first and last day: `01/11/2026 – 30/11/2026`.
    public func period(_ period: DatePeriod) -> String {
        "\(date(period.start)) – \(date(period.lastDay))"
    }

    /// `22%` / `22%`; `5,5%` in Italian.
    public func rate(_ rate: TaxRate) -> String {
        language == "it" ? String(rate.description.map { $0 == "." ? "," : $0 }) : rate.description
    }
}
