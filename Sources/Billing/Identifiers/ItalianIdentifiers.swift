/// Partita IVA and Codice Fiscale checks (w9-einvoice.md §2.5, §2.6).
enum ItalianIdentifiers {
    /// Office codes (digits 8–10) that the Agenzia delle Entrate assigns.
    private static func isValidOffice(_ code: Int) -> Bool {
        (1...100).contains(code) || [120, 121, 888, 999].contains(code)
    }

    /// Returns the 11 digits of a valid Partita IVA, accepting an `IT` prefix, spaces and dashes.
    static func partitaIVA(_ text: String) throws(BillingError) -> String {
        var compact = TaxIdentifier.compact(text)
        if compact.hasPrefix("IT") { compact.removeFirst(2) }
        let digits = compact.compactMap(\.wholeNumberValue)
        func fail(_ reason: String) -> BillingError {
            .invalidIdentifier(kind: "Partita IVA", value: text, reason: reason)
        }
        guard compact.count == 11, digits.count == 11, compact.allSatisfy(\.isASCIIDigit) else {
            throw fail("a Partita IVA has exactly 11 digits")
        }
        guard luhnValid(digits) else { throw fail("the check digit does not match") }
        guard digits.prefix(7).contains(where: { $0 != 0 }) else {
            throw fail("the taxpayer number 0000000 is not issued")
        }
        let office = digits[7] * 100 + digits[8] * 10 + digits[9]
        guard isValidOffice(office) else {
            throw fail("office code \(String(format: "%03d", office)) is not issued (001–100, 120, 121, 888, 999)")
        }
        return compact
    }

    /// The Luhn check over all digits, the rightmost being the check digit.
    static func luhnValid(_ digits: [Int]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    private static let monthLetters: Set<Character> = ["A", "B", "C", "D", "E", "H", "L", "M", "P", "R", "S", "T"]
    private static let omocodia: [Character: Int] = [
        "L": 0, "M": 1, "N": 2, "P": 3, "Q": 4, "R": 5, "S": 6, "T": 7, "U": 8, "V": 9,
    ]
    private static let oddValues = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
    ]

    /// Returns a valid Codice Fiscale: 16 characters for a person, or 11 digits for a company.
    static func codiceFiscale(_ text: String) throws(BillingError) -> String {
        let code = TaxIdentifier.compact(text)
        func fail(_ reason: String) -> BillingError {
            .invalidIdentifier(kind: "Codice Fiscale", value: text, reason: reason)
        }
        if code.count == 11, code.allSatisfy(\.isASCIIDigit) {
            do {
                return try partitaIVA(code)
            } catch {
                throw fail("an 11-digit Codice Fiscale follows the Partita IVA rules and fails them")
            }
        }
        let characters = Array(code)
        guard characters.count == 16 else { throw fail("a person's Codice Fiscale has 16 characters") }
        let letterPositions = [0, 1, 2, 3, 4, 5, 8, 11, 15]
        let digitPositions = [6, 7, 9, 10, 12, 13, 14]
        guard letterPositions.allSatisfy({ characters[$0].isASCIILetter }),
            digitPositions.allSatisfy({ characters[$0].isASCIIDigit || omocodia[characters[$0]] != nil })
        else { throw fail("the shape is not AAAAAA00A00A000A") }
        guard monthLetters.contains(characters[8]) else { throw fail("'\(characters[8])' is not a month letter") }
        let day = digit(characters[9]) * 10 + digit(characters[10])
        guard (1...31).contains(day) || (41...71).contains(day) else {
            throw fail("day \(day) is not 01–31 (men) or 41–71 (women)")
        }
        guard checkCharacter(characters.prefix(15)) == characters[15] else {
            throw fail("the check character does not match")
        }
        return code
    }

    private static func digit(_ character: Character) -> Int {
        character.wholeNumberValue ?? omocodia[character] ?? 0
    }

    private static func checkCharacter(_ characters: ArraySlice<Character>) -> Character {
        var sum = 0
        for (offset, character) in characters.enumerated() {
            let index = character.wholeNumberValue ?? Int((character.asciiValue ?? 65) - 65)
            sum += offset % 2 == 0 ? oddValues[index] : index
        }
        return Character(UnicodeScalar(UInt8(65 + sum % 26)))
    }
}

extension Character {
    var isASCIILetter: Bool { ("A"..."Z").contains(self) }
}
