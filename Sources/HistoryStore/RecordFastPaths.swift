import Billing

// Hand-written JSON for the small values every record is full of — amounts, dates, periods and
// currencies — byte for byte what their `Codable` conformances write and read.
//
// An invoice holds some twenty amounts and dates; through `Codable` each costs a boxed container,
// generic metadata look-ups and a temporary string, which made them a fifth of an import
// (`docs/performance.md`). `RecordWriter` and `RecordDecoding` ask these first. Reading falls back
// to the `Codable` path whenever a value is not exactly the expected shape, so a wrong value is
// reported with the same message and coding path as before.

extension RecordWriter {
    /// Writes `value` when it is one of the values above and returns `true`; `false` otherwise.
    func writeLeaf<T>(_ value: T) -> Bool {
        if T.self == Money.self {
            writeMoney(unsafeBitCast(value, to: Money.self))
        } else if T.self == CalendarDate.self {
            writeDate(unsafeBitCast(value, to: CalendarDate.self))
        } else if T.self == DatePeriod.self {
            let period = unsafeBitCast(value, to: DatePeriod.self)
            writeLiteral(#"{"start":"#)
            writeDate(period.start)
            writeLiteral(#","end":"#)
            writeDate(period.end)
            bytes.append(UInt8(ascii: "}"))
        } else if T.self == Currency.self {
            writeString(unsafeBitCast(value, to: Currency.self).code)
        } else {
            return false
        }
        return true
    }

    /// `{"amount":"-1234.56","currency":"EUR"}`, as `Money.encode(to:)` writes it.
    private func writeMoney(_ money: Money) {
        writeLiteral(#"{"amount":""#)
        if money.minorUnits < 0 { bytes.append(UInt8(ascii: "-")) }
        let digits = money.currency.minorUnitDigits
        let absolute = money.minorUnits.magnitude
        let unit = UInt64(money.currency.minorUnitsPerMajor)
        writeInteger(absolute / unit)
        if digits > 0 {
            bytes.append(UInt8(ascii: "."))
            writeDigits(Int(absolute % unit), width: digits)
        }
        writeLiteral(#"","currency":"#)
        writeString(money.currency.code)
        bytes.append(UInt8(ascii: "}"))
    }

    /// `"YYYY-MM-DD"`.
    private func writeDate(_ date: CalendarDate) {
        bytes.append(UInt8(ascii: "\""))
        writeDigits(date.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        writeDigits(date.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        writeDigits(date.day, width: 2)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A non-negative `value` with leading zeros to `width` digits, or more digits if it needs them.
    private func writeDigits(_ value: Int, width: Int) {
        let start = bytes.count
        var rest = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while bytes.count - start < width { bytes.append(UInt8(ascii: "0")) }
        bytes[start...].reverse()
    }
}

extension RecordDecoding {
    /// Reads a value of the kinds above straight from the tape, or `nil` to let `Codable` read it
    /// (and word any error).
    func readLeaf<T>(_ type: T.Type) -> T? {
        if T.self == Money.self {
            return money().map { unsafeBitCast($0, to: T.self) }
        } else if T.self == CalendarDate.self {
            return date(at: node).map { unsafeBitCast($0, to: T.self) }
        } else if T.self == DatePeriod.self {
            guard let start = member("start").flatMap(date(at:)), let end = member("end").flatMap(date(at:)),
                let period = try? DatePeriod(start: start, end: end)
            else { return nil }
            return unsafeBitCast(period, to: T.self)
        } else if T.self == Currency.self {
            return currency(at: node).map { unsafeBitCast($0, to: T.self) }
        }
        return nil
    }

    private func money() -> Money? {
        guard let amount = member("amount").flatMap(plainString(at:)),
            let currency = member("currency").flatMap(currency(at:))
        else { return nil }
        return try? Money(decimal: amount, currency: currency)
    }

    private func currency(at node: Int) -> Currency? {
        plainString(at: node).flatMap { try? Currency(code: $0) }
    }

    private func date(at node: Int) -> CalendarDate? {
        plainString(at: node).flatMap { try? CalendarDate($0) }
    }

    /// The text of a string node without escapes.
    private func plainString(at node: Int) -> String? {
        tape.nodes[node].kind == .string ? tape.string(at: node) : nil
    }

    /// The value node of the first member named `name` of this object, as the keyed container
    /// finds it; `nil` if this is not an object or has no such member.
    private func member(_ name: String) -> Int? {
        let nodes = tape.nodes
        guard nodes[node].kind == .object else { return nil }
        var index = node + 1
        for _ in 0..<Int(nodes[node].count) {
            if tape.keyEquals(index, name) { return index + 1 }
            index = Int(nodes[index + 1].next)
        }
        return nil
    }
}
