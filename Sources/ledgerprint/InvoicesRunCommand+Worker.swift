import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore
import PostgresStore
import Synchronization

/// An invoice to print: its number and account (the file's name).
struct InvoiceToPrint: Sendable, Hashable {
    var number: DocumentNumber
    var accountID: String
}

/// An invoice a run could not print (its PDF or its FatturaPA file): the invoice, and why.
///
/// The worker gives up the claim of `number` by the number itself, not by reading it back from
/// the message.
struct InvoiceFailure: Sendable, Hashable, Comparable, CustomStringConvertible {
    var number: DocumentNumber
    var message: String

    /// What the user reads: `invoice 2026/0007: …`.
    var description: String { "invoice \(number): \(message)" }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

extension InvoicesCommand.Run {
    /// The run's name in the claims table: the period, with the account kind when limited to one.
    var sharedRunName: String { kind.map { "\(period) \($0.rawValue)" } ?? period }

    /// This worker's name in the claims table: the machine and the process.
    static var workerName: String { "\(ProcessInfo.processInfo.hostName):\(getpid())" }

    func validateWorker() throws {
        guard (1...86_400).contains(lease) else { throw ValidationError("--lease takes 1 to 86400 seconds") }
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch takes 1 to 10000 subscriptions") }
        guard !(worker && status) else { throw ValidationError("--status shows a run: leave out --worker") }
    }

    /// The store as a PostgreSQL store; on SQLite `option` is refused with one line (exit 69).
    func sharedStore(_ store: any BillingStore, for option: String) throws -> PostgresStore {
        guard let shared = store as? PostgresStore else {
            throw Failure(
                .unavailable,
                "\(option) shares a run among processes on a PostgreSQL store; \(store.location) is an SQLite store, "
                    + "one file on one machine: run 'invoices run' without \(option) (docs/store.md, "
                    + "\"Month-end runs shared by workers\")"
            )
        }
        return shared
    }

    /// `--worker`: claims batches of the run's due subscriptions until none is left, issuing and
    /// printing each; the lease on what it holds is renewed meanwhile by a thread of its own.
    func runAsWorker() throws {
        let store = try options.existingStore()
        let shared = try sharedStore(store, for: "--worker")
        let month = try InvoicesCommand.month(period)
        let through = min(month.lastDay, try options.date())
        guard through >= month.start else {
            throw Failure(.invalidInput, "\(period) has not started yet (today is \(try options.date()))")
        }
        try OutputFiles.checkWritable(try OutputFiles.folder(out).appendingPathComponent("run.probe"))
        try TemplateSet(folder: printing.templateFolder()).prepare(["invoice"])
        // The relay's settings are checked before anything is claimed, as without --worker.
        let mailing = send ? try Mailing(store: store, printing: printing, actor: try Mailing.actor(options)) : nil
        var mailed = (sent: 0, before: 0, failed: 0)
        let run = sharedRunName
        let name = Self.workerName
        let startedAt = Timestamp.now()
        try shared.addClaims(run: run, due: try shared.dueRenewals(through: through, kind: kind))
        let keeper = try LeaseKeeper(address: shared.address, run: run, worker: name, lease: lease)
        defer { keeper.stop() }
        let scheme = try store.numberingScheme()
        let eInvoices = try EInvoiceFiles(store: store, templates: try TemplateSet(folder: printing.templateFolder()))
        var xml = (written: 0, replaced: 0)
        let progress = RunProgress(store: shared, run: run)
        var done = (issued: 0, printed: 0, batches: 0, issuing: 0.0, failures: [String](), unprinted: 0)
        var count = 0
        while true {
            count += 1
            let claimed = try shared.claimBatch(
                run: run,
                worker: name,
                batch: "\(name)#\(count)",
                size: batch,
                lease: lease
            )
            if claimed.claims.isEmpty {
                progress.update()
                if try !shared.hasOpenClaims(run: run, worker: name) { break }
                // Another worker holds what is left (or the earliest date's last batch): wait for it,
                // or for its lease to expire.
                usleep(UInt32(min(1_000_000, lease * 250_000)))
                continue
            }
            let issuing = Date()
            let outcomes = try shared.issueClaims(run: run, worker: name, batch: claimed, through: through)
            done.issuing += Date().timeIntervalSince(issuing)
            done.issued += outcomes.reduce(0) { $0 + $1.invoiceNumbers.count }
            done.failures += outcomes.compactMap { outcome in outcome.failure.map { "\(outcome.subscriptionID): \($0)" }
            }
            // What this batch renewed, and what a worker that stopped renewed and did not print.
            let numbers =
                claimed.claims.filter(\.issued).flatMap { claim in claim.invoiceNumbers.map { ($0, claim.accountID) } }
                + outcomes.flatMap { outcome in outcome.invoiceNumbers.map { ($0, outcome.accountID) } }
            let invoices = try numbers.map { InvoiceToPrint(number: try scheme.number(parsing: $0.0), accountID: $0.1) }
            // The batch's printed-index entries are recorded with its claims, in one transaction.
            let index = PrintedIndexBatch()
            let (printed, failures, _, written) = try printInvoices(
                store,
                invoices,
                recorded: nil,
                showsProgress: false,
                collecting: index
            )
            done.printed += printed
            var batchFailures = failures
            if eInvoices.areRequired {
                var eInvoices = eInvoices
                eInvoices.collected = index
                let summary = eInvoices.writeMissing(
                    invoices.map(\.number),
                    into: try OutputFiles.folder(out),
                    jobs: jobs,
                    writtenWhilePrinting: written,
                    recorded: nil
                )
                xml.written += summary.written
                xml.replaced += summary.replaced
                batchFailures += summary.failures
            }
            done.failures += batchFailures.map(\.description)
            // A subscription whose PDF or FatturaPA file failed is not marked printed: it is given up
            // for another worker, or this command started again, to print.
            let subscriptionOf = Dictionary(
                claimed.claims.flatMap { claim in claim.invoiceNumbers.map { ($0, claim.subscriptionID) } }
                    + outcomes.flatMap { outcome in outcome.invoiceNumbers.map { ($0, outcome.subscriptionID) } },
                uniquingKeysWith: { first, _ in first }
            )
            let unprinted = Set(batchFailures.compactMap { subscriptionOf[$0.number.description] })
            done.unprinted += unprinted.count
            let marked = try shared.markPrinted(
                run: run,
                batch: claimed,
                worker: name,
                unprinted: unprinted,
                recording: index.all
            )
            if let mailing {
                // Only what this worker marked printed is its to send: a batch another worker took
                // (this one's lease expired) is sent by that worker. A worker killed before this leaves
                // its invoices printed and not sent: `invoices run --period P --send` sends them.
                let ours = invoices.filter { subscriptionOf[$0.number.description].map(marked.contains) ?? false }
                let unsent = try ours.filter {
                    try mailing.mailer.store.sendings(kind: "invoice", reference: $0.number.description).isEmpty
                }
                let (sent, failures) = try send(store, unsent, mailing: mailing)
                mailed.sent += sent
                mailed.before += ours.count - unsent.count
                mailed.failed += failures.count
                done.failures += failures
            }
            done.batches += 1
            progress.update()
        }
        progress.update(force: true)
        progress.finish()
        print(
            "worker \(name): issued \(done.issued) invoices, printed \(done.printed) in \(done.batches) batches into \(out)"
        )
        // The time spent issuing includes waiting for the other workers' turns (docs/scaling.md).
        print(String(format: "worker %@: %.1f s issuing (waiting for its turn included)", name, done.issuing))
        // Each statement is a round trip to the server (docs/store.md, "Round trips per invoice").
        print(
            String(
                format: "worker %@: %d statements sent to PostgreSQL, %.1f an invoice",
                name,
                shared.statementsSent,
                Double(shared.statementsSent) / Double(max(1, done.issued))
            )
        )
        if eInvoices.areRequired { print("wrote \(xml.written) FatturaPA files into \(out)") }
        if send { print("e-mailed \(mailed.sent) invoices (\(mailed.before) sent before)") }
        if xml.replaced > 0 {
            FileHandle.standardError.write(
                Data(
                    ("ledgerprint: warning: \(xml.replaced) FatturaPA files have characters outside Latin-1 "
                        + "replaced; `invoices print NUMBER --format xml` lists them\n").utf8
                )
            )
        }
        let status = try shared.runStatus(run: run)
        print(
            "run \(run): \(status.subscriptions) subscriptions renewed by \(status.workers.count) workers, "
                + "\(status.invoices) invoices issued, \(status.failed) failed"
        )
        // One summary per worker for the Billing Center's /runs: what this worker did, into its folder.
        recordRun(
            store,
            startedAt: startedAt,
            through: through,
            counts: (issued: done.issued, printed: done.printed, skipped: 0),
            failures: done.failures
        )
        for failure in done.failures {
            FileHandle.standardError.write(Data("ledgerprint: \(Terminal.safe(failure))\n".utf8))
        }
        if !done.failures.isEmpty {
            let command = "invoices run --period \(period)\(kind.map { " --kind \($0.rawValue)" } ?? "")"
            var left =
                done.unprinted > 0
                ? "; \(done.unprinted) subscription(s) are left unprinted for another worker: after fixing, run "
                    + "'\(command) --worker' again to print them"
                : mailed.failed < done.failures.count ? " — run again after fixing" : ""
            // Printed invoices are not claimed again: the run without --worker sends what is not sent.
            if mailed.failed > 0 {
                left +=
                    "; \(mailed.failed) invoice(s) printed and not e-mailed: after fixing, "
                    + "'\(command) --send' (without --worker, once the workers are done) sends them"
            }
            FileHandle.standardError.write(
                Data("ledgerprint: \(done.failures.count) document(s) failed; the rest are done\(left)\n".utf8)
            )
            throw ExitCode(Failure.Kind.partial.rawValue)
        }
    }
}

/// Renews a worker's lease on its claims every third of the lease, on a connection and a thread of
/// its own, so that a worker busy printing or waiting for its turn to issue keeps its batch.
final class LeaseKeeper: Sendable {
    private let stopped = Atomic<Bool>(false)

    init(address: PostgresLocation, run: String, worker: String, lease: Int) throws {
        let store = try PostgresStore(location: address)
        let interval = max(0.2, Double(lease) / 3)
        let thread = Thread { [self] in
            var next = Date().addingTimeInterval(interval)
            while !stopped.load(ordering: .relaxed) {
                if Date() >= next {
                    _ = try? store.renewLeases(run: run, worker: worker, lease: lease)
                    next = Date().addingTimeInterval(interval)
                }
                usleep(50_000)
            }
        }
        thread.start()
    }

    /// Stops renewing: what is still held expires after the lease.
    func stop() { stopped.store(true, ordering: .relaxed) }
}

/// A worker's progress bar: the claims of the whole run printed, by every worker, out of all of them.
///
/// Counted only when the bar is drawn (standard error is a terminal), at most every second:
/// the count reads every claim of the run.
final class RunProgress {
    let store: PostgresStore
    let run: String
    private var bar: Progress?
    private var counted = Date.distantPast
    private let isTerminal = isatty(STDERR_FILENO) == 1

    init(store: PostgresStore, run: String) {
        self.store = store
        self.run = run
    }

    func update(force: Bool = false) {
        guard isTerminal, force || Date().timeIntervalSince(counted) >= 1,
            let (total, printed) = try? store.claimCounts(run: run)
        else { return }
        counted = Date()
        if bar?.total != total { bar = Progress(total: total, label: "run     ") }
        bar?.update(printed)
    }

    func finish() { bar?.finish() }
}
