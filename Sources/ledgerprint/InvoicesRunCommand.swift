import ArgumentParser
import Billing
import Canvas
import Documents
import Foundation
import HistoryStore
import IssuedDocuments
import Synchronization

extension InvoicesCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Issues every invoice due in a month and not yet issued, then prints them in parallel.",
            discussion: """
                For a vendor registered for VAT in Italy it also writes each invoice's FatturaPA XML beside \
                the PDF (IT<Partita IVA>_<progressive>.xml); an invoice whose XML would not be valid is reported \
                by number and the others go on.

                Renewals are issued 100 subscriptions to a transaction, each in its own savepoint, so the run can \
                be killed at any point and run again: it issues and prints only what is missing, and no number is \
                lost or doubled. A renewal or document that fails is reported and the others go on; the exit code \
                is then 3.

                With --send each invoice printed and not yet e-mailed goes to its billing contact through the relay \
                set with 'ledgerprint mail set' (the PDF file as printed, and its FatturaPA XML); one that cannot \
                be sent is reported at the end (exit 3) and the others are sent.

                Examples:
                  ledgerprint invoices run --period 2026-11 --kind corporate --out out/2026-11 --jobs 2
                  ledgerprint invoices run --period 2026-11 --out out/2026-11 --send

                On a PostgreSQL store, --worker shares the run with every other process started the same way, on \
                this machine or others: each claims a batch of the due subscriptions (--batch, 50 by default), \
                issues and prints it, and claims the next until none is left. A worker renews its lease every \
                third of --lease seconds (60 by default); if it stops (killed, its machine down), its batch is \
                taken by another worker once the lease has expired. An invoice a worker cannot print (exit 3) is \
                left for another worker, or for --worker run again after fixing the cause. Each worker records \
                its own summary for the Billing Center's runs page. --status shows the run's progress across its \
                workers. With --send a worker e-mails each invoice it printed, once its batch is recorded \
                as printed (only the worker that recorded it sends it); what a worker could not send, or was \
                killed before sending, is sent by 'invoices run --period P --send' without --worker once the \
                workers are done. On an SQLite store both are refused (exit 69): one file on one machine has nothing to \
                share, and --jobs already uses its cores. See docs/store.md, "Month-end runs shared by workers".

                Examples (LEDGERPRINT_STORE=postgres://billing@db.example/ledger on every machine):
                  ledgerprint invoices run --period 2026-11 --worker --out /mnt/bills --jobs 1
                  ledgerprint invoices run --period 2026-11 --status
                """
        )

        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Option(help: "The month, YYYY-MM.") var period: String
        @Option(help: "Only accounts of this kind: self-service or corporate.") var kind: AccountKind?
        @Option(help: "Where the PDFs go.") var out: String = "out"
        @Option(help: "How many documents to print at once.") var jobs: Int = ProcessInfo.processInfo
            .activeProcessorCount
        @Option(help: "pdf or html.") var format: DocumentFormat = .pdf
        @Flag(help: "E-mail each invoice printed and not yet sent to its billing contact ('invoices send --help').")
        var send = false
        @Flag(help: "Share the run with other workers on the same PostgreSQL store (see below).") var worker = false
        @Option(help: "With --worker: seconds a claimed batch stays this worker's without news from it.")
        var lease: Int = 60
        @Option(help: "With --worker: how many subscriptions to claim at a time.") var batch: Int = 50
        @Flag(help: "Show the progress of a shared run (--worker) across its workers, and do nothing else.")
        var status = false

        func validate() throws {
            guard (1...64).contains(jobs) else { throw ValidationError("--jobs takes 1 to 64") }
            guard !send || format == .pdf else { throw ValidationError("--send e-mails PDFs: leave out --format html") }
            try validateWorker()
        }

        func run() throws {
            try ledgerprint.run {
                if status { return try showStatus() }
                if worker { return try runAsWorker() }
                let startedAt = Timestamp.now()
                let store = try options.existingStore()
                let month = try InvoicesCommand.month(period)
                let through = min(month.lastDay, try options.date())
                guard through >= month.start else {
                    throw Failure(.invalidInput, "\(period) has not started yet (today is \(try options.date()))")
                }
                // Nothing is issued unless the invoices can then be written into --out (D14), nor
                // when the templates the invoices print with have a mistake.
                try OutputFiles.checkWritable(try OutputFiles.folder(out).appendingPathComponent("run.probe"))
                try TemplateSet(folder: printing.templateFolder()).prepare(["invoice"])
                let mailing =
                    send ? try Mailing(store: store, printing: printing, actor: try Mailing.actor(options)) : nil
                let (issued, issueFailures) = try issue(store, through: through)
                // A file already there is trusted only if it still has the SHA-256 recorded when it was
                // printed (the PDFs, and the FatturaPA files after them).
                var recorded: [String: String] = [:]
                for printed in try store.printedDocuments(kind: "invoice") { recorded[printed.path] = printed.sha256 }
                let (printed, printFailures, skipped, xmlWritten) = try printAll(
                    store,
                    month: month,
                    recorded: recorded
                )
                print("issued \(issued) invoices, printed \(printed) (\(skipped) already printed) into \(out)")
                let xmlFailures = try writeEInvoices(
                    store,
                    month: month,
                    writtenWhilePrinting: xmlWritten,
                    recorded: recorded
                )
                let mailFailures = try mailing.map { try sendAll(store, month: month, mailing: $0) } ?? []
                let failures = issueFailures + printFailures + xmlFailures + mailFailures
                recordRun(
                    store,
                    startedAt: startedAt,
                    through: through,
                    counts: (issued, printed, skipped),
                    failures: failures
                )
                for failure in failures {
                    FileHandle.standardError.write(Data("ledgerprint: \(Terminal.safe(failure))\n".utf8))
                }
                if !failures.isEmpty {
                    FileHandle.standardError.write(
                        Data(
                            "ledgerprint: \(failures.count) document(s) failed; the rest are done — run again after fixing\n"
                                .utf8
                        )
                    )
                    throw ExitCode(Failure.Kind.partial.rawValue)
                }
            }
        }

        /// How many renewals `issue` hands the store at once: five of its batches of 100, so that
        /// what they return is a few hundred invoices however many are due.
        static let issuingChunk = 500

        /// Renews every due subscription a date at a time, earliest first (then by account and
        /// subscription), so that invoice numbers follow invoice dates; a subscription whose renewal
        /// fails is reported and left for the next run.
        private func issue(_ store: any BillingStore, through: CalendarDate) throws -> (Int, [String]) {
            var due = try store.dueRenewals(through: through, kind: kind)
            let progress = Progress(total: due.count, label: "issuing ")
            var issued = 0
            var renewed = 0
            var failures: [String] = []
            var failed: Set<String> = []
            while let next = due.first(where: { !failed.contains($0.subscriptionID) })?.date {
                let round = due.filter { $0.date == next && !failed.contains($0.subscriptionID) }
                // A renewal an earlier run left behind is issued on the latest date numbered since
                // (on its own date in a series that allows back-dating).
                let floor =
                    try store.allowsBackDating(.invoice) ? nil : try store.lastNumberedDate(.invoice, year: next.year)
                let acted = min(through, max(next, floor ?? next))
                // A few batches at a time: each renewal's result holds the invoice it issued, and
                // a whole month's of them would stay in the heap the printing then grows beside
                // (docs/performance.md, "run30, session 15").
                for start in stride(from: 0, to: round.count, by: Self.issuingChunk) {
                    let chunk = round[start..<min(round.count, start + Self.issuingChunk)]
                    let events = chunk.map {
                        StoreEvent(date: acted, actor: .system, action: .renew(subscriptionID: $0.subscriptionID))
                    }
                    let done = renewed
                    let results = try store.applyInBatches(events) { progress.update(min(done + $0, progress.total)) }
                    for (renewal, result) in zip(chunk, results) {
                        switch result {
                        case .success(let applied): issued += applied.invoices.count
                        case .failure(let error):
                            failed.insert(renewal.subscriptionID)
                            failures.append("\(renewal.subscriptionID): \(Failure(error).message)")
                        }
                    }
                    renewed += chunk.count
                }
                due = try store.dueRenewals(through: through, kind: kind)
                guard due.allSatisfy({ $0.date > next || failed.contains($0.subscriptionID) }) else {
                    throw Failure(.storeError, "renewals through \(next) left a subscription due on that date")
                }
            }
            progress.finish()
            return (issued, failures)
        }

        /// Writes the FatturaPA file beside the PDF of every invoice of the month that needs one
        /// (`writtenWhilePrinting`: those the printing wrote already; `recorded`: the printed index's
        /// SHA-256 by path as the run began).
        private func writeEInvoices(
            _ store: any BillingStore,
            month: DatePeriod,
            writtenWhilePrinting: [DocumentNumber: Bool],
            recorded: [String: String]
        ) throws -> [String] {
            let files = try EInvoiceFiles(store: store, templates: try TemplateSet(folder: printing.templateFolder()))
            guard files.areRequired else { return [] }
            let numbers = try store.invoiceReferences(issuedIn: month).filter { kind == nil || $0.kind == kind }
                .map(\.number)
            let summary = files.writeMissing(
                numbers,
                into: try OutputFiles.folder(out),
                jobs: jobs,
                writtenWhilePrinting: writtenWhilePrinting,
                recorded: recorded
            )
            for notice in summary.notices { print(notice) }
            print("wrote \(summary.written) FatturaPA files (\(summary.skipped) already written) into \(out)")
            if summary.replaced > 0 {
                FileHandle.standardError.write(
                    Data(
                        ("ledgerprint: warning: \(summary.replaced) FatturaPA files have characters outside Latin-1 "
                            + "replaced; `invoices print NUMBER --format xml` lists them\n").utf8
                    )
                )
            }
            return summary.failures.map(\.description)
        }

        /// Prints the month's invoices whose PDF is missing, and writes each one's FatturaPA file
        /// from what was read for the PDF; returns how many were printed, the failures, how many were
        /// there already, and the FatturaPA files written (whether characters were replaced).
        private func printAll(
            _ store: any BillingStore,
            month: DatePeriod,
            recorded: [String: String]
        ) throws -> (Int, [String], Int, [DocumentNumber: Bool]) {
            let kindFilter = kind
            let references = try store.invoiceReferences(issuedIn: month).filter {
                kindFilter == nil || $0.kind == kindFilter
            }
            let (printed, failures, skipped, xml) = try printInvoices(
                store,
                references.map { InvoiceToPrint(number: $0.number, accountID: $0.accountID) },
                recorded: recorded,
                showsProgress: true
            )
            return (printed, failures.map(\.description), skipped, xml)
        }

        /// Prints `references` into --out (see ``printAll(_:month:recorded:)``).
        ///
        /// With `recorded` (the printed
        /// index's SHA-256 by path), a file already there with its recorded SHA-256 is kept; without
        /// (a worker printing what it claimed), every one is printed, a file already there replaced
        /// only when it differs.
        ///
        /// With `collected` (a worker's batch), what the batch prints is read ahead in one read
        /// transaction, and the printed index's entries are collected into it for the caller
        /// to record, rather than recorded file by file: on PostgreSQL each is round trips.
        func printInvoices(
            _ store: any BillingStore,
            _ references: [InvoiceToPrint],
            recorded: [String: String]?,
            showsProgress: Bool,
            collecting collected: PrintedIndexBatch? = nil
        ) throws -> (Int, [InvoiceFailure], Int, [DocumentNumber: Bool]) {
            let folder = try OutputFiles.folder(out)
            let documentFormat = format
            let name: @Sendable (InvoiceToPrint) -> String = {
                Printing.invoiceFileName($0.number.description, accountID: $0.accountID, format: documentFormat)
            }
            var damaged: Set<String> = []
            let missing = references.filter {
                let url = folder.appendingPathComponent(name($0))
                guard let data = FileManager.default.contents(atPath: url.path) else { return true }
                if let sha256 = recorded?[url.path], sha256 == SHA256.hex(data) { return false }
                damaged.insert(url.path)
                return true
            }
            guard !missing.isEmpty else { return (0, [], references.count, [:]) }
            let damagedPaths = damaged
            guard let vendor = try store.vendor() else {
                throw Failure(.notFound, "the store has no vendor to print invoices from")
            }
            let templates = try TemplateSet(folder: printing.templateFolder())
            let fonts = try printing.fonts()
            var batch = BatchRenderer(templates: templates, fontConfiguration: fonts.configurationFile, jobs: jobs)
            if printing.pdfa { batch.pdfConformance = .pdfA3b }
            let progress = Progress(total: showsProgress ? missing.count : 0, label: "printing")
            let state = Mutex(
                (
                    done: 0, failures: [InvoiceFailure](), notices: [String](), warnings: [String](),
                    xml: [DocumentNumber: Bool]()
                )
            )
            let strict = printing.strict
            let eInvoices = try EInvoiceFiles(store: store, templates: templates, collecting: collected)
            // A worker's batch is read ahead, all at once (bounded by --batch).
            let database = collected == nil ? nil : store as? any DatabaseBillingStore
            let ahead: InvoicesToPrint? = try database?.invoicesToPrint(missing.map(\.number))
            // Otherwise each printing thread reads its invoice when it prints it, so memory stays flat
            // however long the run; what it read is kept until the PDF is written, for the FatturaPA file.
            let read = Mutex([Int: (Invoice, Vendor)]())
            let document: @Sendable (Int) throws -> PrintableDocument = { index in
                let number = missing[index].number
                let invoice = try ahead?.invoices[number] ?? store.invoice(number)
                let issuedVendor =
                    try ahead.map { $0.vendors[number] ?? vendor } ?? store.vendor(asIssued: number, current: vendor)
                if eInvoices.areRequired { read.withLock { $0[index] = (invoice, issuedVendor) } }
                return .invoice(invoice, vendor: issuedVendor, mark: .none)
            }
            let attachments: @Sendable (PrintableDocument) throws -> [PDFAttachment] = {
                try eInvoices.attachments(for: $0)
            }
            let language = try printing.language()
            // The drawing threads hand each document to threads that write it and wait for the disk.
            let writers = DiskWriters(threads: 4 * jobs, capacity: 4 * jobs)
            batch.run(
                count: missing.count,
                format: documentFormat,
                language: language,
                document: document,
                attachments: attachments
            ) { index, result in
                let source = read.withLock { $0.removeValue(forKey: index) }
                writers.submit {
                    let reference = missing[index]
                    let url = folder.appendingPathComponent(name(reference))
                    var failure: InvoiceFailure?
                    var notice: String?
                    var warnings: [String] = []
                    var xml: Bool?
                    do {
                        let rendered = try result.get()
                        if let warning = rendered.warnings.first, strict {
                            throw Failure(.invalidInput, "\(warning) (--strict makes this an error)")
                        }
                        warnings = rendered.warnings.map { "invoice \(reference.number): \($0)" }
                        let damagedFile = damagedPaths.contains(url.path)
                        if try OutputFiles.write(rendered.data, to: url, force: damagedFile), damagedFile {
                            notice = "re-printed \(url.lastPathComponent): it did not match its recorded SHA-256"
                        }
                        let entry = PrintedDocument(
                            kind: "invoice",
                            reference: reference.number.description,
                            accountID: reference.accountID,
                            format: documentFormat.rawValue,
                            sha256: SHA256.hex(rendered.data),
                            size: rendered.data.count,
                            templateVersion: templates.version,
                            printedAt: Timestamp.now(),
                            path: url.path
                        )
                        try eInvoices.index(entry)
                        if let (invoice, issuedVendor) = source {
                            xml = eInvoices.writeWhilePrinting(
                                invoice,
                                vendor: issuedVendor,
                                account: ahead?.accounts[invoice.customer.accountID],
                                into: folder
                            )
                        }
                    } catch {
                        failure = InvoiceFailure(number: reference.number, message: Failure(error).message)
                    }
                    state.withLock { state in
                        state.done += 1
                        if let failure { state.failures.append(failure) }
                        if let notice { state.notices.append(notice) }
                        state.warnings += warnings
                        if let xml { state.xml[reference.number] = xml }
                        // Under the lock, so that the count shown never goes back.
                        if state.done % 25 == 0 || state.done == missing.count { progress.update(state.done) }
                    }
                }
            }
            writers.finish()
            progress.finish()
            let final = state.withLock { $0 }
            for notice in final.notices.sorted() { print(notice) }
            for warning in final.warnings.sorted() {
                FileHandle.standardError.write(Data("ledgerprint: warning: \(Terminal.safe(warning))\n".utf8))
            }
            let printed = missing.count - final.failures.count
            return (printed, final.failures, references.count - missing.count, final.xml)
        }
    }
}
