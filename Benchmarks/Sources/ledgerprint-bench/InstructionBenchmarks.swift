import Foundation

/// Ledgerprint against the hand-written C program in instructions rather than seconds.
///
/// Both draw one 400-row statement to warm up and then ten more, under valgrind's callgrind, which
/// counts the instructions executed: the same count on a busy machine as on an idle one, so the
/// ratio stays put where the timed ratio moves by half between two runs (`docs/performance.md`).
/// Run it with `make bench SUITES=instructions`; it takes a few minutes.
enum InstructionBenchmarks {
    static func run() throws -> [Measurement] {
        let root = DocumentBenchmarks.root
        guard let ours = instructions([CommandLine.arguments[0], "statements"]),
            let theirs = instructions([root.appendingPathComponent("Benchmarks/.build/statement-c").path])
        else {
            print("instructions: not measured (valgrind is missing or failed, see above; apt-get install valgrind)")
            return []
        }
        return [
            Measurement(
                name: "Ledgerprint: 11 statements of 400 rows",
                value: Double(ours) / 1e6,
                unit: "M instructions",
                target: "—",
                met: nil
            ),
            Measurement(
                name: "C by hand: 11 statements of 400 rows",
                value: Double(theirs) / 1e6,
                unit: "M instructions",
                target: "—",
                met: nil
            ),
            Measurement(
                name: "statement: Ledgerprint / C, instructions",
                value: Double(ours) / Double(theirs),
                unit: "×",
                target: "≤ 1.5",
                met: Double(ours) / Double(theirs) <= 1.5
            ),
        ]
    }

    /// The instructions `command` executes, as callgrind counts them, with `environment` added to ours.
    static func instructions(_ command: [String], environment: [String: String] = [:]) -> Int? {
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let line = text.split(separator: "\n").first(where: { $0.contains("Collected :") }),
            let number = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else {
            // Say why, instead of a table without the suite's lines.
            let last = text.split(separator: "\n").suffix(6).joined(separator: "\n")
            let status = process.terminationStatus
            print("valgrind failed on \(command.joined(separator: " ")) (status \(status)):\n\(last)")
            return nil
        }
        return number
    }
}
