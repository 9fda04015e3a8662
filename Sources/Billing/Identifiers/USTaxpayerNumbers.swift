import Foundation

/// EIN, SSN and ITIN checks, after w9-einvoice.md §1.3–1.6.
///
/// None has a check digit; the rules are the ranges the IRS and SSA never issue.
enum USTaxpayerNumbers {
    /// EIN prefixes no IRS campus assigns.
    private static let invalidEINPrefixes: Set<Int> = [0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97]
    /// Published numbers that were never valid for anyone.
    private static let knownBadSSNs: Set<String> = ["078051120", "219099999", "457555462"]

    private static func nineDigits(_ text: String, shapes: [[Int]]) -> String? {
        let trimmed = text.trimmingSpaces()
        let groups = trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let digits = groups.joined()
        guard digits.count == 9, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        if groups.count == 1 { return digits }
        return shapes.contains(groups.map(\.count)) ? digits : nil
    }

    /// `NN-NNNNNNN` with an issued prefix.
    static func ein(_ text: String) throws(BillingError) -> String {
        func fail(_ reason: String) -> BillingError { .invalidIdentifier(kind: "EIN", value: text, reason: reason) }
        guard let digits = nineDigits(text, shapes: [[2, 7]]) else {
            throw fail("an EIN has 9 digits written NN-NNNNNNN")
        }
        let prefix = Int(digits.prefix(2)) ?? 0
        guard !invalidEINPrefixes.contains(prefix) else {
            throw fail("prefix \(digits.prefix(2)) is not assigned by any IRS campus")
        }
        // Strings joined, not their substrings: appending a `Substring` to a `String` goes through the standard
        // library's generic `append(contentsOf:)`, which looks up `Substring`'s conformance by scanning the
        // binary's records (`docs/performance.md`, issue 22, session 16).
        return String(digits.prefix(2)) + "-" + String(digits.dropFirst(2))
    }

    /// `AAA-GG-SSSS` outside the never-issued ranges.
    static func ssn(_ text: String) throws(BillingError) -> String {
        func fail(_ reason: String) -> BillingError { .invalidIdentifier(kind: "SSN", value: text, reason: reason) }
        guard let digits = nineDigits(text, shapes: [[3, 2, 4]]) else {
            throw fail("an SSN has 9 digits written AAA-GG-SSSS")
        }
        let (area, group, serial) = parts(digits)
        guard area != 0, area != 666, area < 900 else { throw fail("area \(digits.prefix(3)) is never issued") }
        guard group != 0 else { throw fail("group 00 is never issued") }
        guard serial != 0 else { throw fail("serial 0000 is never issued") }
        guard !knownBadSSNs.contains(digits) else { throw fail("this number was published and voided") }
        return dashed(digits)
    }

    /// `9XX-GG-XXXX` with a group the IRS issues ITINs in: 50–65, 70–88, 90–92, 94–99.
    static func itin(_ text: String) throws(BillingError) -> String {
        func fail(_ reason: String) -> BillingError { .invalidIdentifier(kind: "ITIN", value: text, reason: reason) }
        guard let digits = nineDigits(text, shapes: [[3, 2, 4]]) else {
            throw fail("an ITIN has 9 digits written 9XX-GG-XXXX")
        }
        let (area, group, _) = parts(digits)
        guard area >= 900 else { throw fail("an ITIN starts with 9") }
        let issued =
            (50...65).contains(group) || (70...88).contains(group) || (90...92).contains(group)
            || (94...99).contains(group)
        guard issued else {
            throw fail("group \(String(format: "%02d", group)) is not an ITIN group (93 is for ATINs)")
        }
        return dashed(digits)
    }

    private static func parts(_ digits: String) -> (Int, Int, Int) {
        (Int(digits.prefix(3)) ?? 0, Int(digits.dropFirst(3).prefix(2)) ?? 0, Int(digits.suffix(4)) ?? 0)
    }

    private static func dashed(_ digits: String) -> String {
        String(digits.prefix(3)) + "-" + String(digits.dropFirst(3).prefix(2)) + "-" + String(digits.suffix(4))
    }
}
