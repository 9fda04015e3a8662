import Billing
import GRDB

/// Reading payment reminders and the policy that issues them.
extension SQLiteStore {
    /// The reminder policy set in the store, or ``ReminderPolicy/standard``.
    public func reminderPolicy() throws(StoreError) -> ReminderPolicy {
        try read { db in
            try SettingRecord<ReminderPolicy>.fetchOne(
                db,
                sql: "SELECT * FROM settings WHERE name = ?",
                arguments: ["reminder-policy"]
            )?.value ?? .standard
        }
    }

    /// Reminders issued, oldest first; of one account, or all.
    public func reminders(accountID: String?) throws(StoreError) -> [Reminder] {
        try read { db in
            try ReminderRecord.fetchAll(
                db,
                sql: "SELECT * FROM reminders WHERE ?1 IS NULL OR account_id = ?1 ORDER BY date, id",
                arguments: [accountID]
            ).map(\.reminder)
        }
    }

    /// Accounts with an invoice past its due date on `date`, not voided and with something asked at
    /// issue: the only ones a reminder run has to look at.
    public func accountsWithInvoicesPastDue(on date: CalendarDate) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT account_id FROM invoices
                    WHERE due_date < ? AND amount_due > 0
                      AND number NOT IN (SELECT invoice_number FROM credit_notes)
                    ORDER BY account_id
                    """,
                arguments: [date.description]
            )
        }
    }

    /// The account's invoices due for a reminder on `date`, each at its next level.
    public func dueReminderLines(accountID: String, on date: CalendarDate) throws(StoreError) -> [ReminderLine] {
        try read { db in
            let policy =
                try SettingRecord<ReminderPolicy>.fetchOne(
                    db,
                    sql: "SELECT * FROM settings WHERE name = ?",
                    arguments: ["reminder-policy"]
                )?.value ?? .standard
            return try StoreTransaction.dueReminderLines(accountID, policy: policy, on: date, db)
        }
    }
}
