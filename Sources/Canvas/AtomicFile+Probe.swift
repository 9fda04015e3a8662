import Foundation

extension AtomicFile {
    /// Checks, before anything else is done, that ``write(_:to:)`` could write `url`: a FIFO or a
    /// character device can be opened for writing, or the folder of a regular file takes a new
    /// temporary file (created and removed at once, so a read-only disk, a missing folder or a
    /// folder without write permission is found).
    ///
    /// A command that changes the store and then writes a file calls this first, so a write that
    /// would fail leaves the store as it was. Disk space is not reserved: a disk that fills between
    /// the check and the write still fails the write.
    /// - Throws: ``CanvasError/cannotWrite(path:reason:)`` naming the path and the reason.
    public static func checkWritable(_ url: URL) throws(CanvasError) {
        var info = stat()
        if stat(url.path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFIFO, S_IFCHR:
                guard access(url.path, W_OK) == 0 else {
                    throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
                }
                return
            case S_IFDIR: throw .cannotWrite(path: url.path, reason: "it is a folder, not a file")
            default:
                throw .cannotWrite(
                    path: url.path,
                    reason: "it is neither a regular file, a FIFO nor a character device"
                )
            }
        }
        let folder = url.deletingLastPathComponent()
        let probe = folder.appendingPathComponent(temporaryName(for: url.lastPathComponent))
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .cannotWrite(path: url.path, reason: reason(errno, folder: folder)) }
        close(descriptor)
        unlink(probe.path)
    }
}
