/// An overdue invoice as a reminder lists it.
public struct ReminderLine: Sendable, Hashable, Codable {
    /// The invoice's number.
    public var number: DocumentNumber
    /// When it was issued.
    public var issueDate: CalendarDate
    /// When it fell due.
    public var dueDate: CalendarDate
    /// Its total.
    public var total: Money
    /// What is still owed on it.
    public var balance: Money
    /// Days past its due date on the reminder's date.
    public var daysPastDue: Int
    /// The reminder level it is at.
    public var level: Int
}

/// A payment reminder: the overdue invoices of one account on a date, at a level of the policy.
public struct Reminder: Sendable, Hashable, Codable {
    /// Its reference, such as "REM-GLOBEX-US-2026-05-01".
    public var id: String
    /// The customer, as on the date.
    public var customer: CustomerDetails
    /// The date it was issued.
    public var date: CalendarDate
    /// Its level: the highest of its lines'.
    public var level: Int
    /// The overdue invoices.
    public var lines: [ReminderLine]
    /// What they still owe, added up.
    public var total: Money
    /// The level's wording in the customer's language, when the policy sets one.
    public var wording: String?

    /// The reminder of `lines` to `account` on `date`, worded by `policy`.
    ///
    /// - Throws: ``BillingError/invalidState(_:)`` when no invoice is due for a reminder.
    public static func issue(
        id: String,
        account: Account,
        lines: [ReminderLine],
        policy: ReminderPolicy,
        on date: CalendarDate
    ) throws(BillingError) -> Reminder {
        guard let level = lines.map(\.level).max() else {
            throw .invalidState("account \(account.id) has no overdue invoice due for a reminder on \(date)")
        }
        let wording = policy.levels.indices.contains(level - 1) ? policy.levels[level - 1].wording : [:]
        return Reminder(
            id: id,
            customer: CustomerDetails(account),
            date: date,
            level: level,
            lines: lines,
            total: try Money.sum(lines.map(\.balance), in: account.currency),
            wording: wording[DocumentLanguage.named(account.locale)?.code ?? account.locale]
        )
    }
}
