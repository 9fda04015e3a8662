import Billing
import GRDB

/// Payment reminders: which overdue invoices are due for one, and the record that they were sent.
extension StoreTransaction {
    /// The reminder policy set in the store, or the standard one.
    func reminderPolicy() throws -> ReminderPolicy {
        try setting("reminder-policy", as: ReminderPolicy.self) ?? .standard
    }

    /// Issues reminder `id` to the account for its invoices due for one on `date`, and records the
    /// level each reached; refused when none is due or the id is taken.
    func issueReminder(_ id: String, accountID: String, on date: CalendarDate) throws {
        guard try !exists("reminders", id) else { throw StoreError.duplicate(kind: "reminder", id: id) }
        let account = try self.account(accountID)
        let policy = try reminderPolicy()
        let lines = try Self.dueReminderLines(accountID, policy: policy, on: date, db)
        let reminder = try Reminder.issue(id: id, account: account, lines: lines, policy: policy, on: date)
        try insert(ReminderRecord(reminder))
        for line in reminder.lines {
            try db.execute(
                "INSERT INTO reminded_invoices(invoice_number, level, reminder_id, date) VALUES (?, ?, ?, ?)",
                [.text(line.number.description), .integer(Int64(line.level)), .text(id), .text(date.description)]
            )
        }
    }
}

/// The one mapping of a ``Reminder`` to its row of `reminders`; its lines and customer are JSON in `detail`.
struct ReminderRecord: StoredRecord, PersistableRecord {
    static let databaseTableName = "reminders"

    var reminder: Reminder

    init(_ reminder: Reminder) {
        self.reminder = reminder
    }

    init(columns row: some StoredRow) throws {
        reminder = try row.json(Reminder.self)
    }

    func write(to container: inout StoredColumns) throws {
        container["id"] = reminder.id
        container["account_id"] = reminder.customer.accountID
        container["date"] = reminder.date.description
        container["level"] = reminder.level
        container["detail"] = try StoredValue.json(reminder)
    }
}
