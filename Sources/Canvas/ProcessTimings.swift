import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// When a process reached the points of its work that `make bench` times, for the process suite's
/// "start-up until drawing" rows (`docs/performance.md`).
///
/// Off unless `LEDGERPRINT_TIMINGS` names a file: then the first ``mark(_:)`` of each point appends one
/// line `point cpu_ns monotonic_ns` to it — the process's CPU time so far (every thread, from its start) and
/// the system's monotonic clock, which the bench compares with the moment it started the process. Nothing is
/// printed and no document changes; a file that cannot be written is ignored, since it only serves the bench.
public enum ProcessTimings {
    /// A point of a document's printing.
    public enum Point: String, Sendable {
        /// Start-up is over: arguments parsed, store read, templates loaded; the renderer starts
        /// on the first document.
        case document
        /// The first page is handed to Cairo: the document's layout is done and drawing begins.
        case drawing
    }

    private static let path: String? = {
        guard let value = getenv("LEDGERPRINT_TIMINGS"), value.pointee != 0 else { return nil }
        return String(cString: value)
    }()

    private static let marked = Mutex<Set<String>>([])

    /// Records that the process reached `point`, the first time only; does nothing unless timings are asked for.
    public static func mark(_ point: Point) {
        guard let path else { return }
        var cpu = timespec()
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
        clock_gettime(CLOCK_MONOTONIC, &now)
        guard marked.withLock({ $0.insert(point.rawValue).inserted }) else { return }
        let line = "\(point.rawValue) \(nanoseconds(cpu)) \(nanoseconds(now))\n"
        let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard file >= 0 else { return }
        _ = line.utf8CString.withUnsafeBufferPointer { write(file, $0.baseAddress, $0.count - 1) }
        close(file)
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
