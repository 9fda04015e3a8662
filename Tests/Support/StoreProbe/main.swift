// A helper for HistoryStoreTests: a second (and third) process that renews subscriptions in the
// same store file at the same time as another, to prove numbering stays gapless and unique.
//
// Usage: StoreProbe STORE DATE even|odd|all [batches|dated]
// With "batches", the renewals go through `applyInBatches` (7 to a transaction, read ahead on
// another thread), as `ledgerprint invoices run` does; otherwise one `apply` each. With "dated", a
// renewal refused because another process already numbered a later date is counted (printed on
// standard error as "refused N") and the others go on, 10 ms apart so that another process can
// number later dates in between; any other error still stops the probe.
import Billing
import Foundation
import HistoryStore

/// The invoices `event` issued, or `nil` when it was refused for coming before a later-dated number.
func applyUnlessOutOfOrder(_ event: StoreEvent, to store: SQLiteStore) throws -> Int? {
    do {
        return try store.apply(event).invoices.count
    } catch {
        guard case .outOfDateOrder = error else { throw error }
        return nil
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4 || (arguments.count == 5 && ["batches", "dated"].contains(arguments[4])) else {
    FileHandle.standardError.write(Data("usage: StoreProbe STORE DATE even|odd|all [batches|dated]\n".utf8))
    exit(2)
}
do {
    let store = try SQLiteStore(path: arguments[1])
    let date = try CalendarDate(arguments[2])
    var renewals: [StoreEvent] = []
    for (index, id) in try store.dueSubscriptionIDs(through: date, kind: nil).enumerated() {
        switch arguments[3] {
        case "even" where index % 2 == 1, "odd" where index % 2 == 0: continue
        default: break
        }
        renewals.append(StoreEvent(date: date, actor: .system, action: .renew(subscriptionID: id)))
    }
    var issued = 0
    if arguments.count == 5, arguments[4] == "batches" {
        for result in try store.applyInBatches(renewals, batchSize: 7) { issued += try result.get().invoices.count }
    } else if arguments.count == 5 {
        var refused = 0
        for renewal in renewals {
            switch try applyUnlessOutOfOrder(renewal, to: store) {
            case let count?: issued += count
            case nil: refused += 1
            }
            usleep(10_000)
        }
        FileHandle.standardError.write(Data("refused \(refused)\n".utf8))
    } else {
        for renewal in renewals { issued += try store.apply(renewal).invoices.count }
    }
    print(issued)
} catch {
    FileHandle.standardError.write(Data("StoreProbe: \(error)\n".utf8))
    exit(1)
}
