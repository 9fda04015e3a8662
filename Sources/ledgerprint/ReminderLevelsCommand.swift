import ArgumentParser
import Billing
import Foundation
import HistoryStore

extension RemindersCommand {
    struct Levels: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "levels",
            abstract: "Shows or sets the reminder levels: days after the due date, and wording (representatives).",
            discussion: """
                Without --days it shows the levels. --days sets one to three levels, their days increasing; \
                --wording LEVEL:LANGUAGE:TEXT replaces the template's opening paragraph of a level in one \
                language (repeat it for more). The change is recorded as a set-reminder-policy event.

                Examples:
                  ledgerprint reminders levels
                  ledgerprint reminders levels --days 10 --days 30 --days 60 --as rep:Marco
                  ledgerprint reminders levels --days 14 --days 40 --wording "2:en:Second notice: please pay now." --as rep:Marco
                """
        )
        @OptionGroup var options: StoreOptions
        @Option(help: "Days after the due date of each level, first to last (one to three).") var days: [Int] = []
        @Option(help: "LEVEL:LANGUAGE:TEXT, the opening paragraph of a level in a language.") var wording: [String] = []

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                guard !days.isEmpty else {
                    guard wording.isEmpty else { throw Failure(.usage, "give --days with --wording") }
                    for (index, level) in try store.reminderPolicy().levels.enumerated() {
                        let words = level.wording.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                        print(
                            "level \(index + 1): \(level.days) days after the due date"
                                + (words.isEmpty ? " (the templates' wording)" : "; " + words.joined(separator: "; "))
                        )
                    }
                    return
                }
                var levels = days.map { ReminderLevel(days: $0) }
                for text in wording {
                    let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                    guard parts.count == 3, let level = Int(parts[0]), levels.indices.contains(level - 1) else {
                        throw Failure(
                            .usage,
                            "--wording '\(text)': use LEVEL:LANGUAGE:TEXT with LEVEL 1 to \(levels.count)"
                        )
                    }
                    levels[level - 1].wording[String(parts[1])] = String(parts[2])
                }
                let policy = ReminderPolicy(levels: levels)
                try policy.validate()
                try store.apply(
                    StoreEvent(date: try options.date(), actor: try options.who(), action: .setReminderPolicy(policy))
                )
                print("reminder levels: " + days.map { "\($0) days" }.joined(separator: ", "))
            }
        }
    }
}
