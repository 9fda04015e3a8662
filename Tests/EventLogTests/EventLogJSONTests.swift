import Billing
import Foundation
import LedgerprintTestSupport
import Testing

@testable import EventLog

/// The event log's JSON codec must read and write exactly what Foundation's does, since every
/// logged event and every imported file goes through it.
@Suite("Event log JSON")
struct EventLogJSONTests {
    /// Every event of the sample history, with every kind of record in it.
    static func sampleEvents() throws -> [StoreEvent] {
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        return try JSONDecoder().decode(StoreFile.self, from: data).events
    }

    @Test func everySampleEventRoundTripsAndFoundationReadsWhatWeWrite() throws {
        let events = try Self.sampleEvents()
        #expect(events.count > 20)
        for event in events {
            let text = try CompactEncoder.encode(event)
            #expect(try TapeDecoder.decode(StoreEvent.self, from: Array(text.utf8)) == event, "\(text)")
            #expect(try JSONDecoder().decode(StoreEvent.self, from: Data(text.utf8)) == event, "\(text)")
            let foundation = try JSONEncoder().encode(event)
            #expect(try TapeDecoder.decode(StoreEvent.self, from: Array(foundation)) == event)
        }
    }

    @Test(arguments: [
        "plain", "Società à responsabilità limitata — €", "quote \" and backslash \\ and slash /",
        "line\nbreak\ttab\r", "\u{1}\u{1F}", "emoji 🧾 and 漢字", "",
    ])
    func stringsRoundTripThroughBothCodecs(text: String) throws {
        let encoded = try CompactEncoder.encode([text])
        #expect(try JSONDecoder().decode([String].self, from: Data(encoded.utf8)) == [text])
        #expect(try TapeDecoder.decode([String].self, from: Array(encoded.utf8)) == [text])
        #expect(!encoded.contains("\n"), "newlines are escaped")
    }

    @Test func escapesWrittenByOthersAreRead() throws {
        let json = #"["caf\u00e9 \ud83e\uddfe \/ \"x\" \\"]"#
        #expect(try TapeDecoder.decode([String].self, from: Array(json.utf8)) == ["café 🧾 / \"x\" \\"])
    }

    @Test func integersAreExactAtTheLimitsAndOverflowIsAnError() throws {
        let limits: [Int64] = [.min, -1, 0, 7, .max]
        let encoded = try CompactEncoder.encode(limits)
        #expect(encoded == "[-9223372036854775808,-1,0,7,9223372036854775807]")
        #expect(try TapeDecoder.decode([Int64].self, from: Array(encoded.utf8)) == limits)
        #expect(throws: DecodingError.self) { try TapeDecoder.decode([Int].self, from: Array("[12.0]".utf8)) }
        #expect(throws: DecodingError.self) { try TapeDecoder.decode([Int].self, from: Array("[1e2]".utf8)) }
        #expect(throws: DecodingError.self) {
            try TapeDecoder.decode([Int64].self, from: Array("[9223372036854775808]".utf8))
        }
        #expect(throws: DecodingError.self) { try TapeDecoder.decode([Int].self, from: Array("[1.5]".utf8)) }
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
        let file = try StoreFile.parse(Data(json), name: "bom.json")
        #expect(file.events.isEmpty)
    }
}
