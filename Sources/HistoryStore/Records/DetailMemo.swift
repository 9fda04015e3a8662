import EventLog
import Synchronization

/// JSON detail columns decoded ahead of the transaction that reads them, by record key and exact
/// text: a month-end run reads each account once, and decoding its detail was a tenth of a
/// renewal, so the next batch's accounts are decoded on the other core while the writer works
/// (``SQLiteStore/applyInBatches(_:batchSize:progress:)``).
///
/// A value is used only when the row read in the transaction holds exactly the text that was
/// decoded ahead, so a record changed in between is decoded anew: the memo can be late, never
/// wrong. Each value is handed out once; the memo holds at most `capacity` values and forgets
/// them all when full.
final class DetailMemo<Value: Decodable & Sendable>: Sendable {
    private let entries = Mutex<[String: (text: String, value: Value)]>([:])
    private let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The value of `text`, the detail of the record `key`: decoded ahead, or decoded now.
    func decode(_ text: String, of key: String) throws -> Value {
        let ahead = entries.withLock { entries in entries.removeValue(forKey: key) }
        if let ahead, ahead.text == text { return ahead.value }
        return try EventLogJSON.decode(Value.self, from: Array(text.utf8))
    }

    /// Decodes `text`, the detail of the record `key`, for a transaction that will read it.
    func decodeAhead(_ text: String, of key: String) throws {
        let value = try EventLogJSON.decode(Value.self, from: Array(text.utf8))
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = (text, value)
        }
    }
}
