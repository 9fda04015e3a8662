import Billing
import Foundation
import HistoryStore

#if canImport(Glibc)
import Glibc
#endif

/// `ledgerprint invoices run` on a fresh store (issue 8): wall time with one and two jobs, and peak
/// memory, which must stay flat as the number of invoices grows.
enum RunBenchmarks {
    struct Outcome {
        var seconds: Double
        var peakKilobytes: Int
        var status: Int32
    }

    /// Runs `arguments` as a child process and returns its wall time and peak resident memory.
    static func measure(_ executable: String, _ arguments: [String], environment: [String: String]) -> Outcome {
        var pid: pid_t = 0
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else {
            return Outcome(seconds: 0, peakKilobytes: 0, status: -1)
        }
        // The child's own high-water mark, polled from /proc: rusage would also count the memory it
        // shared with this process before exec.
        var status: Int32 = 0
        var peak = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            peak = max(peak, highWaterMark(of: pid))
            usleep(20_000)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Outcome(seconds: elapsed, peakKilobytes: peak, status: status)
    }

    /// VmHWM of a running process, in kB (0 when it cannot be read).
    static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    static func store(accounts: Int, at path: String) throws {
        let samples = try JSONDecoder().decode(
            StoreFile.self,
            from: Data(contentsOf: DocumentBenchmarks.root.appendingPathComponent("Samples/history.json"))
        )
        let events = try SyntheticHistory.accounts(
            accounts,
            prefix: "RUN",
            tier: "pro",
            on: CalendarDate("2026-01-01"),
            after: Array(samples.events.prefix(2))
        ).map(withPartitaIVA)
        try SQLiteStore(path: path).importFiles([("bench", try JSONEncoder().encode(StoreFile(events: events)))])
    }

    /// For profiling a run by hand: writes the store `run` starts from, of `BENCH_ACCOUNTS`
    /// accounts (default 1,000), to `BENCH_KEEP`; run it with `LEDGERPRINT_TODAY=2026-02-01
    /// ledgerprint invoices run --period 2026-02` (on a copy: a run changes it).
    static func keepStore() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment["BENCH_KEEP"] else {
            print("run-store: set BENCH_KEEP to the store to write")
            return
        }
        try store(accounts: Int(environment["BENCH_ACCOUNTS"] ?? "") ?? 1000, at: path)
        print("run-store: wrote \(path)")
    }

    static func run() throws -> [Measurement] {
        guard let binary = ProcessInfo.processInfo.environment["LEDGERPRINT_BIN"],
            FileManager.default.isExecutableFile(atPath: binary)
        else {
            print("run: set LEDGERPRINT_BIN to a release build of ledgerprint (make bench does)")
            return []
        }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var results: [Measurement] = []
        var peaks: [Int: Int] = [:]
        var times: [String: Double] = [:]
        for (count, jobs) in [(1000, 2), (10_000, 1), (10_000, 2)] {
            let store = folder.appendingPathComponent("run-\(count)-\(jobs).sqlite").path
            try self.store(accounts: count, at: store)
            let environment = [
                "LEDGERPRINT_STORE": store, "LEDGERPRINT_TODAY": "2026-02-01", "LEDGERPRINT_YES": "1",
                "LEDGERPRINT_FONTS": DocumentBenchmarks.root.appendingPathComponent("Fonts").path,
                "LEDGERPRINT_TEMPLATES": DocumentBenchmarks.root.appendingPathComponent("Templates").path,
                "PATH": "/usr/bin:/bin", "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
            ]
            let out = folder.appendingPathComponent("out-\(count)-\(jobs)").path
            let outcome = measure(
                binary,
                ["invoices", "run", "--period", "2026-02", "--out", out, "--jobs", String(jobs)],
                environment: environment
            )
            guard outcome.status == 0 else { throw NSError(domain: "bench", code: Int(outcome.status)) }
            peaks[count] = max(peaks[count] ?? 0, outcome.peakKilobytes)
            times["\(count)-\(jobs)"] = outcome.seconds
            results.append(
                Measurement(
                    name: "invoices run: \(count) invoices, --jobs \(jobs)",
                    value: Double(count) / outcome.seconds,
                    unit: "invoices/s",
                    target: "—",
                    met: nil
                )
            )
            results.append(
                Measurement(
                    name: "invoices run: \(count), --jobs \(jobs), peak memory",
                    value: Double(outcome.peakKilobytes) / 1024,
                    unit: "MB",
                    target: "< 200",
                    met: outcome.peakKilobytes < 200 * 1024
                )
            )
        }
        if let one = times["10000-1"], let two = times["10000-2"] {
            results.append(
                Measurement(
                    name: "invoices run: --jobs 2 speed-up",
                    value: one / two,
                    unit: "×",
                    target: "≥ 1.7",
                    met: one / two >= 1.7
                )
            )
        }
        if let small = peaks[1000], let large = peaks[10_000] {
            let growth = Double(large) / Double(max(small, 1))
            results.append(
                Measurement(
                    name: "invoices run: peak memory 10,000 / 1,000",
                    value: growth,
                    unit: "×",
                    target: "≤ 1.2",
                    met: growth <= 1.2
                )
            )
        }
        return results
    }
}

/// `event` with a synthetic Partita IVA for the account it opens: the samples' vendor is registered
/// for VAT in Italy, so a run writes each invoice's FatturaPA, which names the customer's tax number.
func withPartitaIVA(_ event: StoreEvent) throws -> StoreEvent {
    guard case .openAccount(var account) = event.action else { return event }
    let serial = 1_000_000 + (Int(account.id.filter(\.isNumber)) ?? 0) % 8_000_000
    var digits = String(serial).compactMap(\.wholeNumberValue) + [0, 0, 1]
    let sum = digits.enumerated().reduce(0) { sum, element in
        let doubled = element.element * 2
        return sum + (element.offset % 2 == 1 ? (doubled > 9 ? doubled - 9 : doubled) : element.element)
    }
    digits.append((10 - sum % 10) % 10)
    account.taxIdentifiers = [try TaxIdentifier(.partitaIVA, digits.map(String.init).joined())]
    return StoreEvent(date: event.date, actor: event.actor, action: .openAccount(account))
}
