import Billing
import GRDB

/// Reading payment reminders and the policy that issues them.
extension SQLiteStore {
    /// The reminder policy set in the store, or ``ReminderPolicy/standard``.
    public func reminderPolicy() throws(StoreError) -> ReminderPolicy {
        try read { db in try StoreTransaction.setting("reminder-policy", as: ReminderPolicy.self, db) ?? .standard }
    }

    /// Reminders issued, oldest first; of one account, or all.
    public func reminders(accountID: String?) throws(StoreError) -> [Reminder] {
        try read { db in try StoreTransaction.reminders(accountID: accountID, db) }
    }

    /// Accounts with an invoice past its due date on `date`, not voided and with something asked at
    /// issue: the only ones a reminder run has to look at.
    public func accountsWithInvoicesPastDue(on date: CalendarDate) throws(StoreError) -> [String] {
        try read { db in try StoreTransaction.accountsWithInvoicesPastDue(on: date, db) }
    }

    /// The account's invoices due for a reminder on `date`, each at its next level.
    public func dueReminderLines(accountID: String, on date: CalendarDate) throws(StoreError) -> [ReminderLine] {
        try read { db in
            let policy = try StoreTransaction.setting("reminder-policy", as: ReminderPolicy.self, db) ?? .standard
            return try StoreTransaction.dueReminderLines(accountID, policy: policy, on: date, db)
        }
    }
}
