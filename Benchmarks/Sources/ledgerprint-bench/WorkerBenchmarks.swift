import Billing
import Foundation
import HistoryStore

#if canImport(Glibc)
import Glibc
#endif

/// `invoices run --worker` on a local throw-away PostgreSQL (issue 21): one worker against two, each
/// `--jobs 1`, on a store of `BENCH_WORKER_INVOICES` due subscriptions (2,000 by default). Reports
/// invoices/s of the run and per worker, the speed-up (target ≥ 1.7× on two cores), and the CPU
/// seconds per invoice of the workers and of the PostgreSQL server's processes — what
/// docs/scaling.md's estimates are made from.
enum WorkerBenchmarks {
    /// A PostgreSQL server in a temporary folder, on a Unix socket, stopped by ``stop()``.
    struct Server {
        let folder: String
        let binaries: String
        let runAs: [String]

        init() throws {
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
            guard let version = versions.sorted().last else {
                throw BenchError("workers: PostgreSQL is not installed (apt-get install postgresql)")
            }
            binaries = "/usr/lib/postgresql/\(version)/bin"
            folder = try scratchFolder().path
            if getuid() == 0, let postgres = getpwnam("postgres") {
                // initdb refuses root: the server runs as Debian's postgres user, in a folder it owns.
                chown(folder, postgres.pointee.pw_uid, postgres.pointee.pw_gid)
                runAs = ["/usr/sbin/runuser", "-u", "postgres", "--"]
            } else {
                runAs = []
            }
            try run(runAs + [binaries + "/initdb", "-D", folder + "/data", "-U", "bench", "-A", "trust", "--no-sync"])
            // pg_ctl's server keeps the standard output and error it inherited, so pg_ctl is spawned
            // and waited for directly (Foundation's Process waits for them to close: forever).
            let start =
                runAs + [
                    binaries + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-o",
                    "-k \(folder) -c listen_addresses= -c fsync=off -c full_page_writes=off"
                        + " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on",
                    "start",
                ]
            let environment = ProcessInfo.processInfo.environment
            guard RunBenchmarks.measure(start[0], Array(start.dropFirst()), environment: environment).status == 0 else {
                throw BenchError("workers: pg_ctl start failed; see \(folder)/server.log")
            }
        }

        /// A new empty database's address.
        func newDatabase(_ name: String) throws -> String {
            try run([binaries + "/createdb", "-h", folder, "-U", "bench", name])
            try query(name, "CREATE EXTENSION pg_stat_statements")
            return "postgres://bench@/\(name)?host=\(folder)"
        }

        /// Runs `sql` in database `name` with psql; its rows, one a line, columns separated by `|`.
        @discardableResult
        func query(_ name: String, _ sql: String) throws -> String {
            try run([binaries + "/psql", "-h", folder, "-U", "bench", "-d", name, "-X", "-A", "-t", "-c", sql])
        }

        /// The statements the clients of database `name` ran since the counts were last reset
        /// (`pg_stat_statements`): how many (each one round trip), and the server's milliseconds
        /// planning and executing them; then the counts are reset.
        func statements(_ name: String) throws -> (calls: Double, planning: Double, executing: Double, top: [String]) {
            let totals = try query(
                name,
                "SELECT sum(calls), sum(total_plan_time), sum(total_exec_time) FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|").map { Double($0) ?? 0 }
            let top = try query(
                name,
                "SELECT calls || ' × ' || regexp_replace(left(query, 90), '\\s+', ' ', 'g') FROM pg_stat_statements "
                    + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                    + "ORDER BY calls DESC LIMIT 25"
            ).split(separator: "\n").map(String.init)
            try query(name, "SELECT pg_stat_statements_reset()")
            return (totals.first ?? 0, totals.dropFirst().first ?? 0, totals.dropFirst(2).first ?? 0, top)
        }

        func stop() {
            let stop = runAs + [binaries + "/pg_ctl", "-D", folder + "/data", "-m", "fast", "-w", "stop"]
            _ = RunBenchmarks.measure(
                stop[0],
                Array(stop.dropFirst()),
                environment: ProcessInfo.processInfo.environment
            )
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// CPU seconds used so far by the server: the postmaster, its live processes, and the
        /// connections' processes that have exited (the postmaster's children's times).
        func cpuSeconds() -> Double {
            guard let text = try? String(contentsOfFile: folder + "/data/postmaster.pid", encoding: .utf8),
                let postmaster = Int(text.split(separator: "\n").first ?? "")
            else { return 0 }
            var total = 0.0
            if let stat = WorkerBenchmarks.stat(postmaster) { total += stat.own + stat.children }
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int(entry), pid != postmaster, let stat = WorkerBenchmarks.stat(pid),
                    stat.parent == postmaster
                else { continue }
                total += stat.own
            }
            return total
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs a program to its end; throws with its output when it fails.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw BenchError("\(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// A process's parent and CPU seconds (its own, and its waited-for children's), from /proc.
    static func stat(_ pid: Int) -> (parent: Int, own: Double, children: Double)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after the command's name: state ppid … utime(14) stime(15) cutime(16) cstime(17).
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 15, let parent = Int(fields[1]) else { return nil }
        let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
        let value = { (index: Int) in (Double(fields[index]) ?? 0) / tick }
        return (parent, value(11) + value(12), value(13) + value(14))
    }

    /// CPU seconds of this process's waited-for children.
    static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func run() throws -> [Measurement] {
        let environment = ProcessInfo.processInfo.environment
        guard let binary = environment["LEDGERPRINT_BIN"], FileManager.default.isExecutableFile(atPath: binary) else {
            print("workers: set LEDGERPRINT_BIN to a release build of ledgerprint (make bench does)")
            return []
        }
        let count = Int(environment["BENCH_WORKER_INVOICES"] ?? "") ?? 2000
        let server = try Server()
        defer { server.stop() }
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = folder.appendingPathComponent("history.json")
        let samples = try JSONDecoder().decode(
            StoreFile.self,
            from: Data(contentsOf: DocumentBenchmarks.root.appendingPathComponent("Samples/history.json"))
        )
        let events = try SyntheticHistory.accounts(
            count,
            prefix: "RUN",
            tier: "pro",
            on: CalendarDate("2026-01-01"),
            after: Array(samples.events.prefix(2))
        ).map(withPartitaIVA)
        try JSONEncoder().encode(StoreFile(events: events)).write(to: history)
        var results: [Measurement] = []
        var rates: [String: Double] = [:]
        // BENCH_WORKER_COUNTS=1 measures one worker alone (the per-invoice counts need no second).
        let counts = (environment["BENCH_WORKER_COUNTS"] ?? "1,2").split(separator: ",").compactMap { Int($0) }
        // Where the workers run (BENCH_WORKER_PLACEMENT): `pinned` gives each worker a core of its own
        // (`taskset`), as if each had a machine of its own, which is what the 1.7× target is about; `shared`
        // lets every worker use both cores, so one worker alone also uses the second core for its writes
        // (the run's writing threads) and the ratio says how much CPU one worker leaves idle, not how workers
        // scale. The database's processes are never pinned.
        let placements = (environment["BENCH_WORKER_PLACEMENT"] ?? "pinned,shared").split(separator: ",").map(
            String.init
        )
        let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        for placement in placements {
            for workers in counts {
                let database = "bench_\(placement)_\(workers)"
                let store = try server.newDatabase(database)
                let base = [
                    "LEDGERPRINT_STORE": store, "LEDGERPRINT_TODAY": "2026-02-01", "LEDGERPRINT_YES": "1",
                    "LEDGERPRINT_FONTS": DocumentBenchmarks.root.appendingPathComponent("Fonts").path,
                    "LEDGERPRINT_TEMPLATES": DocumentBenchmarks.root.appendingPathComponent("Templates").path,
                ]
                try run([binary, "import", history.path], environment: base)
                _ = try server.statements(database)
                let cpuBefore = (workers: childrenCPU(), database: server.cpuSeconds())
                let start = Date()
                let processes = try (1...workers).map { index in
                    let process = Process()
                    let arguments = [
                        "invoices", "run", "--period", "2026-02", "--worker", "--jobs", "1",
                        "--out", folder.appendingPathComponent("out-\(placement)-\(workers)-\(index)").path,
                    ]
                    if placement == "pinned" {
                        process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
                        process.arguments = ["-c", "\((index - 1) % cores)", binary] + arguments
                    } else {
                        process.executableURL = URL(fileURLWithPath: binary)
                        process.arguments = arguments
                    }
                    process.environment = environment.merging(base) { _, new in new }
                    let log = folder.appendingPathComponent("worker-\(placement)-\(workers)-\(index).txt")
                    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
                    process.standardOutput = try FileHandle(forWritingTo: log)
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    return process
                }
                for process in processes {
                    process.waitUntilExit()
                    guard process.terminationStatus == 0 else { throw BenchError("a worker failed") }
                }
                let wall = Date().timeIntervalSince(start)
                let cpu = (
                    workers: childrenCPU() - cpuBefore.workers, database: server.cpuSeconds() - cpuBefore.database
                )
                rates[placement + "\(workers)"] = Double(count) / wall
                let statements = try server.statements(database)
                // Each worker prints "worker NAME: S s issuing (…)": the time it held, or waited for, the turn.
                let turn = (1...workers).reduce(0.0) { sum, index in
                    let text =
                        (try? String(
                            contentsOf: folder.appendingPathComponent("worker-\(placement)-\(workers)-\(index).txt"),
                            encoding: .utf8
                        )) ?? ""
                    let line = text.split(separator: "\n").first { $0.contains(" s issuing") } ?? ""
                    let seconds = line.split(separator: " ").reversed().drop { !$0.hasPrefix("issuing") }.dropFirst(2)
                        .first
                    return sum + (seconds.flatMap { Double($0) } ?? 0)
                }
                print(
                    "workers (\(placement)): \(workers) × --jobs 1, statements per \(count) invoices, most frequent first:"
                )
                for line in statements.top { print("  " + line) }
                let label = "workers (\(placement)): \(workers) × --jobs 1, \(count) invoices"
                results += [
                    Measurement(name: label, value: Double(count) / wall, unit: "invoices/s", target: "—", met: nil),
                    Measurement(
                        name: label + ", per worker",
                        value: Double(count) / wall / Double(workers),
                        unit: "invoices/s",
                        target: "—",
                        met: nil
                    ),
                    Measurement(
                        name: label + ", worker CPU",
                        value: cpu.workers / Double(count) * 1000,
                        unit: "ms/invoice",
                        target: "—",
                        met: nil
                    ),
                    Measurement(
                        name: label + ", PostgreSQL CPU",
                        value: cpu.database / Double(count) * 1000,
                        unit: "ms/invoice",
                        target: "—",
                        met: nil
                    ),
                    Measurement(
                        name: label + ", statements (round trips)",
                        value: statements.calls / Double(count),
                        unit: "per invoice",
                        target: "—",
                        met: nil
                    ),
                    Measurement(
                        name: label + ", PostgreSQL planning",
                        value: statements.planning / Double(count),
                        unit: "ms/invoice",
                        target: "—",
                        met: nil
                    ),
                    Measurement(
                        name: label + ", PostgreSQL executing",
                        value: statements.executing / Double(count),
                        unit: "ms/invoice",
                        target: "—",
                        met: nil
                    ),
                    Measurement(
                        name: label + ", issuing turn (waits included)",
                        value: turn / Double(count) * 1000,
                        unit: "ms/invoice",
                        target: "—",
                        met: nil
                    ),
                    Measurement(
                        name: label + ", database share",
                        value: 100 * cpu.database / max(cpu.workers + cpu.database, 1e-9),
                        unit: "% of CPU",
                        target: "—",
                        met: nil
                    ),
                ]
            }
            if let one = rates[placement + "1"], let two = rates[placement + "2"] {
                let pinned = placement == "pinned"
                results.append(
                    Measurement(
                        name: "workers (\(placement)): 2 / 1 worker",
                        value: two / one,
                        unit: "×",
                        target: pinned ? "≥ 1.7" : "—",
                        met: pinned ? two / one >= 1.7 : nil
                    )
                )
            }
        }
        return results
    }
}
