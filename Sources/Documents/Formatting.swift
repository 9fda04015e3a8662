import Billing

/// How money and dates are written in a language: Ledgerprint's own tested rules, not
/// Foundation's, which omits the thousands dot in Italian below 10,000 and puts the euro sign after.
///
/// The conventions of each language are one entry of ``DocumentLanguage/all``.
public struct Formatting: Sendable, Hashable {
    /// The language's code, one of ``DocumentLanguage/codes``.
    public let language: String
    /// Its conventions.
    public let conventions: DocumentLanguage

    /// Formatting for `language`; a language documents are not printed in is formatted as English.
    public init(language: String) {
        conventions = DocumentLanguage.named(language) ?? .english
        self.language = conventions.code
    }

    private static let symbols = ["EUR": "€", "USD": "$", "GBP": "£"]

    /// `€ 1.234,56` in Italian, `1.234,56 €` in German; `€1,234.56` and `$1,234.56` in English; a
    /// minus sign first.
    public func money(_ amount: Money) -> String {
        let symbol = Self.symbols[amount.currency.code] ?? amount.currency.code
        let number = self.number(amount)
        let sign = amount.isNegative ? "-" : ""
        let space = conventions.spaceAroundSymbol || symbol.count > 1 ? " " : ""
        if conventions.symbolAfter { return "\(sign)\(number)\(space)\(symbol)" }
        return "\(sign)\(symbol)\(space)\(number)"
    }

    /// The amount without symbol or sign: `1.234,56` or `1,234.56`.
    public func number(_ amount: Money) -> String {
        let digits = amount.currency.minorUnitDigits
        let unit = UInt64(amount.currency.minorUnitsPerMajor)
        let magnitude = amount.minorUnits.magnitude
        let whole = Array(String(magnitude / unit).utf8)
        var text: [UInt8] = []
        text.reserveCapacity(whole.count + whole.count / 3 + digits + 4)
        let separator = Array(conventions.groupSeparator.utf8)
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { text += separator }
            text.append(digit)
        }
        if digits > 0 {
            text += Array(conventions.decimalSeparator.utf8)
            let fraction = Array(String(magnitude % unit).utf8)
            text += [UInt8](repeating: UInt8(ascii: "0"), count: digits - fraction.count) + fraction
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `27/11/2026` in Italian, `27.11.2026` in German, `Nov 27, 2026` in English.
    public func date(_ date: CalendarDate) -> String {
        fill(conventions.shortDate, date)
    }

    /// `27 novembre 2026`, `27. November 2026`, `November 27, 2026`.
    public func longDate(_ date: CalendarDate) -> String {
        fill(conventions.longDate, date)
    }

    /// `novembre 2026` / `November 2026`.
    public func month(_ date: CalendarDate) -> String {
        "\(conventions.months[date.month - 1]) \(date.year)"
    }

    /// A period by its first and last day: `01/11/2026 – 30/11/2026`.
    public func period(_ period: DatePeriod) -> String {
        "\(date(period.start)) – \(date(period.lastDay))"
    }

    /// `22%`; `5,5%` in Italian and German.
    public func rate(_ rate: TaxRate) -> String {
        conventions.decimalSeparator == "."
            ? rate.description : rate.description.replacingDots(with: conventions.decimalSeparator)
    }

    /// A date pattern's `{d}`, `{dd}`, `{m}`, `{mm}`, `{mon}`, `{month}` and `{yyyy}` filled in.
    private func fill(_ pattern: String, _ date: CalendarDate) -> String {
        var result = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let month = conventions.months[date.month - 1]
            switch rest[rest.index(after: open)..<close] {
            case "d": result += String(date.day)
            case "dd": result += (date.day < 10 ? "0" : "") + String(date.day)
            case "m": result += String(date.month)
            case "mm": result += (date.month < 10 ? "0" : "") + String(date.month)
            case "mon": result += month.prefix(3)
            case "month": result += month
            case "yyyy": result += String(date.year)
            default: result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

extension String {
    fileprivate func replacingDots(with separator: String) -> String {
        split(separator: ".", omittingEmptySubsequences: false).joined(separator: separator)
    }
}
