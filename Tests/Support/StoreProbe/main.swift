// A helper for HistoryStoreTests: a second (and third) process that renews subscriptions in the
// same store file at the same time as another, to prove numbering stays gapless and unique.
//
// Usage: StoreProbe STORE DATE even|odd|all
import Billing
import Foundation
import HistoryStore

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: StoreProbe STORE DATE even|odd|all\n".utf8))
    exit(2)
}
do {
    let store = try SQLiteStore(path: arguments[1])
    let date = try CalendarDate(arguments[2])
    var issued = 0
    for (index, id) in try store.dueSubscriptionIDs(through: date, kind: nil).enumerated() {
        switch arguments[3] {
        case "even" where index % 2 == 1, "odd" where index % 2 == 0: continue
        default: break
        }
        issued += try store.apply(StoreEvent(date: date, actor: .system, action: .renew(subscriptionID: id))).invoices
            .count
    }
    print(issued)
} catch {
    FileHandle.standardError.write(Data("StoreProbe: \(error)\n".utf8))
    exit(1)
}
