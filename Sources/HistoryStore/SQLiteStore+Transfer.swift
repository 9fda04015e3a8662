import Billing
import Foundation
import GRDB

/// The documented file format (`docs/data-format.md`): the event log as JSON.
public struct StoreFile: Sendable, Codable {
    /// Always "ledgerprint/1".
    public var format: String
    /// The events, oldest first.
    public var events: [StoreEvent]

    /// The format this version reads and writes.
    public static let currentFormat = "ledgerprint/1"

    /// Creates a file of `events`.
    public init(events: [StoreEvent]) {
        format = Self.currentFormat
        self.events = events
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable {
    /// Events applied.
    public var events = 0
    /// Invoices issued by them.
    public var invoices = 0
    /// Credit notes issued by them.
    public var creditNotes = 0
}

extension SQLiteStore {
    /// Imports the events of one or more files in one transaction: if any record of any file is
    /// wrong, nothing is imported and the error names the file and the JSON path of the record.
    ///
    /// - Parameter files: Each file's name (for messages) and bytes.
    /// - Returns: How many events were applied and documents issued.
    /// - Throws: ``StoreError/invalidImport(location:reason:)``.
    @discardableResult
    public func importFiles(_ files: [(name: String, data: Data)]) throws(StoreError) -> ImportSummary {
        var parsed: [(name: String, file: StoreFile)] = []
        for (name, data) in files {
            parsed.append((name, try Self.parse(data, name: name)))
        }
        return try write { db in
            var summary = ImportSummary()
            for (name, file) in parsed {
                for (index, event) in file.events.enumerated() {
                    do {
                        let result = try Self.apply(event, db)
                        summary.events += 1
                        summary.invoices += result.invoices.count
                        summary.creditNotes += result.creditNotes.count
                    } catch {
                        throw StoreError.invalidImport(
                            location: "\(name): $.events[\(index)] (\(event.date) \(event.action.name))",
                            reason: Self.translate(error).description
                        )
                    }
                }
            }
            return summary
        }
    }

    static func parse(_ data: Data, name: String) throws(StoreError) -> StoreFile {
        let file = try decodeJSON(StoreFile.self, from: data, name: name)
        guard file.format == StoreFile.currentFormat else {
            throw .invalidImport(
                location: "\(name): $.format",
                reason: "expected \"\(StoreFile.currentFormat)\", found \"\(file.format)\""
            )
        }
        return file
    }

    /// Decodes a `T` from the JSON file `name`: a syntax error names its line and column, a wrong
    /// field its JSON path (`$.events[3].selection.seats`).
    ///
    /// - Throws: ``StoreError/invalidImport(location:reason:)``.
    public static func decodeJSON<T: Decodable>(
        _ type: T.Type,
        from data: Data,
        name: String
    ) throws(StoreError) -> T {
        do {
            return try RecordDecoder.decode(type, from: [UInt8](data))
        } catch let error as JSONTape.SyntaxError {
            throw .invalidImport(
                location: "\(name): line \(error.line), column \(error.column)",
                reason: "not valid JSON: \(error.reason)"
            )
        } catch let error as DecodingError {
            let (path, reason) = describe(error)
            throw .invalidImport(location: "\(name): \(path)", reason: reason)
        } catch {
            throw .invalidImport(location: name, reason: "\(error)")
        }
    }

    /// A JSON path such as `$.events[3].selection.seats` and what is wrong there.
    public static func describe(_ error: DecodingError) -> (path: String, reason: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("$") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text + "." + key.stringValue
            }
        }
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

    /// The whole history as the documented JSON: importing it into an empty store gives the same store.
    public func export() throws(StoreError) -> Data {
        let events = try read { db in
            try String.fetchAll(db, sql: "SELECT payload FROM events ORDER BY seq").map {
                try Self.decode(StoreEvent.self, $0)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(StoreFile(events: events))
        } catch {
            throw .database("cannot encode the export: \(error)")
        }
    }
}
