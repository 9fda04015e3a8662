import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// Random sequences of commands (runs, payments, voids, prints, archives), each process killed with
/// SIGKILL at a random moment or left to finish, then checked: no number missing or given twice,
/// every issued invoice reprints byte for byte as it printed, and the archive verifies (issue 25).
///
/// `LEDGERPRINT_KILL_SEQUENCES` sequences (3 by default, so `make test` stays short; `make fuzz`
/// runs more), from the seed `LEDGERPRINT_KILL_SEED` (printed on failure) so a failure can be replayed.
@Suite("Killed at random: nothing lost, nothing doubled")
struct KillPropertyTests {
    /// SplitMix64: a small, seeded generator, so a failing sequence can be run again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Runs `arguments`, killing the process after `delay` microseconds if given; whether it finished.
    static func run(_ cli: CLI, _ arguments: [String], killAfter delay: UInt32?) throws -> Bool {
        guard let delay else { return try cli.run(arguments).status == 0 }
        let process = try cli.start(arguments)
        usleep(delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .exit && process.terminationStatus == 0
    }

    @Test func killedCommandsLoseAndDoubleNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let sequences = environment["LEDGERPRINT_KILL_SEQUENCES"].flatMap { Int($0) } ?? 3
        let seed = environment["LEDGERPRINT_KILL_SEED"].flatMap { UInt64($0) } ?? 20_261_204
        for sequence in 0..<sequences {
            try Self.check(seed: seed &+ UInt64(sequence))
        }
    }

    static func check(seed: UInt64) throws {
        var random = Generator(state: seed)
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        var day = try CalendarDate("2026-12-04")
        var printed: [(number: String, file: String)] = []
        for step in 0..<8 {
            let kill: UInt32? = Bool.random(using: &random) ? UInt32.random(in: 0...400_000, using: &random) : nil
            let today = ["--today", day.description, "--as", "rep:Marco"]
            let store = try SQLiteStore(path: cli.path("store.sqlite"))
            let numbers = try store.invoices().compactMap(\.number?.description)
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                let month = String(format: "%04d-%02d", day.year, day.month)
                _ = try run(
                    cli,
                    ["invoices", "run", "--period", month, "--out", cli.path("out")] + today,
                    killAfter: kill
                )
                day = day.adding(months: 1)
            case 1:
                let arguments = ["payments", "record", "ROSSI-IT", "--amount", "1.00", "--reference", "P-\(step)"]
                _ = try run(cli, arguments + today, killAfter: kill)
            case 2:
                guard let number = numbers.randomElement(using: &random) else { continue }
                _ = try run(cli, ["invoices", "void", number, "--reason", "test"] + today, killAfter: kill)
            case 3:
                guard let number = numbers.randomElement(using: &random) else { continue }
                let file = cli.path("print-\(step).pdf")
                if try run(cli, ["invoices", "print", number, "--copy", "-o", file], killAfter: kill) {
                    printed.append((number, file))
                }
            default:
                _ = try run(cli, ["archive", "--year", "2026", "--out", cli.path("archive-\(step)")], killAfter: kill)
            }
        }
        let store = try SQLiteStore(path: cli.path("store.sqlite"))
        for year in [2025, 2026, 2027] {
            let period = try DatePeriod.year(year)
            let invoices = try store.invoices(issuedIn: period).compactMap(\.number?.sequence).sorted()
            #expect(invoices == Array(0..<invoices.count).map { $0 + 1 }, "seed \(seed): invoices \(invoices)")
            let notes = try store.creditNotes(issuedIn: period).compactMap(\.number?.sequence).sorted()
            #expect(notes == Array(0..<notes.count).map { $0 + 1 }, "seed \(seed): credit notes \(notes)")
        }
        for (number, file) in printed {
            let again = cli.path("again.pdf")
            let reprint = try cli.run(["invoices", "print", number, "--copy", "-o", again, "--force"])
            #expect(reprint.status == 0, "seed \(seed): \(reprint.error)")
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: file)) == Data(contentsOf: URL(fileURLWithPath: again)),
                "seed \(seed): \(number) reprints differently"
            )
        }
        let archive = cli.path("final-archive")
        #expect(try cli.run(["archive", "--year", "2026", "--out", archive]).status == 0, "seed \(seed)")
        let verified = try cli.run(["archive", "verify", archive])
        #expect(verified.status == 0, "seed \(seed): \(verified.output)\(verified.error)")
    }
}
