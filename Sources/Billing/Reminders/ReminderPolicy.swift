/// One level of payment reminder: how many days after the due date it is sent, and its wording.
public struct ReminderLevel: Sendable, Hashable, Codable {
    /// Days after an invoice's due date from which this level is sent.
    public var days: Int
    /// The paragraph the reminder opens with, by language code ("it", "en", "de"); a language not
    /// given uses the template's wording for the level.
    public var wording: [String: String]

    /// Creates a level.
    public init(days: Int, wording: [String: String] = [:]) {
        self.days = days
        self.wording = wording
    }
}

/// How overdue invoices are reminded: up to three levels, each sent once per invoice.
public struct ReminderPolicy: Sendable, Hashable, Codable {
    /// The levels, first to last, their days increasing.
    public var levels: [ReminderLevel]

    /// The policy a store has until one is set: 7, 21 and 45 days after the due date, in the
    /// templates' wording.
    public static let standard = ReminderPolicy(
        levels: [ReminderLevel(days: 7), ReminderLevel(days: 21), ReminderLevel(days: 45)]
    )

    /// Creates a policy.
    public init(levels: [ReminderLevel]) {
        self.levels = levels
    }

    /// Refuses a policy without levels, with more than three, or whose days are not positive and increasing.
    ///
    /// - Throws: ``BillingError/invalidValue(field:value:expected:)`` naming the level at fault.
    public func validate() throws(BillingError) {
        guard (1...3).contains(levels.count) else {
            throw .invalidValue(field: "reminder levels", value: String(levels.count), expected: "1 to 3 levels")
        }
        var previous = 0
        for (index, level) in levels.enumerated() {
            guard level.days > previous else {
                throw .invalidValue(
                    field: "reminder level \(index + 1) days",
                    value: String(level.days),
                    expected: index == 0 ? "a number of days above 0" : "more days than level \(index) (\(previous))"
                )
            }
            for (language, text) in level.wording where DocumentLanguage.named(language) == nil || text.isEmpty {
                throw .invalidValue(
                    field: "reminder level \(index + 1) wording",
                    value: language,
                    expected: "a text for one of \(DocumentLanguage.codeList)"
                )
            }
            previous = level.days
        }
    }

    /// The invoices due for a reminder on `date`, each at the level it is due for.
    ///
    /// An overdue invoice is due for the level after the last one it was sent (the first if none)
    /// once it is that level's days past due and, after a first reminder, at least the days between
    /// the two levels have passed since the last one: never the same level twice, never two levels at once.
    /// `sent` gives the last level sent for each invoice, and when.
    public func due(
        _ standings: [InvoiceStanding],
        sent: [DocumentNumber: (level: Int, date: CalendarDate)],
        on date: CalendarDate
    ) -> [ReminderLine] {
        standings.compactMap { standing -> ReminderLine? in
            guard standing.status == .overdue else { return nil }
            let previous = sent[standing.number]
            let next = (previous?.level ?? 0) + 1
            guard next <= levels.count, standing.daysPastDue >= levels[next - 1].days else { return nil }
            if let previous, previous.level >= 1 {
                let gap = levels[next - 1].days - levels[previous.level - 1].days
                guard previous.date.days(until: date) >= gap else { return nil }
            }
            return ReminderLine(
                number: standing.number,
                issueDate: standing.issueDate,
                dueDate: standing.dueDate,
                total: standing.total,
                balance: standing.balance,
                daysPastDue: standing.daysPastDue,
                level: next
            )
        }
    }
}
