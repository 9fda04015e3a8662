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

    /// ``DocumentLanguage/shortDate`` and ``DocumentLanguage/longDate`` read once, not at every date.
    private let shortDate: [DatePart]
    private let longDate: [DatePart]

    /// Formatting for `language`; a language documents are not printed in is formatted as English.
    public init(language: String) {
        conventions = DocumentLanguage.named(language) ?? .english
        self.language = conventions.code
        shortDate = DatePart.parts(of: conventions.shortDate)
        longDate = DatePart.parts(of: conventions.longDate)
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
    ///
    /// Its digits are written into one buffer of bytes, without a string for each part: a statement
    /// formats three amounts on each of its rows.
    public func number(_ amount: Money) -> String {
        let digits = amount.currency.minorUnitDigits
        let unit = UInt64(amount.currency.minorUnitsPerMajor)
        let magnitude = amount.minorUnits.magnitude
        let whole = magnitude / unit
        // The whole part's digit count, and the power of ten of its first digit.
        var count = 1
        var divisor: UInt64 = 1
        while divisor <= whole / 10 {
            divisor *= 10
            count += 1
        }
        var text: [UInt8] = []
        text.reserveCapacity(count + count / 3 * conventions.groupSeparator.utf8.count + digits + 4)
        for index in 0..<count {
            if index > 0, (count - index) % 3 == 0 { text += conventions.groupSeparator.utf8 }
            text.append(UInt8(ascii: "0") + UInt8(whole / divisor % 10))
            divisor /= 10
        }
        if digits > 0 {
            // `unit` is 10 to the power `digits`: the fraction has that many digits, leading zeros included.
            text += conventions.decimalSeparator.utf8
            let fraction = magnitude % unit
            var place = unit / 10
            for _ in 0..<digits {
                text.append(UInt8(ascii: "0") + UInt8(fraction / place % 10))
                place /= 10
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `27/11/2026` in Italian, `27.11.2026` in German, `Nov 27, 2026` in English.
    public func date(_ date: CalendarDate) -> String {
        fill(shortDate, date)
    }

    /// `27 novembre 2026`, `27. November 2026`, `November 27, 2026`.
    public func longDate(_ date: CalendarDate) -> String {
        fill(longDate, date)
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

    /// A date pattern's parts filled in for `date`.
    private func fill(_ parts: [DatePart], _ date: CalendarDate) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .text(let text): result += text
            case .day: result += String(date.day)
            case .twoDigitDay: result += (date.day < 10 ? "0" : "") + String(date.day)
            case .month: result += String(date.month)
            case .twoDigitMonth: result += (date.month < 10 ? "0" : "") + String(date.month)
            case .shortMonthName: result.append(contentsOf: conventions.months[date.month - 1].prefix(3))
            case .monthName: result += conventions.months[date.month - 1]
            case .year: result += String(date.year)
            }
        }
        return result
    }
}

/// A piece of a date pattern: text as written, or one of the `{…}` fields.
private enum DatePart: Sendable, Hashable {
    case text(String)
    /// `{d}`, `{dd}`, `{m}`, `{mm}`, `{mon}`, `{month}`, `{yyyy}`.
    case day, twoDigitDay, month, twoDigitMonth, shortMonthName, monthName, year

    /// The parts of `pattern`; an unknown `{…}`, or a `{` never closed, is text.
    ///
    /// The text between fields is appended with `append(contentsOf:)`, whose `Substring` overload copies the
    /// bytes: `String += Substring` is the standard library's generic `append(contentsOf:)`, which made the Swift
    /// runtime scan the binary's conformance records for `Substring`'s `Collection` conformance on its first use
    /// in a process (docs/performance.md, session 18).
    static func parts(of pattern: String) -> [DatePart] {
        var parts: [DatePart] = []
        var text = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text.append(contentsOf: rest[..<open])
            let field: DatePart? =
                switch rest[rest.index(after: open)..<close] {
                case "d": .day
                case "dd": .twoDigitDay
                case "m": .month
                case "mm": .twoDigitMonth
                case "mon": .shortMonthName
                case "month": .monthName
                case "yyyy": .year
                default: nil
                }
            if let field {
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(field)
            } else {
                text.append(contentsOf: rest[open...close])
            }
            rest = rest[rest.index(after: close)...]
        }
        text.append(contentsOf: rest)
        if !text.isEmpty { parts.append(.text(text)) }
        return parts
    }
}

extension String {
    fileprivate func replacingDots(with separator: String) -> String {
        split(separator: ".", omittingEmptySubsequences: false).joined(separator: separator)
    }
}
