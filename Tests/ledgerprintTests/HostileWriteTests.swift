import Foundation
import LedgerprintTestSupport
import Testing

/// A command that changes the store and then writes a file checks first that it can write it:
/// an unwritable output leaves the store as it was (issue 25, D14); I/O failures exit 74 (D20).
@Suite("Hostile output places")
struct HostileWriteTests {
    /// A path whose folder is a regular file: no one, root included, can create a file there.
    static func blockedPath(_ cli: CLI) throws -> String {
        try Data("a file, not a folder".utf8).write(to: URL(fileURLWithPath: cli.path("blocker")))
        return cli.path("blocker/out")
    }

    @Test func d14AW9PacketThatCannotBeWrittenLeavesTheRequestOpen() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let request = try cli.run([
            "w9", "request", "NORDWERK-DE", "--form", "w9", "--details", "W-9 please", "--as",
            "kreditoren@nordwerk.example",
        ])
        #expect(request.status == 0, "\(request.error)")
        let target = try Self.blockedPath(cli) + "/w9.pdf"
        let printed = try cli.run(["w9", "print", "W9-2026-0002", "--as", "rep:Marco", "-o", target])
        #expect(printed.status == 74)
        #expect(printed.error.hasPrefix("ledgerprint: cannot write \(target): "), "\(printed.error)")
        #expect(printed.error.hasSuffix("; nothing was changed\n"), "\(printed.error)")
        let listed = try cli.run(["w9", "list", "--format", "csv"]).output
        #expect(listed.contains("W9-2026-0002,NORDWERK-DE,w9,kreditoren@nordwerk.example,2026-11-27,requested,"))

        try Data("someone else's file".utf8).write(to: URL(fileURLWithPath: cli.path("taken.pdf")))
        let taken = try cli.run(["w9", "print", "W9-2026-0002", "--as", "rep:Marco", "-o", cli.path("taken.pdf")])
        #expect(taken.status == 65)
        #expect(
            taken.error
                == "ledgerprint: \(cli.path("taken.pdf")) exists with other content; use --force to replace it;"
                + " nothing was changed\n"
        )
        #expect(try cli.run(["w9", "list", "--format", "csv"]).output == listed)
        let forced = try cli.run([
            "w9", "print", "W9-2026-0002", "--as", "rep:Marco", "-o", cli.path("taken.pdf"), "--force",
        ])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try cli.run(["w9", "list", "--format", "csv"]).output.contains(",fulfilled,2026-11-27"))
    }

    @Test func d14ARunIntoAnUnwritableFolderIssuesNothing() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = try cli.run(["export"]).output
        let out = try Self.blockedPath(cli)
        let month = ["--period", "2026-12", "--today", "2026-12-04"]
        let run = try cli.run(["invoices", "run", "--out", out] + month)
        #expect(run.status == 74)
        #expect(
            run.error
                == "ledgerprint: cannot create the folder \(out): \(cli.path("blocker")) is a file, not a folder\n",
            "\(run.error)"
        )
        #expect(try cli.run(["export"]).output == before)
        let writable = try cli.run(["invoices", "run", "--out", cli.path("out")] + month)
        #expect(writable.output.contains("issued 1 invoices, printed 1"), "\(writable.error)")
        #expect(try cli.run(["export"]).output != before, "the same run into a writable folder issues")
    }

    @Test func d20AFullDiskExitsWithAnIOError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run(["invoices", "print", "2025/0001", "-o", "/dev/full"])
        #expect(result.status == 74)
        #expect(result.error == "ledgerprint: cannot write /dev/full: No space left on device\n")
        let listing = Process()
        listing.executableURL = try CLI.binary()
        listing.arguments = ["invoices", "list", "--format", "csv"]
        listing.currentDirectoryURL = repositoryRoot
        listing.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { _, new in new }
        listing.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let error = Pipe()
        listing.standardError = error
        try listing.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        listing.waitUntilExit()
        #expect(listing.terminationStatus == 74)
        #expect(message == "ledgerprint: cannot write standard output: No space left on device\n")
    }

    @Test func d20ATodayYearsFromTheClockAsksForYes() throws {
        var cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        cli.environment["LEDGERPRINT_YES"] = "0"
        let before = try cli.run(["export"]).output
        let now = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        let year = try #require(now.year)
        let month = String(format: "%02d", try #require(now.month))
        let far = "\(year + 5)-\(month)-01"
        let run = ["invoices", "run", "--period", "2026-11", "--out", cli.path("out"), "--today", far]
        let refused = try cli.run(run)
        #expect(refused.status == 64)
        #expect(refused.error.contains("the date to act on, \(far), is 5 years after today's date by the clock ("))
        #expect(refused.error.hasSuffix("add --yes (or set LEDGERPRINT_YES=1); nothing was changed\n"))
        #expect(try cli.run(["export"]).output == before)
        let past = try cli.run(Array(run.dropLast()) + ["\(year - 3)-\(month)-01"])
        #expect(past.status == 64 && past.error.contains("is 3 years before today's date by the clock"))
        let near = try cli.run(Array(run.dropLast()) + ["\(year)-\(month)-01"])
        #expect(near.status == 0, "a date within a year needs no --yes: \(near.error)")
        let confirmed = try cli.run(run + ["--yes"])
        #expect(confirmed.status == 0, "\(confirmed.error)")
    }

    /// Runs the CLI's command as a user who cannot write `store`: as it is, or as `nobody` through
    /// `runuser` when the tests run as root (root may write any file); `nil` if neither can be done.
    static func runUnprivileged(_ cli: CLI, _ arguments: [String]) throws -> CLI.Result? {
        let process = Process()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else { return nil }
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "nobody", "--", try CLI.binary().path] + arguments
        } else {
            process.executableURL = try CLI.binary()
            process.arguments = arguments
        }
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(cli.environment) { _, new in new }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData, as: UTF8.self)
        )
    }

    @Test func d20AReadOnlyStoreCanBeListedAndPrintedButNotChanged() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let shelf = URL(fileURLWithPath: "/tmp/ledgerprint-readonly-\(UUID().uuidString)")
        let out = URL(fileURLWithPath: "/tmp/ledgerprint-out-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: shelf, withIntermediateDirectories: false)
        try manager.createDirectory(at: out, withIntermediateDirectories: false)
        defer {
            try? manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shelf.path)
            try? manager.removeItem(at: shelf)
            try? manager.removeItem(at: out)
        }
        let store = shelf.appendingPathComponent("archived.sqlite").path
        try manager.copyItem(atPath: cli.path("store.sqlite"), toPath: store)
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: shelf.path)
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out.path)
        guard let listed = try Self.runUnprivileged(cli, ["accounts", "list", "--store", store]) else { return }
        #expect(listed.status == 0, "\(listed.error)")
        #expect(listed.output.contains("ROSSI-IT"))
        let pdf = out.appendingPathComponent("2025-0001.pdf").path
        let printed = try #require(
            try Self.runUnprivileged(cli, ["invoices", "print", "2025/0001", "--store", store, "-o", pdf])
        )
        #expect(printed.status == 0, "\(printed.error)")
        #expect(printed.error.contains("\(pdf) not recorded as printed: the store is read-only"))
        #expect(manager.fileExists(atPath: pdf))
        let paid = try #require(
            try Self.runUnprivileged(
                cli,
                [
                    "payments", "record", "ROSSI-IT", "--amount", "1.00", "--reference", "P-1", "--as", "rep:M",
                    "--store", store,
                ]
            )
        )
        #expect(paid.status == 74)
        #expect(
            paid.error
                == "ledgerprint: \(store) is read-only (the file, its folder or its disk): it can be listed and printed"
                + " from, but nothing can be changed, and nothing was\n"
        )
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        #expect(try manager.contentsOfDirectory(atPath: shelf.path) == ["archived.sqlite"])
    }
}
