// A helper for HistoryStoreTests: a second (and third) process that renews subscriptions in the
// same store file at the same time as another, to prove numbering stays gapless and unique.
//
// Usage: StoreProbe STORE DATE even|odd|all [batches]
// With "batches", the renewals go through `applyInBatches` (7 to a transaction, read ahead on
// another thread), as `ledgerprint invoices run` does; otherwise one `apply` each.
import Billing
import Foundation
import HistoryStore

let arguments = CommandLine.arguments
guard arguments.count == 4 || (arguments.count == 5 && arguments[4] == "batches") else {
    FileHandle.standardError.write(Data("usage: StoreProbe STORE DATE even|odd|all [batches]\n".utf8))
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
    if arguments.count == 5 {
        for result in try store.applyInBatches(renewals, batchSize: 7) { issued += try result.get().invoices.count }
    } else {
        for renewal in renewals { issued += try store.apply(renewal).invoices.count }
    }
    print(issued)
} catch {
    FileHandle.standardError.write(Data("StoreProbe: \(error)\n".utf8))
    exit(1)
}
