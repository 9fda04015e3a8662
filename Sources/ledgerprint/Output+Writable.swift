import Canvas
import Foundation

extension OutputFiles {
    /// Fails, exit 74 with the path and the reason, unless `url` could be written now.
    ///
    /// Standard output always can; otherwise ``AtomicFile/checkWritable(_:)`` decides. Commands
    /// that change the store before they write call this first, so a failed write changes nothing.
    static func checkWritable(_ url: URL) throws {
        guard url != standardOutput else { return }
        do {
            try AtomicFile.checkWritable(url)
        } catch {
            throw Failure(.storeError, "\(error.description); nothing was changed")
        }
    }

    /// Why `folder` cannot be created, in the system's words: the first part of its path that is
    /// a file rather than a folder, or the reason `mkdir` gives for the first part it cannot make.
    static func reasonFolderFails(_ folder: URL) -> String {
        var parts: [String] = []
        var current = folder.standardizedFileURL
        while current.path != "/" {
            parts.insert(current.path, at: 0)
            current.deleteLastPathComponent()
        }
        for part in parts {
            var info = stat()
            if stat(part, &info) == 0 {
                if info.st_mode & S_IFMT != S_IFDIR { return "\(part) is a file, not a folder" }
                continue
            }
            if mkdir(part, 0o777) != 0 { return String(cString: strerror(errno)) }
            rmdir(part)
        }
        return "the system refused"
    }
}
