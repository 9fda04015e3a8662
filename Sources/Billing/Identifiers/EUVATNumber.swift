/// EU VAT numbers as VIES knows them (w9-einvoice.md §3.4): the country prefix, the shape, and
/// the check digit for the member states whose algorithm is public and stable.
enum EUVATNumber {
    /// Country prefix → the pattern of what follows, as a list of character classes.
    private static let shapes: [String: (lengths: Set<Int>, example: String)] = [
        "AT": ([9], "ATU13585627"), "BE": ([10], "BE0403019261"), "BG": ([9, 10], "BG123456789"),
        "CY": ([9], "CY12345678X"), "CZ": ([8, 9, 10], "CZ12345678"), "DE": ([9], "DE136695976"),
        "DK": ([8], "DK12345678"), "EE": ([9], "EE123456789"), "EL": ([9], "EL094259216"),
        "ES": ([9], "ESB58378431"), "FI": ([8], "FI12345678"), "FR": ([11], "FR40303265045"),
        "HR": ([11], "HR12345678901"), "HU": ([8], "HU12345678"), "IE": ([8, 9], "IE6433435F"),
        "IT": ([11], "IT00743110157"), "LT": ([9, 12], "LT123456789"), "LU": ([8], "LU12345678"),
        "LV": ([11], "LV12345678901"), "MT": ([8], "MT12345678"), "NL": ([12], "NL004495445B01"),
        "PL": ([10], "PL8567346215"), "PT": ([9], "PT123456789"), "RO": (Set(2...10), "RO1234567"),
        "SE": ([12], "SE123456789701"), "SI": ([8], "SI12345678"), "SK": ([10], "SK1234567890"),
        "XI": ([9, 12], "XI980780684"),
    ]

    static func normalise(_ text: String) throws(BillingError) -> String {
        var code = TaxIdentifier.compact(text)
        if code.hasPrefix("GR") { code = "EL" + code.dropFirst(2) }
        func fail(_ reason: String) -> BillingError {
            .invalidIdentifier(kind: "EU VAT number", value: text, reason: reason)
        }
        let country = String(code.prefix(2))
        guard let shape = shapes[country] else {
            throw fail("it must start with an EU country prefix such as IT, DE or FR")
        }
        let body = String(code.dropFirst(2))
        guard shape.lengths.contains(body.count), body.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter }) else {
            throw fail("a \(country) VAT number looks like \(shape.example)")
        }
        guard try checkDigitValid(country: country, body: body) else {
            throw fail("the check digit does not match")
        }
        return country + body
    }

    private static func checkDigitValid(country: String, body: String) throws(BillingError) -> Bool {
        let digits = body.compactMap(\.wholeNumberValue)
        switch country {
        case "IT":
            _ = try ItalianIdentifiers.partitaIVA(body)
            return true
        case "DE":
            guard digits.count == 9 else { return false }
            var product = 10
            for digit in digits.prefix(8) {
                var sum = (digit + product) % 10
                if sum == 0 { sum = 10 }
                product = (2 * sum) % 11
            }
            let check = (11 - product) % 10
            return check == digits[8]
        case "FR":
            guard body.count == 11, let siren = Int(body.suffix(9)), let key = Int(body.prefix(2)) else { return true }
            return (12 + 3 * (siren % 97)) % 97 == key
        case "BE":
            guard digits.count == 10, let first = Int(body.prefix(8)), let check = Int(body.suffix(2)) else {
                return false
            }
            return 97 - first % 97 == check
        case "NL":
            guard body.count == 12, body[body.index(body.startIndex, offsetBy: 9)] == "B" else { return false }
            let nine = Array(digits.prefix(9))
            let sum = zip(nine.prefix(8), (2...9).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
            return sum % 11 == nine[8]
        case "AT":
            guard body.first == "U", digits.count == 8 else { return false }
            var sum = 0
            for (index, digit) in digits.prefix(7).enumerated() {
                if index % 2 == 1 {
                    let doubled = digit * 2
                    sum += doubled / 10 + doubled % 10
                } else {
                    sum += digit
                }
            }
            return (10 - (sum + 4) % 10) % 10 == digits[7]
        case "PL":
            guard digits.count == 10 else { return false }
            let weights = [6, 5, 7, 2, 3, 4, 5, 6, 7]
            let sum = zip(digits.prefix(9), weights).reduce(0) { $0 + $1.0 * $1.1 }
            return sum % 11 == digits[9]
        default:
            return true
        }
    }
}
