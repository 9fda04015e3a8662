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
}
