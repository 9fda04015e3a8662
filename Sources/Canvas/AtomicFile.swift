import Foundation

/// Writes files so that a reader, or a killed process, never sees half of one.
public enum AtomicFile {
    /// Writes `data` to `url`: a regular file (or a new one) through a temporary file beside it,
    /// flushed and renamed over it; a FIFO or a character device (a terminal, `/dev/null`) straight
    /// into it, never replaced.
    ///
    /// The temporary file is created with `O_EXCL` and named `.NAME.PID.RANDOM.tmp`, so two
    /// processes writing into one folder never share or remove each other's; on any failure it is
    /// removed and `url` is left as it was.
    /// - Throws: ``CanvasError/cannotWrite(path:reason:)`` naming the path and the system's reason,
    ///   also when `url` is a folder or another kind of file.
    public static func write(_ data: Data, to url: URL) throws(CanvasError) {
        var info = stat()
        if stat(url.path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFIFO, S_IFCHR:
                try writeInPlace(data, to: url)
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
        var temporary = folder.appendingPathComponent(temporaryName(for: url.lastPathComponent))
        var descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        while descriptor < 0, errno == EEXIST {
            temporary = folder.appendingPathComponent(temporaryName(for: url.lastPathComponent))
            descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard descriptor >= 0 else { throw .cannotWrite(path: url.path, reason: reason(errno, folder: folder)) }
        let failure = writeAll(data, to: descriptor) ?? (fsync(descriptor) == 0 ? nil : errno)
        close(descriptor)
        if let failure {
            unlink(temporary.path)
            throw .cannotWrite(path: url.path, reason: reason(failure, folder: folder))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .cannotWrite(path: url.path, reason: reason)
        }
    }

    /// Whether `name` is the temporary file of a writer that ended before renaming it.
    ///
    /// That is `.NAME.PID.RANDOM.tmp` whose process no longer runs. A running process's
    /// temporary files, this one's included, are never such.
    public static func isAbandonedTemporaryFile(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".")
        guard parts.count >= 3, let random = parts.last, random.count == 16, UInt64(random, radix: 16) != nil,
            let pid = pid_t(parts[parts.count - 2]), pid > 0, pid != getpid()
        else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// `.NAME.PID.RANDOM.tmp`, RANDOM 16 hex digits.
    static func temporaryName(for name: String) -> String {
        let digits = String(UInt64.random(in: .min ... .max), radix: 16)
        return ".\(name).\(getpid()).\(String(repeating: "0", count: 16 - digits.count) + digits).tmp"
    }

    /// Writes into an existing FIFO or device: opened for writing only, neither created nor truncated.
    private static func writeInPlace(_ data: Data, to url: URL) throws(CanvasError) {
        let descriptor = open(url.path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotWrite(path: url.path, reason: String(cString: strerror(errno))) }
        let failure = writeAll(data, to: descriptor)
        close(descriptor)
        if let failure { throw .cannotWrite(path: url.path, reason: String(cString: strerror(failure))) }
    }

    /// Writes every byte; the `errno` of a failure, or nil.
    static func writeAll(_ data: Data, to descriptor: Int32) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(
                    descriptor,
                    buffer.baseAddress.map { $0 + offset },
                    buffer.count - offset
                )
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }

    static func reason(_ code: Int32, folder: URL) -> String {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) || !isFolder.boolValue {
            return "the folder \(folder.path) does not exist"
        }
        if !FileManager.default.isWritableFile(atPath: folder.path) {
            return "the folder \(folder.path) is not writable"
        }
        return String(cString: strerror(code))
    }
}
