import ArgumentParser
import Billing
import Documents
import Foundation
import HistoryStore
import IssuedDocuments

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

/// What an archived file is made from: a printed document, or the FatturaPA file of an invoice or
/// credit note (for a vendor registered for VAT in Italy, the XML is the document of record).
enum ArchivedContent {
    /// The PDF of a document.
    case printed(PrintableDocument)
    /// The FatturaPA XML of the document with this number.
    case eInvoice(DocumentNumber)

    /// The file's bytes as the store gives them today.
    func data(printer: Printing, eInvoices: EInvoiceFiles) throws -> Data {
        switch self {
        case .printed(let document):
            return try printer.renderer.render(document, as: .pdf, attachments: try printer.attachments(for: document))
                .data
        case .eInvoice(let number): return try eInvoices.file(for: number).data
        }
    }
}

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract:
            "Archives a year of issued documents as PDF/A-3b (and FatturaPA XML) with a manifest, and verifies an archive.",
        discussion:
            "Example:\n  ledgerprint archive --year 2025 --out archive-2025\n  ledgerprint archive verify archive-2025",
        subcommands: [Create.self, Verify.self],
        defaultSubcommand: Create.self
    )

    /// Every invoice and credit note issued in `year`, as the documents they print as, each
    /// followed by its FatturaPA file when the vendor needs one.
    static func documents(
        _ store: any BillingStore,
        year: Int,
        vendor: Vendor,
        eInvoices: EInvoiceFiles
    ) throws -> [(ManifestEntry, ArchivedContent)] {
        let period = try DatePeriod.year(year)
        var result: [(ManifestEntry, ArchivedContent)] = []
        func add(_ entry: ManifestEntry, _ document: PrintableDocument, number: DocumentNumber?) throws {
            result.append((entry, .printed(document)))
            guard eInvoices.areRequired, let number else { return }
            var xml = entry
            xml.kind = entry.kind + "-fatturapa"
            xml.file = try eInvoices.fileName(of: number)
            result.append((xml, .eInvoice(number)))
        }
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
            try add(
                entry,
                .invoice(invoice, vendor: try store.vendor(asIssued: invoice.number, current: vendor), mark: .none),
                number: invoice.number
            )
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
            try add(
                entry,
                .creditNote(note, vendor: try store.vendor(asIssued: note.number, current: vendor)),
                number: note.number
            )
        }
        return result
    }

    /// manifest.csv for `manifest`: the same entries as manifest.json.
    static func csv(_ manifest: [ManifestEntry]) -> String {
        (["number,kind,account,date,amount,sha256,file"]
            + manifest.map {
                [$0.number, $0.kind, $0.account, $0.date, "\"\($0.amount)\"", $0.sha256, $0.file].joined(separator: ",")
            }).joined(separator: "\n") + "\n"
    }

    /// What is wrong with the archive's files beside the documents: manifest.csv not saying what
    /// manifest.json says, files the manifest does not list.
    static func problems(in root: URL, manifest: [ManifestEntry]) -> [String] {
        var problems: [String] = []
        if let csv = try? String(contentsOf: root.appendingPathComponent("manifest.csv"), encoding: .utf8) {
            let expected = Self.csv(manifest).split(separator: "\n", omittingEmptySubsequences: false)
            let found = csv.split(separator: "\n", omittingEmptySubsequences: false)
            for line in 0..<max(expected.count, found.count)
            where line >= expected.count || line >= found.count || expected[line] != found[line] {
                problems.append("manifest.csv: line \(line + 1) differs from manifest.json")
            }
        } else {
            problems.append("missing: manifest.csv")
        }
        let listed = Set(manifest.map(\.file) + ["manifest.json", "manifest.csv"])
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        where !listed.contains(file) {
            problems.append("unlisted: \(Terminal.safe(file)) is in the archive but not in its manifest")
        }
        return problems
    }

    /// Each field of `entry` that is not what the store says, as a problem.
    static func fieldProblems(_ entry: ManifestEntry, expected: ManifestEntry) -> [String] {
        let fields: [(String, KeyPath<ManifestEntry, String>)] = [
            ("number", \.number), ("kind", \.kind), ("account", \.account), ("date", \.date), ("amount", \.amount),
        ]
        return fields.compactMap { name, path in
            entry[keyPath: path] == expected[keyPath: path]
                ? nil
                : "field: \(Terminal.safe(expected.number)) \(name) is \(Terminal.safe(entry[keyPath: path])) in the manifest, "
                    + "\(expected[keyPath: path]) in the store"
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract:
                "Writes every document issued in a year as PDF/A-3b, and its FatturaPA XML when the vendor has a Partita IVA, with manifest.csv and manifest.json (number, account, date, amount, SHA-256).",
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
                printer.renderer.pdfConformance = .pdfA3b  // an archive holds PDF/A-3b files
                let folder = try OutputFiles.folder(out)
                let eInvoices = try EInvoiceFiles(store: store, templates: printer.renderer.templates)
                let documents = try ArchiveCommand.documents(
                    store,
                    year: year,
                    vendor: printer.vendor,
                    eInvoices: eInvoices
                )
                let progress = Progress(total: documents.count, label: "archiving")
                var manifest: [ManifestEntry] = []
                for (index, (entry, content)) in documents.enumerated() {
                    let url = folder.appendingPathComponent(entry.file)
                    let data: Data
                    switch content {
                    case .printed(let document):
                        let rendered = try printer.renderer.render(
                            document,
                            as: .pdf,
                            attachments: try printer.attachments(for: document)
                        )
                        try Printing.check(rendered, strict: printer.strict, document: "\(entry.kind) \(entry.number)")
                        data = rendered.data
                        try OutputFiles.write(data, to: url, force: force)
                        try printer.record(
                            rendered,
                            kind: entry.kind,
                            reference: entry.number,
                            accountID: entry.account,
                            format: .pdf,
                            path: url.path
                        )
                    case .eInvoice(let number):
                        data = try eInvoices.file(for: number).data
                        try OutputFiles.write(data, to: url, force: force)
                        try eInvoices.record(data, reference: number.description, path: url.path)
                    }
                    var written = entry
                    written.sha256 = SHA256.hex(data)
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
                let csv = ArchiveCommand.csv(manifest)
                try OutputFiles.write(Data(csv.utf8), to: folder.appendingPathComponent("manifest.csv"), force: true)
                print(
                    "archived \(manifest.count) documents of \(year) into \(folder.path) with manifest.csv and manifest.json"
                )
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
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
                printer.renderer.pdfConformance = .pdfA3b  // an archive holds PDF/A-3b files
                let years = Set(manifest.compactMap { Int($0.date.prefix(4)) })
                let eInvoices = try EInvoiceFiles(store: store, templates: printer.renderer.templates)
                var expected: [String: (ManifestEntry, ArchivedContent)] = [:]
                for year in years {
                    let documents = try ArchiveCommand.documents(
                        store,
                        year: year,
                        vendor: printer.vendor,
                        eInvoices: eInvoices
                    )
                    for (entry, content) in documents { expected[entry.file] = (entry, content) }
                }
                var problems: [String] = []
                for entry in manifest {
                    guard !entry.file.contains("/"), !entry.file.hasPrefix("."), !entry.file.isEmpty else {
                        problems.append(
                            "unsafe: \(Terminal.safe(entry.file)) in the manifest is not a file of the archive"
                        )
                        continue
                    }
                    guard let file = FileManager.default.contents(atPath: root.appendingPathComponent(entry.file).path)
                    else {
                        problems.append("missing: \(entry.file) (\(entry.kind) \(entry.number))")
                        continue
                    }
                    if SHA256.hex(file) != entry.sha256 {
                        problems.append("changed: \(entry.file) does not match its SHA-256 in the manifest")
                    }
                    guard let (stored, content) = expected[entry.file] else {
                        problems.append("unknown: \(entry.file) is not a document of the store")
                        continue
                    }
                    problems += ArchiveCommand.fieldProblems(entry, expected: stored)
                    if SHA256.hex(try content.data(printer: printer, eInvoices: eInvoices)) != entry.sha256 {
                        problems.append("differs: \(entry.file) is not what the store prints today")
                    }
                }
                let listed = Set(manifest.map(\.file))
                for file in expected.keys.sorted() where !listed.contains(file) {
                    problems.append("not archived: \(file)")
                }
                problems += ArchiveCommand.problems(in: root, manifest: manifest)
                guard problems.isEmpty else {
                    for problem in problems { print(problem) }
                    throw Failure(.partial, "\(problems.count) problem(s) in \(manifest.count) archived documents")
                }
                print("verified \(manifest.count) documents: every file matches its manifest and the store")
            }
        }
    }
}
