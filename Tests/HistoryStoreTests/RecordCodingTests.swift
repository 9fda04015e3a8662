import Billing
import Foundation
import LedgerprintTestSupport
import Testing

@testable import HistoryStore

/// The store's own JSON encoder and decoder must read and write exactly what Foundation's do, since
/// every stored record and every imported file goes through them.
@Suite("Record JSON")
struct RecordCodingTests {
    /// Every event of the sample history, with every kind of record in it.
    static func sampleEvents() throws -> [StoreEvent] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        return try JSONDecoder().decode(StoreFile.self, from: data).events
    }

    @Test func everySampleEventRoundTripsAndFoundationReadsWhatWeWrite() throws {
        let events = try Self.sampleEvents()
        #expect(events.count > 20)
        for event in events {
            let text = try RecordEncoder.encode(event)
            #expect(try RecordDecoder.decode(StoreEvent.self, from: Array(text.utf8)) == event, "\(text)")
            #expect(try JSONDecoder().decode(StoreEvent.self, from: Data(text.utf8)) == event, "\(text)")
            let foundation = try JSONEncoder().encode(event)
            #expect(try RecordDecoder.decode(StoreEvent.self, from: Array(foundation)) == event)
        }
    }

    /// Every record of the sample store is the same whether written and read with the hand-written
    /// paths (`RecordFastPaths.swift`) or through `Codable` alone, and Foundation reads it alike.
    @Test func handWrittenAndCodableFormsAreTheSameForEveryStoredRecord() throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let store = try fixtures.newStore()
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        try store.importFiles([("history.json", data)])
        func check<T: Codable & Equatable>(_ type: T.Type, _ table: String, column: String = "data") throws -> Int {
            let texts = try store.read { db in try String.fetchAll(db, sql: "SELECT \(column) FROM \(table)") }
            for text in texts {
                let value = try RecordDecoder.decode(type, from: Array(text.utf8))
                #expect(try RecordDecoder.decode(type, from: Array(text.utf8), handwritten: false) == value)
                #expect(try RecordEncoder.encode(value) == text)
                #expect(try RecordEncoder.encode(value, handwritten: false) == text)
                #expect(try JSONDecoder().decode(type, from: Data(text.utf8)) == value)
            }
            return texts.count
        }
        #expect(try check(Invoice.self, "invoices") > 5)
        #expect(try check(CreditNote.self, "credit_notes") > 0)
        #expect(try check(AccountCredit.self, "account_credits") > 0)
        #expect(try check(Subscription.self, "subscriptions") > 3)
        #expect(try check(Account.self, "accounts") > 3)
        #expect(try check(Payment.self, "payments") > 0)
        #expect(try check(StoreEvent.self, "events", column: "payload") > 20)

        // What the samples do not hold: every optional member of an invoice and a subscription
        // present, and absent.
        let texts = try store.read { db in
            (
                try String.fetchOne(db, sql: "SELECT data FROM invoices WHERE data LIKE '%purchaseOrderNumber%'"),
                try String.fetchOne(db, sql: "SELECT data FROM subscriptions")
            )
        }
        var invoice = try RecordDecoder.decode(Invoice.self, from: Array(#require(texts.0).utf8))
        var subscription = try RecordDecoder.decode(Subscription.self, from: Array(#require(texts.1).utf8))
        invoice.stampDuty = StampDuty.amount
        invoice.taxNote = "Operazione esente \"art. 10\""
        invoice.customer.address.region = nil
        subscription.cancelledOn = subscription.startedOn
        subscription.expiredOn = subscription.currentPeriod.end
        var bare = invoice
        (bare.number, bare.subscriptionID, bare.purchaseOrderNumber, bare.paymentMethod) = (nil, nil, nil, nil)
        (bare.stampDuty, bare.taxNote) = (nil, nil)
        bare.lines = bare.lines.map { line in
            var line = line
            (line.item, line.period) = (nil, nil)
            return line
        }
        for value in [invoice, bare] {
            let text = try RecordEncoder.encode(value)
            #expect(text == (try RecordEncoder.encode(value, handwritten: false)))
            #expect(try RecordDecoder.decode(Invoice.self, from: Array(text.utf8)) == value)
        }
        let text = try RecordEncoder.encode(subscription)
        #expect(text == (try RecordEncoder.encode(subscription, handwritten: false)))
        #expect(text.contains("cancelledOn") && text.contains("expiredOn"))
    }

    @Test(arguments: [
        "plain", "Società à responsabilità limitata — €", "quote \" and backslash \\ and slash /",
        "line\nbreak\ttab\r", "\u{1}\u{1F}", "emoji 🧾 and 漢字", "",
    ])
    func stringsRoundTripThroughBothCodecs(text: String) throws {
        let encoded = try RecordEncoder.encode([text])
        #expect(try JSONDecoder().decode([String].self, from: Data(encoded.utf8)) == [text])
        #expect(try RecordDecoder.decode([String].self, from: Array(encoded.utf8)) == [text])
        #expect(!encoded.contains("\n"), "newlines are escaped")
    }

    @Test func escapesWrittenByOthersAreRead() throws {
        let json = #"["caf\u00e9 \ud83e\uddfe \/ \"x\" \\"]"#
        #expect(try RecordDecoder.decode([String].self, from: Array(json.utf8)) == ["café 🧾 / \"x\" \\"])
    }

    @Test func integersAreExactAtTheLimitsAndOverflowIsAnError() throws {
        let limits: [Int64] = [.min, -1, 0, 7, .max]
        let encoded = try RecordEncoder.encode(limits)
        #expect(encoded == "[-9223372036854775808,-1,0,7,9223372036854775807]")
        #expect(try RecordDecoder.decode([Int64].self, from: Array(encoded.utf8)) == limits)
        #expect(try RecordDecoder.decode([Int].self, from: Array("[12.0, 1e2]".utf8)) == [12, 100])
        #expect(throws: DecodingError.self) {
            try RecordDecoder.decode([Int64].self, from: Array("[9223372036854775808]".utf8))
        }
        #expect(throws: DecodingError.self) { try RecordDecoder.decode([Int].self, from: Array("[1.5]".utf8)) }
    }

    @Test(arguments: [
        ("", 1, 1, "the text ends where a value was expected"),
        ("[1, 2", 1, 6, "the text ends inside an array"),
        ("{\"a\": 1,\n  \"b\" 2}", 2, 7, "expected ':' after the member name"),
        ("[01]", 1, 2, "a number cannot start with 0"),
        ("[\"open]", 1, 2, "a string is not closed"),
        ("[\"bad \\q\"]", 1, 7, "unknown escape in a string"),
        ("[1] x", 1, 5, "unexpected text after the JSON value"),
        ("[tru]", 1, 2, "expected true, found 'tru'"),
        ("{\"è\": [,]}", 1, 8, "expected a value, found ','"),
    ])
    func syntaxErrorsNameTheLineAndColumn(json: String, line: Int, column: Int, reason: String) throws {
        do {
            _ = try JSONTape(Array(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.reason == reason)
        }
    }

    @Test func aByteOrderMarkBeforeTheJSONIsAccepted() throws {
        let json = [0xEF, 0xBB, 0xBF] + Array(#"{"format": "ledgerprint/1", "events": []}"#.utf8)
        let file = try SQLiteStore.decodeJSON(StoreFile.self, from: Data(json), name: "bom.json")
        #expect(file.events.isEmpty)
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let json = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONTape.SyntaxError.self) { try JSONTape(Array(json.utf8)) }
    }

    @Test func aWrongFieldIsNamedByItsPath() throws {
        let json =
            #"{"format": "ledgerprint/1", "events": [{"date": "2026-01-01", "actor": "system", "action": "set-vendor", "vendor": {"legalName": 3}}]}"#
        do {
            _ = try SQLiteStore.decodeJSON(StoreFile.self, from: Data(json.utf8), name: "v.json")
            Issue.record("accepted a vendor whose name is 3")
        } catch {
            #expect(
                error.description
                    == "v.json: $.events[0].vendor.legalName: expected a string, found a number; nothing was imported"
            )
        }
    }
}
