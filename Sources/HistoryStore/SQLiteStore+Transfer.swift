import Billing
import EventLog
import Foundation
import GRDB

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
        return try write { transaction in try transaction.importEvents(of: parsed, Self.translate) }
    }

    static func parse(_ data: Data, name: String) throws(StoreError) -> StoreFile {
        do {
            return try StoreFile.parse(data, name: name)
        } catch {
            throw .invalidImport(location: error.location, reason: error.reason)
        }
    }

    /// Decodes a `T` from the JSON file `name` in the event log's form (an account of
    /// `accounts create --file`): a syntax error names its line and column, a wrong field its JSON
    /// path (`$.events[3].selection.seats`).
    ///
    /// - Throws: ``StoreError/invalidImport(location:reason:)``.
    public static func decodeJSON<T: Decodable>(
        _ type: T.Type,
        from data: Data,
        name: String
    ) throws(StoreError) -> T {
        do {
            return try EventLogJSON.decode(type, from: data, name: name)
        } catch {
            throw .invalidImport(location: error.location, reason: error.reason)
        }
    }

    /// The whole history as the documented JSON: importing it into an empty store gives the same store.
    public func export() throws(StoreError) -> Data {
        let events = try read { db in try StoreTransaction.events(db) }
        do {
            return try StoreFile(events: events).prettyPrinted()
        } catch {
            throw .database("cannot encode the export: \(error)")
        }
    }
}
