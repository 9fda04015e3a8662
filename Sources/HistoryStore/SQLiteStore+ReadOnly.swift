import Foundation
import GRDB

/// Stores that this process may read but not write: a file without write permission, in a folder
/// without it, or on a read-only disk (an archived copy, a backup mounted read-only).
///
/// SQLite reads a write-ahead-log store through a shared-memory file and a log beside it (`-shm`,
/// `-wal`), which a read-only folder cannot hold, so such a store is opened as an immutable file
/// (`file:…?immutable=1`): read as it is, without those files or locks. It can be listed and
/// printed from; any change is refused with one clear message (``StoreError/readOnly(path:)``),
/// exit code 74 at the command line. Immutable means SQLite assumes no one else changes the file
/// meanwhile: a store someone else is writing at that moment may read inconsistently.
extension SQLiteStore {
    /// Whether this process cannot write the store at `path` (or, for a file not there yet, its folder).
    static func isReadOnly(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: path) else { return false }
        return access(path, W_OK) != 0 || access(folder.isEmpty ? "." : folder, W_OK) != 0
    }

    /// Whether the store was opened read-only: it can be read, and every change is refused.
    public var isReadOnly: Bool { Self.isReadOnly(path) }

    /// Sets `configuration` up to read a store that cannot be written.
    static func configureReadOnly(_ configuration: inout Configuration) {
        configuration.readonly = true
    }

    /// The SQLite URI that opens `path` as an immutable file (sqlite.org/uri.html).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).path
        var escaped = ""
        for character in absolute {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:\(escaped)?immutable=1"
    }
}
