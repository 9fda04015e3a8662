import Foundation

/// What tagged PDF costs (issue 17: at most 15 % of an invoice's and a statement page's time).
///
/// It runs the `statements` and `invoices-pdf` workloads under callgrind, tagged as every PDF is (structure
/// tree, artifacts, language, alternative texts, header scopes) and with
/// `LEDGERPRINT_BENCH_UNTAGGED=1`, and with `LEDGERPRINT_CAIRO_TAGS=1` (the structure tree written by
/// Cairo's own tags, as before session 9). Instructions, not seconds: the same on a busy machine.
/// Run it with `make bench SUITES=tagging`; six runs under valgrind take several minutes.
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
                print("tagging: not measured (valgrind is missing or failed, see above; apt-get install valgrind)")
                return []
            }
            let cairo = InstructionBenchmarks.instructions(command, environment: ["LEDGERPRINT_CAIRO_TAGS": "1"])
            let cost = Double(tagged - untagged) / Double(untagged) * 100
            if let cairo {
                results.append(
                    Measurement(
                        name: "\(name), tagged by Cairo's tags (before)",
                        value: Double(cairo) / 1e6,
                        unit: "M instructions",
                        target: "—",
                        met: nil
                    )
                )
            }
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
