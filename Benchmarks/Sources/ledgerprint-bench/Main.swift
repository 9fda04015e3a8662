import Foundation

/// `ledgerprint-bench [SUITE…]`: runs the named suites (all when none) and prints one table.
@main
enum Bench {
    static func main() throws {
        let wanted = Set(CommandLine.arguments.dropFirst())
        var results: [Measurement] = []
        let suites: [(String, () throws -> [Measurement])] = [
            ("documents", DocumentBenchmarks.run),
            ("store", StoreBenchmarks.run),
            ("run", RunBenchmarks.run),
            // One document per process, Ledgerprint beside C and ReportLab: CPU, wall, peak memory.
            ("process", ProcessBenchmarks.run),
            // Not in the default run: two programs under valgrind take a few minutes.
            ("instructions", InstructionBenchmarks.run),
            // What `instructions` runs under valgrind: ten 400-row statements after one to warm up.
            ("statements", profiling(DocumentBenchmarks.renderStatements)),
            // For profiling with perf or callgrind: 200 invoices as PDF, or as HTML, and nothing else.
            ("invoices-pdf", profiling { try DocumentBenchmarks.renderInvoices(as: .pdf) }),
            ("invoices-html", profiling { try DocumentBenchmarks.renderInvoices(as: .html) }),
            // Ten 400-row statements after one to warm up in a process of their own, printing
            // {"statement_ms_per_page": …} as the C reference does; `documents` runs it each round.
            ("statement-json", DocumentBenchmarks.statementJSON),
            // One 10,000-row statement after a 400-row one to warm up: what length costs.
            ("statement-10k", profiling(DocumentBenchmarks.renderLongStatement)),
            // For profiling the store: 1,000 accounts' 10,000 events imported, then their renewals run.
            ("store-import", profiling(StoreBenchmarks.profileImport)),
            // The store `run` starts from, kept at BENCH_KEEP (BENCH_ACCOUNTS accounts), for profiling a run.
            ("run-store", profiling(RunBenchmarks.keepStore)),
            // The store `process` prints its statement and invoice from (account BENCH-IT, 408 rows), kept at
            // BENCH_KEEP, imported by LEDGERPRINT_BIN: for callgrind, perf or heaptrack on one whole process.
            ("process-store", profiling(ProcessBenchmarks.keepStore)),
            // Tagged PDF (structure tree, artifacts, finishing) against untagged, in instructions.
            ("tagging", TaggingBenchmarks.run),
            // `ledgerprint serve` under wrk: overview and statement PDF per second, p99, memory (issue 20).
            ("web", WebBenchmarks.run),
            // `invoices run --worker` on a throw-away PostgreSQL: one worker against two (issue 21).
            ("workers", WorkerBenchmarks.run),
        ]
        let optIn: Set = [
            "instructions", "statements", "invoices-pdf", "invoices-html", "store-import", "statement-10k",
            "statement-json", "run-store", "process-store", "tagging",
            "workers",
        ]
        for (name, run) in suites where wanted.contains(name) || (wanted.isEmpty && !optIn.contains(name)) {
            results += try run()
        }
        Measurement.printTable(results)
    }
}

/// Runs `body` for a profiling suite, which measures nothing itself.
func profiling(_ body: @escaping () throws -> Void) -> () throws -> [Measurement] {
    {
        try body()
        return []
    }
}

/// One line of the results table.
struct Measurement {
    var name: String
    var value: Double
    var unit: String
    var target: String
    var met: Bool?

    static func printTable(_ rows: [Measurement]) {
        let width = max(40, rows.map(\.name.count).max() ?? 0)
        func pad(_ text: String, _ count: Int) -> String {
            text + String(repeating: " ", count: max(0, count - text.count))
        }
        print(pad("benchmark", width) + "  " + pad("result", 22) + "  target")
        print(String(repeating: "-", count: width + 40))
        for row in rows {
            let value = String(format: row.value >= 100 ? "%.0f" : "%.2f", row.value) + " " + row.unit
            let verdict = row.met.map { $0 ? "  met" : "  MISSED" } ?? ""
            print(pad(row.name, width) + "  " + pad(value, 22) + "  " + row.target + verdict)
        }
    }
}

/// Wall-clock seconds spent in `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The processor time `body` takes on this process, in seconds, as the C and ReportLab references
/// measure theirs: single-threaded work timed this way does not count time the virtual machine
/// spent running someone else.
func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start)
    try body()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// A scratch folder removed when the process ends.
func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledgerprint-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
