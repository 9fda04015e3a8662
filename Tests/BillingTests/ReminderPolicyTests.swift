import Billing
import Testing

@Suite("Payment reminders: levels, days and never twice")
struct ReminderPolicyTests {
    /// An overdue standing of invoice `sequence`, due on 1 March 2026, `days` past due.
    private func overdue(_ sequence: Int, days: Int) throws -> InvoiceStanding {
        InvoiceStanding(
            number: try DocumentNumber(series: .invoice, year: 2026, sequence: sequence),
            accountID: "GLOBEX-US",
            issueDate: try Fixtures.date("2026-01-30"),
            dueDate: try Fixtures.date("2026-03-01"),
            total: try Fixtures.usd("500.00"),
            amountDueAtIssue: try Fixtures.usd("500.00"),
            settlements: [],
            balance: try Fixtures.usd("500.00"),
            status: .overdue,
            daysPastDue: days
        )
    }

    private func on(_ days: Int) throws -> CalendarDate { try Fixtures.date("2026-03-01").adding(days: days) }

    @Test(arguments: [(3, nil), (7, 1), (30, 1)] as [(Int, Int?)])
    func theFirstLevelComesAfterItsDays(days: Int, level: Int?) throws {
        let lines = ReminderPolicy.standard.due([try overdue(1, days: days)], sent: [:], on: try on(days))
        #expect(lines.first?.level == level)
    }

    @Test func theNextLevelWaitsForItsDaysAndTheGapSinceTheLast() throws {
        let number = try DocumentNumber(series: .invoice, year: 2026, sequence: 1)
        let policy = ReminderPolicy.standard
        // Level 1 sent on day 7: the same day, nothing more.
        let sent = [number: (level: 1, date: try on(7))]
        #expect(policy.due([try overdue(1, days: 7)], sent: sent, on: try on(7)).isEmpty)
        // Day 21: level 2 (21 days past due, 14 days since level 1).
        #expect(policy.due([try overdue(1, days: 21)], sent: sent, on: try on(21)).first?.level == 2)
        // Level 1 sent late, on day 30: level 2 waits 14 days from it, whatever the age.
        let late = [number: (level: 1, date: try on(30))]
        #expect(policy.due([try overdue(1, days: 35)], sent: late, on: try on(35)).isEmpty)
        #expect(policy.due([try overdue(1, days: 44)], sent: late, on: try on(44)).first?.level == 2)
        // After the last level, nothing more is ever sent.
        let last = [number: (level: 3, date: try on(45))]
        #expect(policy.due([try overdue(1, days: 200)], sent: last, on: try on(200)).isEmpty)
    }

    @Test func onlyOverdueInvoicesAreReminded() throws {
        var paid = try overdue(1, days: 40)
        paid.status = .paid
        paid.balance = .zero(.usd)
        #expect(ReminderPolicy.standard.due([paid], sent: [:], on: try on(40)).isEmpty)
    }

    @Test func aReminderTakesTheHighestLevelAndTheWordingInTheCustomersLanguage() throws {
        let policy = ReminderPolicy(levels: [
            ReminderLevel(days: 5), ReminderLevel(days: 20, wording: ["en": "Second notice: please pay now."]),
        ])
        try policy.validate()
        let number = try DocumentNumber(series: .invoice, year: 2026, sequence: 1)
        let lines = policy.due(
            [try overdue(1, days: 25), try overdue(2, days: 6)],
            sent: [number: (level: 1, date: try on(5))],
            on: try on(25)
        )
        #expect(lines.map(\.level) == [2, 1])
        let reminder = try Reminder.issue(
            id: "REM-1",
            account: Fixtures.corporateUS(),
            lines: lines,
            policy: policy,
            on: try on(25)
        )
        #expect(reminder.level == 2)
        #expect(reminder.total.decimalString == "1000.00")
        #expect(reminder.wording == "Second notice: please pay now.")
    }

    @Test func noReminderWithoutAnInvoiceDueForOne() throws {
        do {
            _ = try Reminder.issue(
                id: "REM-1",
                account: Fixtures.corporateUS(),
                lines: [],
                policy: .standard,
                on: try on(1)
            )
            Issue.record("an empty reminder was issued")
        } catch let error as BillingError {
            #expect(error.description.contains("has no overdue invoice due for a reminder"))
        }
    }

    @Test(
        arguments: [
            ([], "1 to 3 levels"), ([7, 7], "more days than level 1 (7)"), ([0], "a number of days above 0"),
            ([1, 2, 3, 4], "1 to 3 levels"),
        ] as [([Int], String)]
    )
    func aWrongPolicyIsRefusedNamingTheLevel(days: [Int], expected: String) throws {
        do {
            try ReminderPolicy(levels: days.map { ReminderLevel(days: $0) }).validate()
            Issue.record("reminder levels \(days) were accepted")
        } catch {
            #expect(error.description.contains(expected))
        }
    }
}
