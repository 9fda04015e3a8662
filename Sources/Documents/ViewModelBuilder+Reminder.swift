import Billing

/// A payment reminder as its template shows it: every amount, date and word in the customer's language.
public struct ReminderView: Sendable, Hashable, Codable {
    /// One overdue invoice.
    public struct Line: Sendable, Hashable, Codable {
        /// Its number.
        public var number: String
        /// Its date.
        public var issueDate: String
        /// Its due date.
        public var dueDate: String
        /// "12 days".
        public var overdue: String
        /// Its total.
        public var total: String
        /// What is still owed.
        public var balance: String
        /// Alternate rows are shaded.
        public var zebra: Bool
    }

    /// What `base.html` prints around the document: language, title, letterhead, page, running header.
    public var frame: DocumentFrameView
    /// The customer.
    public var customer: PartyView
    /// The reminder's reference.
    public var reference: String
    /// Its date.
    public var issueDate: String
    /// Its level, 1 to 3.
    public var level: String
    /// "Dear …,".
    public var greeting: String
    /// The paragraph for the level: the policy's wording, else the labels'.
    public var opening: String
    /// The overdue invoices.
    public var lines: [Line]
    /// What they still owe, added up.
    public var total: String
    /// How to pay: transfer wording and the vendor's bank details.
    public var howToPay: [String]
    /// The closing paragraph and greeting.
    public var closing: [String]
}

extension ViewModelBuilder {
    func reminder(_ reminder: Reminder, vendor: Vendor) -> ReminderView {
        let level = min(max(reminder.level, 1), 3)
        let name = label("reminderLevel\(level)")
        let total = format.money(reminder.total)
        var howToPay = [
            label(
                "reminderPay",
                ["amount": total, "numbers": reminder.lines.map(\.number.description).joined(separator: ", ")]
            )
        ]
        if let bank = vendor.bankDetails { howToPay.append(label("payBank", ["bank": bank])) }
        return ReminderView(
            frame: frame(
                title: "\(name) \(reminder.id)",
                heading: name.uppercased(),
                vendor: vendor,
                page: page(reminder.customer),
                running: RunningHeaderView(
                    title: "\(name) \(reminder.id)",
                    party: reminder.customer.name,
                    detail: format.date(reminder.date)
                )
            ),
            customer: customer(reminder.customer),
            reference: reminder.id,
            issueDate: format.date(reminder.date),
            level: String(level),
            greeting: label("greeting", ["name": reminder.customer.contactName]),
            opening: reminder.wording ?? label("reminderText\(level)", ["date": format.date(reminder.date)]),
            lines: reminder.lines.enumerated().map { index, line in
                ReminderView.Line(
                    number: line.number.description,
                    issueDate: format.date(line.issueDate),
                    dueDate: format.date(line.dueDate),
                    overdue: label("reminderDays", ["n": String(line.daysPastDue)]),
                    total: format.money(line.total),
                    balance: format.money(line.balance),
                    zebra: index % 2 == 1
                )
            },
            total: total,
            howToPay: howToPay,
            closing: [label("reminderIgnore", ["email": vendor.email]), label("closing")]
        )
    }
}
