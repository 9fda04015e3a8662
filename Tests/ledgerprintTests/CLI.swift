import Foundation
import LedgerprintTestSupport
import Testing

/// Runs the built `ledgerprint` in a folder of its own, as a user would.
struct CLI {
    let folder: URL
    var environment: [String: String] = [:]

    init() throws {
        folder = try temporaryFolder("cli")
        environment = [
            "LEDGERPRINT_STORE": folder.appendingPathComponent("store.sqlite").path, "LEDGERPRINT_TODAY": "2026-11-27",
            // The tests act on fixed dates whatever the clock says (docs/cli.md, "Dates").
            "LEDGERPRINT_YES": "1",
        ]
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static let executable: URL? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()]
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug"))
        for var folder in candidates {
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("ledgerprint")
                if FileManager.default.isExecutableFile(atPath: candidate.path), !candidate.hasDirectoryPath {
                    return candidate
                }
                folder.deleteLastPathComponent()
            }
        }
        return nil
    }()

    struct NotBuilt: Error {}

    static func binary() throws -> URL {
        guard let executable else {
            Issue.record("the ledgerprint executable was not built")
            throw NotBuilt()
        }
        return executable
    }

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Starts the command and returns the process, for tests that kill it; its standard output goes
    /// to `output` if given.
    func start(_ arguments: [String], output: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts `ledgerprint serve` on `port` and returns it with what it printed first, which it
    /// prints once the socket listens ("Billing Center on …").
    func serve(port: UInt16, renderers: Int, _ more: [String] = []) throws -> (server: Process, firstOutput: String) {
        let output = Pipe()
        let server = try start(
            ["serve", "--listen", "127.0.0.1:\(port)", "--renderers", String(renderers)] + more,
            output: output
        )
        return (server, String(decoding: output.fileHandleForReading.availableData, as: UTF8.self))
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Imports the samples into this CLI's store.
    func importSamples() throws {
        let result = try run(["import", repositoryRoot.appendingPathComponent("Samples/history.json").path])
        #expect(result.status == 0, "\(result.error)")
    }
}
