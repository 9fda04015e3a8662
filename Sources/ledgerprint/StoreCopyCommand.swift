import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore
import PostgresStore

/// `ledgerprint store copy --to DEST`: the whole history into an empty SQLite file or PostgreSQL
/// database, then a sample of the issued documents printed from both and compared byte for byte.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copies the store into a new SQLite file or an empty PostgreSQL database, all or nothing.",
        discussion: """
            The copy replays the store's event log (what 'export' writes) into DEST in one transaction, \
            and copies the printed-document index with it, so every issued invoice and credit note comes \
            out as it was issued, with the same number. The Billing Center's records come in the same \
            transaction: web users (their password hashes, roles, accounts, disabled state), the users' \
            log, the record of e-mailed documents (so a document sent before is still refused without \
            --again) and the invoice runs' summaries; the mail relay is in the event log (its password \
            never is: it comes from the environment). Sessions and unused sign-in links are NOT copied: \
            users sign in again on the new store (docs/store.md, "Moving a store").

            DEST is a postgres:// address or an SQLite file. A DEST that already holds anything is refused, \
            naming what it holds. A new SQLite file is written under a name of its own and put in place only \
            when the copy is whole and checked; a failure leaves DEST as it was.

            Then every 50th invoice and credit note, and the last of each, are printed from both stores \
            (as 'invoices print' and 'credit-notes print' print them on --today) and compared byte for \
            byte; --check-all compares every one. A difference is an error (exit 3) naming the document.

            Examples:
              ledgerprint store copy --store billing.sqlite --to postgres://billing@db.example.com/ledger
              ledgerprint store copy --store postgres://billing@db.example.com/ledger --to back.sqlite --check-all
            """
    )

    @OptionGroup var options: StoreOptions
    @OptionGroup var printing: PrintOptions

    @Option(help: "Where to copy to: postgres://USER@HOST/DB (an empty database) or a new SQLite file.")
    var to: String

    @Flag(help: "Compare every issued document, not every 50th and the last.")
    var checkAll = false

    func run() throws {
        try ledgerprint.run {
            let date = try options.date()  // before anything is copied: a --today refused changes nothing
            let source = try options.existingStore()
            let history = try source.export()
            let printed = try source.printedDocuments()
            let center = try source.centerRecords()
            let isPostgres = PostgresLocation.isAddress(to)
            guard isPostgres || !FileManager.default.fileExists(atPath: to) else {
                return try copy(
                    from: source,
                    (history, printed, center),
                    into: try SQLiteStore(path: to),
                    made: nil,
                    on: date
                )
            }
            if isPostgres {
                return try copy(
                    from: source,
                    (history, printed, center),
                    into: try PostgresStore(to),
                    made: nil,
                    on: date
                )
            }
            // A new file is built under a name of its own and linked into place only when whole and checked.
            let url = URL(fileURLWithPath: to)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).\(getpid()).copying"
            ).path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            }
            let store = try SQLiteStore(path: temporary)
            try copy(from: source, (history, printed, center), into: store, made: to, on: date)
            try store.close()
            guard link(temporary, to) == 0 else {
                throw Failure(
                    .storeError,
                    "cannot create \(to): \(String(cString: strerror(errno))); nothing was copied into it"
                )
            }
        }
    }

    /// Copies into `destination`, checks the sample and says what was done; `made` names the file
    /// the copy will become when `destination` is a temporary one.
    private func copy(
        from source: any BillingStore,
        _ records: (history: Data, printed: [PrintedDocument], center: CenterRecords),
        into destination: any BillingStore,
        made: String?,
        on date: CalendarDate
    ) throws {
        let name = made ?? destination.location
        let bar = CopyProgress()
        let summary: CopySummary
        do {
            summary = try destination.receiveCopy(
                of: records.history,
                printed: records.printed,
                center: records.center,
                progress: bar.update
            )
        } catch {
            // A temporary file's name means nothing to the user: the message names the file the copy was to be.
            guard made != nil else { throw error }
            throw Failure(
                Failure(error).kind,
                Failure(error).message.replacingOccurrences(of: destination.location, with: name)
            )
        }
        bar.progress?.finish()
        print(
            "copied \(summary.imported.events) events (\(summary.imported.invoices) invoices, "
                + "\(summary.imported.creditNotes) credit notes issued) and \(summary.printed) printed-document "
                + "entries from \(source.location) to \(name)"
        )
        print(
            "copied \(summary.users) web users, \(summary.userEvents) entries of the users' log, "
                + "\(summary.sendings) e-mailed documents and \(summary.invoiceRuns) invoice runs; "
                + "sessions and sign-in links are not copied: users sign in again on \(name)"
        )
        try check(source, against: destination, named: name, isNew: made != nil, on: date)
    }

    /// Prints the sample (or every document) from both stores and compares the PDFs.
    private func check(
        _ source: any BillingStore,
        against copy: any BillingStore,
        named name: String,
        isNew: Bool,
        on date: CalendarDate
    ) throws {
        guard try source.vendor() != nil else { return print("nothing to compare: the store has no vendor") }
        let original = try Printing(store: source, options: printing)
        let copied = try Printing(store: copy, options: printing)
        let invoices = Self.sample(try source.invoices(), all: checkAll)
        let notes = Self.sample(try source.creditNotes(), all: checkAll)
        var copiedNotes: [String: CreditNote] = [:]
        for note in try copy.creditNotes() { copiedNotes[note.number?.description ?? ""] = note }
        let progress = Progress(total: invoices.picked.count + notes.picked.count, label: "comparing")
        var differences: [String] = []
        for (index, invoice) in invoices.picked.enumerated() {
            guard let number = invoice.number else { continue }
            let other = try copy.invoice(number)
            if try pdf(original.printable(invoice, on: date), original)
                != pdf(copied.printable(other, on: date), copied)
            {
                differences.append("invoice \(number)")
            }
            progress.update(index + 1)
        }
        for (index, note) in notes.picked.enumerated() {
            guard let number = note.number else { continue }
            guard let other = copiedNotes[number.description] else {
                differences.append("credit note \(number) (missing from the copy)")
                continue
            }
            if try pdf(original.eInvoices.issued.printable(note), original)
                != pdf(copied.eInvoices.issued.printable(other), copied)
            {
                differences.append("credit note \(number)")
            }
            progress.update(invoices.picked.count + index + 1)
        }
        progress.finish()
        print("compared, printed from both stores: \(Self.describe(invoices, "invoices"))")
        print("compared, printed from both stores: \(Self.describe(notes, "credit notes"))")
        guard differences.isEmpty else {
            throw Failure(
                .partial,
                "the copy prints \(differences.count) document(s) differently from \(source.location): "
                    + differences.joined(separator: ", ")
                    + (isNew ? "; \(name) was not created" : "; do not use the copy in \(name)")
            )
        }
        print("every compared PDF is byte for byte the same")
    }

    private func pdf(_ document: PrintableDocument, _ printer: Printing) throws -> Data {
        try printer.renderer.render(document, as: .pdf, attachments: try printer.attachments(for: document)).data
    }

    /// Every 50th of `documents` (the first, the 51st…) and the last, or all of them.
    static func sample<Document>(_ documents: [Document], all: Bool) -> (picked: [Document], of: Int, all: Bool) {
        guard !all else { return (documents, documents.count, true) }
        var picked = stride(from: 0, to: documents.count, by: 50).map { documents[$0] }
        if documents.count % 50 != 1, let last = documents.last { picked.append(last) }
        return (picked, documents.count, false)
    }

    /// "3 of 120 invoices (every 50th and the last): 2025/0001, 2025/0051, 2025/0120".
    static func describe<Document: Numbered>(
        _ sample: (picked: [Document], of: Int, all: Bool),
        _ kind: String
    )
        -> String
    {
        let numbers = sample.picked.map { $0.number?.description ?? "?" }.joined(separator: ", ")
        if sample.all { return "all \(sample.of) \(kind)" }
        return "\(sample.picked.count) of \(sample.of) \(kind) (every 50th and the last)"
            + (numbers.isEmpty ? "" : ": \(numbers)")
    }
}

/// An issued document with a number, for the copy's sample.
protocol Numbered { var number: DocumentNumber? { get } }
extension Invoice: Numbered {}
extension CreditNote: Numbered {}

/// The copy's progress bar, made when the number of events is known.
private final class CopyProgress {
    var progress: Progress?

    func update(_ done: Int, _ total: Int) {
        if progress == nil { progress = Progress(total: total, label: "copying") }
        progress?.update(done)
    }
}
