import Foundation

/// Threads that write a run's files, so that waiting for the disk overlaps drawing the next documents.
///
/// Every file a run writes is made durable (`fsync`) before it is renamed into place, and so is every
/// commit of the printed index: four waits for the disk per invoice with its FatturaPA file, which a
/// thread drawing documents spent idle (docs/performance.md, "speed29, session 14"). The drawing threads
/// hand each finished document to ``submit(_:)`` and go on; a document's files are written and recorded on
/// one of these threads, which use no CPU while they wait. At most `capacity` documents wait to be
/// written, so memory stays that of a few documents however long the run.
final class DiskWriters: @unchecked Sendable {
    // `queue`, `closed` and `running` are used only inside `condition`; the rest is immutable.
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var closed = false
    private var running: Int
    private let capacity: Int

    /// Starts `threads` writing threads (at least 1); `submit` waits while `capacity` documents are queued.
    init(threads: Int, capacity: Int) {
        running = max(1, threads)
        self.capacity = max(1, capacity)
        for _ in 0..<running {
            let thread = Thread { [self] in work() }
            thread.name = "ledgerprint-writer"
            thread.start()
        }
    }

    /// Queues `write`, waiting first while the queue is full.
    func submit(_ write: @escaping @Sendable () -> Void) {
        condition.lock()
        while queue.count >= capacity { condition.wait() }
        queue.append(write)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until everything submitted is written, and ends the threads.
    ///
    /// Nothing may be submitted after.
    func finish() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            while queue.isEmpty, !closed { condition.wait() }
            guard !queue.isEmpty else { break }
            let write = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            write()
            condition.lock()
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
