import Foundation

/// What tagged PDF costs (issue 17: at most 15 % of an invoice's and a statement page's time).
///
/// It runs the `statements` and `invoices-pdf` workloads under callgrind, tagged as every PDF is (structure
/// tree, artifacts, language, alternative texts, header scopes) and with
/// `LEDGERPRINT_BENCH_UNTAGGED=1`. Instructions, not seconds: the same on a busy machine.
/// Run it with `make bench SUITES=tagging`; four runs under valgrind take several minutes.
enum TaggingBenchmarks {
    static func run() throws -> [Measurement] {
        var results: [Measurement] = []
        for (workload, name) in [("statements", "11 statements of 400 rows"), ("invoices-pdf", "201 invoices")] {
            let command = [CommandLine.arguments[0], workload]
            guard let tagged = InstructionBenchmarks.instructions(command),
                let untagged = InstructionBenchmarks.instructions(
                    command,
                    environment: ["LEDGERPRINT_BENCH_UNTAGGED": "1"]
                )
            else {
                print("tagging: not measured (valgrind is needed: apt-get install valgrind)")
                return []
            }
            let cost = Double(tagged - untagged) / Double(untagged) * 100
            results += [
                Measurement(
                    name: "\(name), untagged",
                    value: Double(untagged) / 1e6,
                    unit: "M instructions",
                    target: "—",
                    met: nil
                ),
                Measurement(
                    name: "\(name), tagged",
                    value: Double(tagged) / 1e6,
                    unit: "M instructions",
                    target: "—",
                    met: nil
                ),
                Measurement(name: "\(name): tagging costs", value: cost, unit: "%", target: "≤ 15", met: cost <= 15),
            ]
        }
        return results
    }
}
