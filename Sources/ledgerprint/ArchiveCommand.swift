import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore

/// One archived file in the manifest.
struct ManifestEntry: Codable, Equatable {
    var number: String
    var kind: String
    var account: String
    var date: String
    var amount: String
    var sha256: String
    var file: String
}

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archives a year of issued documents as PDF with a manifest, and verifies an archive.",
        discussion:
            "Example:\n  ledgerprint archive --year 2025 --out archive-2025\n  ledgerprint archive verify archive-2025",
        subcommands: [Create.self, Verify.self],
        defaultSubcommand: Create.self
    )

    /// Every invoice and credit note issued in `year`, as the documents they print as.
    static func documents(
        _ store: any BillingStore,
        year: Int,
        vendor: Vendor
    ) throws -> [(ManifestEntry, PrintableDocument)] {
        let period = try DatePeriod.year(year)
        var result: [(ManifestEntry, PrintableDocument)] = []
        for invoice in try store.invoices(issuedIn: period) {
            let entry = ManifestEntry(
                number: invoice.number?.description ?? "",
                kind: "invoice",
                account: invoice.customer.accountID,
                date: invoice.issueDate.description,
                amount: invoice.grandTotal.description,
                sha256: "",
                file: Printing.fileName(for: invoice, format: .pdf)
            )
            result.append((entry, .invoice(invoice, vendor: vendor, mark: .none)))
        }
        for note in try store.creditNotes(issuedIn: period) {
            let entry = ManifestEntry(
                number: note.number?.description ?? "",
                kind: "credit-note",
                account: note.customer.accountID,
                date: note.issueDate.description,
                amount: note.grandTotal.negated.description,
                sha256: "",
                file: Printing.fileName(for: note, format: .pdf)
            )
            result.append((entry, .creditNote(note, vendor: vendor)))
        }
        return result
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract:
                "Writes every document issued in a year as PDF, with manifest.csv and manifest.json (number, account, date, amount, SHA-256).",
            discussion: "Example:\n  ledgerprint archive --year 2025 --out archive-2025"
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Option(help: "The calendar year.") var year: Int
        @Option(help: "The archive folder.") var out: String
        @Flag(help: "Replace files with other content.") var force = false

        func run() throws {
            try ledgerprint.run {
                let store = try options.existingStore()
                let printer = try Printing(store: store, options: printing)
                let folder = try OutputFiles.folder(out)
                let documents = try ArchiveCommand.documents(store, year: year, vendor: printer.vendor)
                let progress = Progress(total: documents.count, label: "archiving")
                var manifest: [ManifestEntry] = []
                for (index, (entry, document)) in documents.enumerated() {
                    let rendered = try printer.renderer.render(document, as: .pdf)
                    let url = folder.appendingPathComponent(entry.file)
                    try OutputFiles.write(rendered.data, to: url, force: force)
                    try printer.record(
                        rendered,
                        kind: entry.kind,
                        reference: entry.number,
                        accountID: entry.account,
                        format: .pdf,
                        path: url.path
                    )
                    var written = entry
                    written.sha256 = SHA256.hex(rendered.data)
                    manifest.append(written)
                    progress.update(index + 1)
                }
                progress.finish()
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try OutputFiles.write(
                    try encoder.encode(manifest),
                    to: folder.appendingPathComponent("manifest.json"),
                    force: true
                )
                let csv =
                    (["number,kind,account,date,amount,sha256,file"]
                    + manifest.map {
                        [$0.number, $0.kind, $0.account, $0.date, "\"\($0.amount)\"", $0.sha256, $0.file].joined(
                            separator: ","
                        )
                    }).joined(separator: "\n") + "\n"
                try OutputFiles.write(Data(csv.utf8), to: folder.appendingPathComponent("manifest.csv"), force: true)
                print(
                    "archived \(manifest.count) documents of \(year) into \(folder.path) with manifest.csv and manifest.json"
                )
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Re-renders every archived document from the store and reports any file that differs or is missing.",
            discussion: "Example:\n  ledgerprint archive verify archive-2025"
        )
        @OptionGroup var options: StoreOptions
        @OptionGroup var printing: PrintOptions
        @Argument(help: "The archive folder.") var folder: String

        func run() throws {
            try ledgerprint.run {
                let root = URL(fileURLWithPath: folder)
                guard
                    let data = FileManager.default.contents(atPath: root.appendingPathComponent("manifest.json").path),
                    let manifest = try? JSONDecoder().decode([ManifestEntry].self, from: data)
                else {
                    throw Failure(
                        .notFound,
                        "\(root.path) has no readable manifest.json: is it an archive made by 'ledgerprint archive'?"
                    )
                }
                let store = try options.existingStore()
                let printer = try Printing(store: store, options: printing)
                let years = Set(manifest.compactMap { Int($0.date.prefix(4)) })
                var expected: [String: (ManifestEntry, PrintableDocument)] = [:]
                for year in years {
                    for (entry, document) in try ArchiveCommand.documents(store, year: year, vendor: printer.vendor) {
                        expected[entry.file] = (entry, document)
                    }
                }
                var problems: [String] = []
                for entry in manifest {
                    guard let file = FileManager.default.contents(atPath: root.appendingPathComponent(entry.file).path)
                    else {
                        problems.append("missing: \(entry.file) (\(entry.kind) \(entry.number))")
                        continue
                    }
                    if SHA256.hex(file) != entry.sha256 {
                        problems.append("changed: \(entry.file) does not match its SHA-256 in the manifest")
                    }
                    guard let (_, document) = expected[entry.file] else {
                        problems.append("unknown: \(entry.file) is not a document of the store")
                        continue
                    }
                    if SHA256.hex(try printer.renderer.render(document, as: .pdf).data) != entry.sha256 {
                        problems.append("differs: \(entry.file) is not what the store prints today")
                    }
                }
                let listed = Set(manifest.map(\.file))
                for file in expected.keys.sorted() where !listed.contains(file) {
                    problems.append("not archived: \(file)")
                }
                guard problems.isEmpty else {
                    for problem in problems { print(problem) }
                    throw Failure(.partial, "\(problems.count) problem(s) in \(manifest.count) archived documents")
                }
                print("verified \(manifest.count) documents: every file matches its manifest and the store")
            }
        }
    }
}
