import Foundation
import LedgerprintTestSupport
import Testing

/// Issue 25, outputs: files that are not regular files, `-`, and two runs sharing a folder.
@Suite("Hostile outputs", .serialized)
struct HostileOutputTests {
    /// Runs `arguments`, killing the command if it has not finished after `seconds`.
    private func run(_ cli: CLI, _ arguments: [String], within seconds: Double) throws -> Int32? {
        let process = try cli.start(arguments)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// D1: `-o FIFO --force` writes into the FIFO, which stays a FIFO.
    @Test func d1PrintingIntoAFifoWritesIntoItAndKeepsIt() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let fifo = cli.path("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        let received = cli.path("received.pdf")
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat '\(fifo)' > '\(received)'"]
        try reader.run()
        defer {
            if reader.isRunning { kill(reader.processIdentifier, SIGKILL) }
        }
        let status = try run(cli, ["invoices", "print", "2025/0001", "-o", fifo, "--force"], within: 30)
        let finished = try #require(status, "printing into a FIFO did not finish")
        #expect(finished == 0)
        reader.waitUntilExit()
        let data = try Data(contentsOf: URL(fileURLWithPath: received))
        #expect(data.starts(with: Data("%PDF-".utf8)), "the reader got \(data.count) bytes")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        // A character device is written to, never replaced.
        let null = try cli.run(["invoices", "print", "2025/0001", "-o", "/dev/null", "--force"])
        #expect(null.status == 0, "\(null.error)")
        #expect(lstat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        // A folder is refused with its path, not replaced.
        try FileManager.default.createDirectory(atPath: cli.path("folder.pdf"), withIntermediateDirectories: true)
        let folder = try cli.run(["invoices", "print", "2025/0001", "-o", cli.path("folder.pdf"), "--force"])
        #expect(folder.status == 74)
        #expect(folder.error.contains("folder.pdf: it is a folder, not a file"), "\(folder.error)")
    }

    /// D1: `-o -` writes the document to standard output and the message to standard error.
    @Test func d1DashWritesToStandardOutput() throws {
        let cli = try CLI()
        defer {
            cli.remove()
            try? FileManager.default.removeItem(at: repositoryRoot.appendingPathComponent("-"))
        }
        try cli.importSamples()
        let result = try cli.run(["invoices", "print", "2025/0001", "-o", "-", "--format", "html"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("<!DOCTYPE html>"), "\(result.output.prefix(80))")
        #expect(result.error.contains("wrote standard output"))
        #expect(!FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("-").path))
    }

    /// D15: a run removes temporary files of processes that have ended, never those of a running one.
    @Test func d15ARunLeavesAnotherRunsTemporaryFilesAlone() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let out = cli.path("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let alive = getpid()  // this test process: running while the command runs
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let others = [
            "\(out)/.invoice_2026-0001_ROSSI-IT.pdf.\(UUID().uuidString).tmp",
            "\(out)/.invoice_2026-0002_ROSSI-IT.pdf.\(alive).a1b2c3d4e5f60718.tmp",
        ]
        let leftover = "\(out)/.invoice_2026-0003_ROSSI-IT.pdf.\(ended.processIdentifier).0011223344556677.tmp"
        for path in others + [leftover] { try Data("half a PDF".utf8).write(to: URL(fileURLWithPath: path)) }
        let run = try cli.run(["invoices", "run", "--period", "2026-11", "--out", out])
        #expect(run.status == 0, "\(run.error)")
        for path in others { #expect(FileManager.default.fileExists(atPath: path), "removed \(path)") }
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }
}

/// Issue 25 D10: text from the store or the command line never reaches a terminal raw.
@Suite("Terminal escaping", .serialized)
struct TerminalEscapingTests {
    @Test func d10EscapeSequencesInANameAreShownNotObeyed() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let evil = "Studio\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m Rossi"
        let update = try cli.run(["accounts", "update", "ROSSI-IT", "--name", evil, "--as", "rep:Marco"])
        #expect(update.status == 0, "\(update.error)")
        for format in ["table", "csv"] {
            let list = try cli.run(["accounts", "list", "--format", format])
            #expect(list.status == 0)
            #expect(!list.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B })
            #expect(list.output.contains("Studio\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{9b}31m Rossi"), "\(list.output)")
        }
        let error = try cli.run(["invoices", "show", "2026/\u{1B}[31m1"])
        #expect(error.status != 0)
        #expect(!error.error.contains("\u{1B}"), "\(error.error)")
    }
}

/// Issue 25 D17: one id grammar at every command-line entry.
@Suite("Id grammar", .serialized)
struct IDGrammarTests {
    @Test(arguments: [
        "../x", "a\nb", "ACH\u{1B}[31m", "", " ACH-1", "x/../y", "a//b", String(repeating: "A", count: 65),
    ])
    func d17ABadReferenceIsRefusedSayingWhatIsAllowed(reference: String) throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let result = try cli.run([
            "payments", "record", "ROSSI-IT", "--amount", "1.00", "--reference", reference, "--as", "rep:Marco",
        ])
        #expect(result.status == 65, "\(result.error)")
        #expect(result.error.contains("invalid payment reference"), "\(result.error)")
        #expect(result.error.contains("an id is 1 to 64 letters, digits, '-', '_', '.' or '/'"))
        #expect(!result.error.contains("\u{1B}"))
    }

    @Test func d17EveryKindOfIdIsChecked() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let cases: [([String], String)] = [
            (["accounts", "show", "../ROSSI-IT"], "invalid account id '../ROSSI-IT'"),
            (
                [
                    "po", "add", "GLOBEX-US", "--number", "PO\n1", "--amount", "1", "--from", "2026-01-01", "--to",
                    "2026-12-31",
                ],
                "invalid number 'PO\\u{a}1'"
            ),
            (["w9", "print", "W9\u{7}"], "invalid request reference 'W9\\u{7}'"),
            (["subscription", "show", ""], "invalid subscription id ''"),
        ]
        for (arguments, message) in cases {
            let result = try cli.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result.error)")
            #expect(result.error.contains(message), "\(result.error)")
        }
        // An id inside a file given on the command line is held to the same grammar.
        let samples = try JSONSerialization.jsonObject(
            with: Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        )
        let events = try #require((samples as? [String: Any])?["events"] as? [[String: Any]])
        let opening = try #require(events.first { $0["action"] as? String == "open-account" })
        var account = try #require(opening["account"] as? [String: Any])
        account["id"] = "../EVIL"
        try JSONSerialization.data(withJSONObject: account).write(to: URL(fileURLWithPath: cli.path("account.json")))
        let create = try cli.run(["accounts", "create", "--file", cli.path("account.json"), "--as", "rep:Marco"])
        #expect(create.status == 65, "\(create.error)")
        #expect(
            create.error.contains("\(cli.path("account.json")): $.id: invalid account id '../EVIL'"),
            "\(create.error)"
        )
        let good = try cli.run([
            "payments", "record", "ROSSI-IT", "--amount", "1.00", "--reference", "ACH-123/7", "--as", "rep:Marco",
        ])
        #expect(good.status == 0, "\(good.error)")
    }
}

/// Issue 25 D4 on the command line: `templates check` and `render` refuse a self-including template at once.
@Suite("Self-including templates")
struct SelfIncludingTemplateTests {
    @Test func d4TemplatesCheckAndRenderRefuseASelfIncludingTemplate() throws {
        let cli = try CLI()
        defer { cli.remove() }
        let folder = cli.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let invoice = folder.appendingPathComponent("invoice.html")
        let text = try String(contentsOf: invoice, encoding: .utf8)
        try text.replacingOccurrences(of: "{{$meta}}\n", with: "{{$meta}}\n{{>invoice}}{{>invoice}}\n")
            .write(to: invoice, atomically: true, encoding: .utf8)
        let check = try cli.run(["templates", "check", folder.path])
        #expect(check.status == 65)
        #expect(check.error.contains("invoice.html:3:1: Mustache: 'invoice' includes itself: invoice → invoice"))
        try "a{{>custom}}b{{>custom}}".write(
            to: cli.folder.appendingPathComponent("custom.html"),
            atomically: true,
            encoding: .utf8
        )
        try "{}".write(to: cli.folder.appendingPathComponent("data.json"), atomically: true, encoding: .utf8)
        let render = try cli.run(["render", cli.path("custom.html"), cli.path("data.json"), "-o", cli.path("out.pdf")])
        #expect(render.status == 65)
        #expect(render.error.contains("custom.html:1:2: Mustache: 'custom' includes itself: custom → custom"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("out.pdf")))
    }
}

/// Issue 25 D11 on the command line: a warning for a character no font has, an error with `--strict`.
@Suite("Missing glyphs")
struct MissingGlyphTests {
    @Test func d11AMissingGlyphWarnsAndStrictRefuses() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try "<html><head><title>t</title></head><body><p>{{name}}</p></body></html>".write(
            to: cli.folder.appendingPathComponent("custom.html"),
            atomically: true,
            encoding: .utf8
        )
        try #"{"name": "Acme \ue000 GmbH"}"#.write(
            to: cli.folder.appendingPathComponent("data.json"),
            atomically: true,
            encoding: .utf8
        )
        let arguments = ["render", cli.path("custom.html"), cli.path("data.json"), "-o", cli.path("out.pdf")]
        let loose = try cli.run(arguments)
        #expect(loose.status == 0, "\(loose.error)")
        #expect(loose.error.contains("ledgerprint: warning: custom: \(cli.path("custom.html")):1:"), "\(loose.error)")
        #expect(loose.error.contains("no installed font has '\u{E000}' (U+E000)"))
        try FileManager.default.removeItem(atPath: cli.path("out.pdf"))
        let strict = try cli.run(arguments + ["--strict"])
        #expect(strict.status == 65)
        #expect(strict.error.contains("(--strict makes this an error)"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("out.pdf")))
    }
}
