import Billing
import Foundation
import Testing

@testable import HistoryStore

/// Amounts, dates, periods and currencies are written and read by hand (`RecordFastPaths.swift`);
/// their bytes must be what their `Codable` conformances give, and a wrong one must be reported as
/// `Codable` reports it.
@Suite("Record JSON: amounts, dates, periods, currencies")
struct RecordLeafTests {
    /// What `value`'s own `encode(to:)` writes through the record encoder, bypassing the hand-written path.
    static func codableText(_ value: some Encodable) throws -> String {
        try RecordEncoder.encode(value, handwritten: false)
    }

    static let jpy = (try? Currency(code: "JPY")) ?? .eur

    @Test(arguments: [
        Money(minorUnits: 0, currency: .eur), Money(minorUnits: 5, currency: .eur),
        Money(minorUnits: -5, currency: .eur), Money(minorUnits: 123_456, currency: .usd),
        Money(minorUnits: -100_000_000_007, currency: .gbp), Money(minorUnits: 1200, currency: jpy),
        Money(minorUnits: -7, currency: jpy), Money(minorUnits: .max, currency: .eur),
        Money(minorUnits: .min + 1, currency: .eur),
    ])
    func amountsAreWrittenAsTheirCodableForm(money: Money) throws {
        #expect(Self.jpy.code == "JPY")
        let text = try RecordEncoder.encode(money)
        #expect(text == (try Self.codableText(money)))
        #expect(text.hasPrefix(#"{"amount":""# + money.decimalString + #"","currency":""#))
        #expect(try RecordDecoder.decode(Money.self, from: Array(text.utf8)) == money)
        #expect(try JSONDecoder().decode(Money.self, from: Data(text.utf8)) == money)
    }

    @Test(arguments: ["2026-01-01", "2024-02-29", "0999-12-31", "9999-09-09"])
    func datesAndPeriodsAreWrittenAsTheirCodableForm(text: String) throws {
        let date = try CalendarDate(text)
        #expect(try RecordEncoder.encode(date) == "\"\(text)\"")
        #expect(try RecordEncoder.encode(date) == (try Self.codableText(date)))
        #expect(try RecordDecoder.decode(CalendarDate.self, from: Array("\"\(text)\"".utf8)) == date)
        let period = try DatePeriod(start: date, end: date.adding(days: 31))
        let periodText = try RecordEncoder.encode(period)
        #expect(periodText == (try Self.codableText(period)))
        #expect(try RecordDecoder.decode(DatePeriod.self, from: Array(periodText.utf8)) == period)
        #expect(try RecordEncoder.encode(Currency.usd) == #""USD""#)
    }

    @Test func membersInAnotherOrderOrWithSpacesAreRead() throws {
        let json =
            #"[{ "currency" : "usd", "extra": 1, "amount" : "-0.50" }, {"end":"2026-02-01","start":"2026-01-01"}]"#
        let tape = try JSONTape(Array(json.utf8))
        let money = try RecordDecoding(tape: tape, node: 1).decodeValue(Money.self)
        #expect(money == Money(minorUnits: -50, currency: .usd))
        let periodNode = Int(tape.nodes[1].next)
        let period = try RecordDecoding(tape: tape, node: periodNode).decodeValue(DatePeriod.self)
        #expect(period == (try DatePeriod(start: CalendarDate("2026-01-01"), end: CalendarDate("2026-02-01"))))
    }

    @Test(arguments: [
        (#"{"amount":"1.234","currency":"EUR"}"#, "amount"),
        (#"{"amount":12.34,"currency":"EUR"}"#, "expected a string, found a number"),
        (#"{"amount":"12.34","currency":"XYZ"}"#, "XYZ"),
        (#"{"amount":"12.34"}"#, "currency"),
        (#"{"start":"2026-02-01","end":"2026-01-01"}"#, "end"),
        (#""2026-02-30""#, "2026-02-30"),
    ])
    func aWrongValueIsReportedAsCodableReportsIt(json: String, mentions: String) throws {
        let bytes = Array(json.utf8)
        let type: any Decodable.Type =
            json.contains("amount") ? Money.self : json.contains("start") ? DatePeriod.self : CalendarDate.self
        func message(_ body: () throws -> Any) -> String {
            do {
                _ = try body()
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        let ours = message { try RecordDecoder.decode(type, from: bytes) }
        let codable = message { try RecordDecoder.decode(type, from: bytes, handwritten: false) }
        #expect(ours == codable)
        #expect(ours != "accepted")
        #expect(ours.contains(mentions), "\(ours)")
    }
}
