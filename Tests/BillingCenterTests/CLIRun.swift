import Foundation
import LedgerprintTestSupport
import Testing

/// The built `ledgerprint` run on a fixture's store, to compare what the web answers with what the
/// CLI prints.
enum CLIRun {
    /// What a run printed on standard output, its standard error, and its exit status.
    struct Output {
        var stdout: Data
        var stderr: String
        var status: Int32
        /// Standard output and error as text.
        var text: String { String(decoding: stdout, as: UTF8.self) + stderr }
    }

    /// Runs `ledgerprint arguments` on the fixture's store with the business date `today`.
    static func run(_ arguments: [String], fixture: WebFixture, today: String = "2026-11-29") throws -> Output {
        let binary = try #require(ChangeTests.ledgerprintBinary, "the ledgerprint executable was not built")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["LEDGERPRINT_STORE"] = fixture.storeAddress
        environment["LEDGERPRINT_TODAY"] = today
        process.environment = environment
        let output = Pipe()
        // Standard error goes to a file, so that neither stream can fill a pipe and block the run.
        let errorFile = fixture.folder.appendingPathComponent("cli-stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errors = try FileHandle(forWritingTo: errorFile)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        return Output(
            stdout: data,
            stderr: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "",
            status: process.terminationStatus
        )
    }
}

/// The text `pdftotext` reads in `pdf`.
func pdfText(_ pdf: Data) throws -> String {
    try poppler("pdftotext", pdf, arguments: ["-layout"], output: "-")
}

/// Runs a poppler tool on `pdf` written to a temporary file; returns its standard output.
func poppler(_ tool: String, _ pdf: Data, arguments: [String], output: String? = nil) throws -> String {
    let folder = try temporaryFolder("poppler")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("document.pdf")
    try pdf.write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
    process.arguments = arguments + [file.path] + (output.map { [$0] } ?? [])
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
