import EventLog
import Foundation
import Synchronization

/// Decoded accounts, subscriptions and settings, each kept with the stored JSON it came from.
///
/// An invoice run or an import reads the same account and the catalog for event after event;
/// decoding them each time was most of the store's work (`docs/performance.md`). A lookup still
/// reads the record's text from SQLite and reuses the decoded value only when the text is
/// byte for byte the one it was decoded from, so the cache can never return what the database
/// does not hold — after a rollback, or a write by another process, it simply misses.
final class RecordCache: Sendable {
    struct Key: Hashable {
        let table: String
        let id: String
    }

    private struct Entry {
        let text: [UInt8]
        let value: any Sendable
    }

    /// More entries than this and the newest generation becomes the old one, and the old one is
    /// dropped.
    ///
    /// Imports and runs touch one account at a time, so a small cache hits as often as a large
    /// one, and a month-end run's memory stays flat however many accounts it renews. Two
    /// generations keep what was just remembered: a run warms the next batch's records ahead of
    /// the writer, and starting again from nothing dropped them just before they were read.
    static let capacity = 2_000

    private struct Generations {
        var newest: [Key: Entry] = [:]
        var older: [Key: Entry] = [:]

        subscript(key: Key) -> Entry? { newest[key] ?? older[key] }
    }

    private let entries = Mutex(Generations())

    /// The cache of the store operation running on this thread, if any.
    @TaskLocal static var current: RecordCache?

    /// The value stored as `bytes` (a row's column, read without making a string), decoded at
    /// most once.
    func value<T: Decodable & Sendable>(_ type: T.Type, _ key: Key, bytes: UnsafeBufferPointer<UInt8>) throws -> T {
        let cached = entries.withLock { $0[key] }
        if let cached, Self.sameBytes(cached.text, bytes), let value = cached.value as? T { return value }
        let text = Array(bytes)
        let value = try EventLogJSON.decode(type, from: text)
        remember(value, as: text, key)
        return value
    }

    /// Records that `value` was just stored as `text` (its UTF-8 bytes).
    func remember(_ value: some Sendable, as text: [UInt8], _ key: Key) {
        entries.withLock { entries in
            if entries.newest.count >= Self.capacity {
                entries.older = entries.newest
                // Settings (the catalog, the vendor) are read by every event: keep them.
                entries.newest = entries.older.filter { $0.key.table == "settings" }
            }
            entries.newest[key] = Entry(text: text, value: value)
        }
    }

    private static func sameBytes(_ text: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        text.withUnsafeBufferPointer { stored in
            guard stored.count == bytes.count else { return false }
            guard let first = stored.baseAddress, let second = bytes.baseAddress else { return true }
            return memcmp(first, second, stored.count) == 0
        }
    }
}
