import Foundation

/// The JSON of the event log and of import and export files (`docs/data-format.md`): compact,
/// written straight into bytes, and read through a ``JSONSyntaxError``-reporting tape.
///
/// The same value always gives the same bytes (keys in the order the type encodes them, no
/// whitespace, `/` not escaped), and what it writes `JSONDecoder` reads.
///
/// ```swift
/// let bytes = try EventLogJSON.encode(event)
/// let again = try EventLogJSON.decode(StoreEvent.self, from: bytes)
/// ```
public enum EventLogJSON {
    /// The compact JSON of `value` as UTF-8 bytes.
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try CompactEncoder.encodeBytes(value)
    }

    /// Decodes a `T` from the JSON text `bytes`.
    ///
    /// - Throws: ``JSONSyntaxError`` for a text that is not JSON, `DecodingError` (with the coding
    ///   path of the wrong field) for JSON that is not a `T`.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try TapeDecoder.decode(type, from: bytes)
    }

    /// Decodes a `T` from the JSON file `name`, with every error at its line and column.
    ///
    /// A syntax error names its line and column, a wrong field its JSON path
    /// (`$.events[3].selection.seats`) and its line and column too. A member named twice in one
    /// object is an error, since only one of its values could be read.
    ///
    /// - Throws: ``EventLogError``.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, name: String) throws(EventLogError) -> T {
        let tape: JSONTape
        do {
            tape = try JSONTape([UInt8](data), refusingControlCharacters: true)
        } catch {
            throw EventLogError(
                location: "\(name): line \(error.line), column \(error.column)",
                reason: "not valid JSON: \(error.reason)"
            )
        }
        if let (first, second) = tape.firstDuplicateKey() {
            let here = tape.lineAndColumn(ofNode: second)
            let there = tape.lineAndColumn(ofNode: first)
            throw EventLogError(
                location: "\(name): line \(here.line), column \(here.column)",
                reason: "\(path(tape.path(to: second + 1))) is given twice (first at line \(there.line), column"
                    + " \(there.column)): an object may name each member once; keep one of them"
            )
        }
        do {
            return try RecordDecoding(tape: tape, node: 0).decodeValue(type)
        } catch let error as DecodingError {
            let (path, reason) = describe(error)
            let place = tape.lineAndColumn(ofNode: tape.node(at: codingPath(of: error)))
            throw EventLogError(
                location: "\(name): \(path)",
                reason: "\(reason) (line \(place.line), column \(place.column))"
            )
        } catch {
            throw EventLogError(location: name, reason: "\(error)")
        }
    }

    private static func codingPath(of error: DecodingError) -> [any CodingKey] {
        switch error {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            return context.codingPath
        @unknown default: return []
        }
    }

    /// `$.events[3].selection.seats` for a coding path.
    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.reduce("$") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text + "." + key.stringValue
        }
    }

    /// A JSON path such as `$.events[3].selection.seats` and what is wrong there.
    public static func describe(_ error: DecodingError) -> (path: String, reason: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "required field \"\(key.stringValue)\" is missing")
        case .typeMismatch(let type, let context):
            if context.debugDescription.hasPrefix("expected ") {
                return (path(context.codingPath), context.debugDescription)
            }
            return (path(context.codingPath), "expected \(type) — \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            if context.debugDescription.hasPrefix("expected ") {
                return (path(context.codingPath), context.debugDescription)
            }
            return (path(context.codingPath), "expected \(type), found null")
        case .dataCorrupted(let context):
            let reason =
                context.debugDescription == "The given data was not valid JSON."
                ? "not valid JSON" : context.debugDescription
            return (path(context.codingPath), reason)
        @unknown default:
            return ("$", "\(error)")
        }
    }
}

/// A JSON file that is not what it should be: where (file and line:column, or file and JSON path)
/// and what is wrong.
public struct EventLogError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file and the line and column, or the file and the JSON path of the record.
    public var location: String
    /// What is wrong there and what would be right.
    public var reason: String

    /// Creates an error.
    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    /// "`location`: `reason`".
    public var description: String { "\(location): \(reason)" }
}
