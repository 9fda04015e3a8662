import Foundation

/// Rows that several threads add at the same time, written together in one transaction.
///
/// Each commit of an SQLite store waits for the disk (`fsync` of the write-ahead log), and GRDB writes
/// one transaction at a time: threads recording printed files one by one queued behind each other's
/// waits. Here the first thread to arrive writes its row; rows that arrive while it commits are written
/// by the next of them in one transaction, and so on. Every caller returns only once its own row is
/// committed, or throws the error that row met, as if it had written alone: a failed group is written
/// again a row at a time, so that one row's failure is not another's.
final class GroupCommit<Row: Sendable>: @unchecked Sendable {
    // Everything is used only inside `condition`. Rows are numbered in order of arrival: those below
    // `settled` are written or failed, `pending` holds the next ones (after the group being written).
    private let condition = NSCondition()
    private var pending: [Row] = []
    private var next = 0
    private var settled = 0
    private var writing = false
    private var failures: [Int: StoreError] = [:]

    /// Adds `row` with `write` (one transaction over the rows given) and returns once it is committed.
    func add(_ row: Row, write: ([Row]) throws(StoreError) -> Void) throws(StoreError) {
        condition.lock()
        let number = next
        next += 1
        pending.append(row)
        while settled <= number {
            guard !writing else {
                condition.wait()
                continue
            }
            writing = true
            let first = settled
            let group = pending
            pending = []
            condition.unlock()
            let failed = Self.write(group, first: first, write)
            condition.lock()
            failures.merge(failed) { $1 }
            settled = first + group.count
            writing = false
            condition.broadcast()
        }
        let failure = failures.removeValue(forKey: number)
        condition.unlock()
        if let failure { throw failure }
    }

    /// Writes `group` (rows numbered from `first`) in one transaction, or one row at a time if that
    /// fails; the errors by row number.
    private static func write(
        _ group: [Row],
        first: Int,
        _ write: ([Row]) throws(StoreError) -> Void
    ) -> [Int: StoreError] {
        do {
            try write(group)
            return [:]
        } catch {
            guard group.count > 1 else { return [first: error] }
        }
        var failed: [Int: StoreError] = [:]
        for (offset, row) in group.enumerated() {
            do {
                try write([row])
            } catch {
                failed[first + offset] = error
            }
        }
        return failed
    }
}
