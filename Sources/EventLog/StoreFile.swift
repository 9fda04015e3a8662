import Foundation

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

    /// Reads the file `name`, refusing another format.
    ///
    /// - Throws: ``EventLogError`` naming the line and column, or the JSON path, of what is wrong.
    public static func parse(_ data: Data, name: String) throws(EventLogError) -> StoreFile {
        let file = try EventLogJSON.decode(StoreFile.self, from: data, name: name)
        guard file.format == currentFormat else {
            throw EventLogError(
                location: "\(name): $.format",
                reason: "expected \"\(currentFormat)\", found \"\(file.format)\""
            )
        }
        return file
    }

    /// The file as people read it: indented, keys sorted (Foundation's pretty printer).
    public func prettyPrinted() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
