import Billing
import Foundation
import HistoryStore
import LedgerprintTestSupport
import PostgresStore
import Testing

/// `invoices run --worker --send` (issue 21, session 14): each worker e-mails the invoices it printed
/// and marked printed, against a real SMTP server on loopback and a throw-away PostgreSQL.
@Suite(
    "Workers that e-mail what they print",
    .enabled(if: SMTPTestServer.isAvailable, "needs .build/python with aiosmtpd: run `make setup`")
)
struct WorkerSendTests {
    static let period = ["invoices", "run", "--period", "2026-02", "--today", "2026-02-28"]

    /// A PostgreSQL store with ``WorkerRunTests/history()`` whose relay is `server`; its due renewals.
    static func store(_ server: SMTPTestServer) throws -> (cli: CLI, store: PostgresStore, due: Int) {
        let (cli, address) = try PostgresCLITests.postgresCLI()
        try WorkerRunTests.history().write(to: URL(fileURLWithPath: cli.path("history.json")))
        let imported = try cli.run(["import", cli.path("history.json")])
        #expect(imported.status == 0, "\(imported.error)")
        let set = try cli.run([
            "mail", "set", "--host", "127.0.0.1", "--port", String(server.port), "--plain", "--from",
            "billing@webinarseats.example", "--as", "rep:Marco",
        ])
        #expect(set.status == 0, "\(set.error)")
        let store = try PostgresStore(address)
        return (cli, store, try store.dueRenewals(through: CalendarDate("2026-02-28"), kind: nil).count)
    }

    /// The PDF names of the messages `server` accepted, one per message.
    static func arrived(_ server: SMTPTestServer) throws -> [String] {
        try server.messages().map { try MailCLITests.attachment(try SMTPTestServer.decode($0), 0).name }
    }

    @Test func twoWorkersEMailEveryInvoiceOfTheRunExactlyOnce() throws {
        let server = try SMTPTestServer()
        let (cli, store, due) = try Self.store(server)
        defer { cli.remove() }
        let out = cli.path("out")
        let pipes = [Pipe(), Pipe()]
        let workers = try pipes.map { pipe in
            try cli.start(
                Self.period + ["--worker", "--send", "--out", out, "--batch", "4", "--jobs", "1"],
                output: pipe
            )
        }
        var outputs: [String] = []
        for (worker, pipe) in zip(workers, pipes) {
            outputs.append(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            worker.waitUntilExit()
            #expect(worker.terminationStatus == 0, "\(outputs.last ?? "")")
        }
        let pdfs = WorkerRunTests.pdfs(in: out)
        #expect(pdfs.count == due)
        let names = try Self.arrived(server)
        #expect(names.count == due, "\(names.count) messages for \(due) invoices")
        #expect(Set(names) == Set(pdfs), "an invoice was e-mailed twice or not at all")
        // Each message carries the file as printed.
        for message in server.messages() {
            let pdf = try MailCLITests.attachment(try SMTPTestServer.decode(message), 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(pdf.name)) == pdf.data)
        }
        // The same summary lines as without --worker, adding up to the run across both workers.
        let counts = outputs.compactMap { output in
            output.split(separator: "\n").first { $0.hasPrefix("e-mailed ") && $0.hasSuffix(" sent before)") }
                .flatMap { Int($0.split(separator: " ")[1]) }
        }
        #expect(counts.count == 2 && counts.reduce(0, +) == due, "\(outputs)")
        let lines = outputs.flatMap { $0.split(separator: "\n") }
        #expect(lines.filter { $0.hasPrefix("e-mailed invoice ") }.count == due, "\(outputs)")
        let recorded = try store.sendings(kind: "invoice", reference: nil).map(\.reference)
        #expect(recorded.count == due && Set(recorded).count == due)

        // Run again, with or without --worker: nothing is sent twice.
        let again = try cli.run(Self.period + ["--worker", "--send", "--out", out])
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("e-mailed 0 invoices (0 sent before)"), "\(again.output)")
        let single = try cli.run(Self.period + ["--send", "--out", out])
        #expect(single.status == 0, "\(single.error)")
        #expect(single.output.contains("e-mailed 0 invoices (\(due) sent before)"), "\(single.output)")
        #expect(server.messages().count == due)
    }

    @Test func aWorkerKilledWhileSendingLeavesTheRestToTheRunWithoutWorker() throws {
        let server = try SMTPTestServer()
        let (cli, store, due) = try Self.store(server)
        defer { cli.remove() }
        let out = cli.path("out")
        let worker = try cli.start(Self.period + ["--worker", "--send", "--out", out, "--batch", "6", "--jobs", "1"])
        // Killed once its first sending is recorded: its batch is printed and marked printed, the
        // rest of it not sent.
        let deadline = Date().addingTimeInterval(60)
        while try store.sendings(kind: "invoice", reference: nil).isEmpty && worker.isRunning && Date() < deadline {
            usleep(2_000)
        }
        kill(worker.processIdentifier, SIGKILL)
        worker.waitUntilExit()
        #expect(worker.terminationReason == .uncaughtSignal, "the worker finished before it was killed")
        let recorded = Set(try store.sendings(kind: "invoice", reference: nil).map(\.reference))
        // A message the relay accepted and the store had not recorded when the worker died is the
        // one that can arrive twice (docs/mail.md): at most the one being sent.
        let recordedNames = Set(recorded.map { "_\($0.replacingOccurrences(of: "/", with: "-"))_" })
        let unrecorded = try Self.arrived(server).filter { name in !recordedNames.contains { name.contains($0) } }
        #expect(unrecorded.count <= 1)

        // Another worker claims what is left and e-mails what it prints; the killed worker's
        // printed batch is no one's to claim again.
        let rest = try cli.run(Self.period + ["--worker", "--send", "--out", out])
        #expect(rest.status == 0, "\(rest.error)")
        let afterWorkers = try store.sendings(kind: "invoice", reference: nil).count
        #expect(afterWorkers < due, "nothing was left unsent by the killed worker")
        // The run without --worker sends every printed invoice not sent yet, and only those.
        let single = try cli.run(Self.period + ["--send", "--out", out])
        #expect(single.status == 0, "\(single.error)")
        #expect(
            single.output.contains("e-mailed \(due - afterWorkers) invoices (\(afterWorkers) sent before)"),
            "\(single.output)"
        )
        let names = try Self.arrived(server)
        #expect(Set(names) == Set(WorkerRunTests.pdfs(in: out)))
        #expect(names.count == due + unrecorded.count)
        let sendings = try store.sendings(kind: "invoice", reference: nil).map(\.reference)
        #expect(sendings.count == due && Set(sendings).count == due)
    }

    @Test func aWorkerWhoseRelayRefusesPrintsEverythingAndSaysWhichCommandSendsTheRest() throws {
        let server = try SMTPTestServer(refusing: true)
        let (cli, store, due) = try Self.store(server)
        defer { cli.remove() }
        let out = cli.path("out")
        let refused = try cli.run(Self.period + ["--worker", "--send", "--out", out, "--batch", "10"])
        #expect(refused.status == 3, "\(refused.output)\n\(refused.error)")
        #expect(WorkerRunTests.pdfs(in: out).count == due)
        #expect(refused.error.components(separatedBy: " not e-mailed: the mail relay refused RCPT TO").count - 1 == due)
        #expect(
            refused.error.contains(
                "\(due) invoice(s) printed and not e-mailed: after fixing, 'invoices run --period 2026-02 --send' "
                    + "(without --worker, once the workers are done) sends them"
            ),
            "\(refused.error)"
        )
        #expect(!refused.error.contains("left unprinted"), "\(refused.error)")
        #expect(try store.sendings(kind: "invoice", reference: nil).isEmpty)
        let status = try cli.run(["invoices", "run", "--period", "2026-02", "--status"])
        #expect(status.output.contains("\(due) renewed (0 failed), \(due) printed"), "\(status.output)")
    }
}
