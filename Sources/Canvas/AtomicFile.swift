import Foundation

/// Writes files so that a reader, or a killed process, never sees half of one.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, flushes it, then renames it over `url`.
    ///
    /// On any failure the temporary file is removed and `url` is left as it was.
    /// - Throws: ``CanvasError/cannotWrite(path:reason:)`` naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws(CanvasError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary, options: [])
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: url.path, reason: Self.reason(error, folder: folder))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: url.path, reason: reason)
        }
    }

    private static func reason(_ error: any Error, folder: URL) -> String {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) || !isFolder.boolValue {
            return "the folder \(folder.path) does not exist"
        }
        if !FileManager.default.isWritableFile(atPath: folder.path) {
            return "the folder \(folder.path) is not writable"
        }
        return (error as NSError).localizedDescription
    }
}
