import ArgumentParser
import Billing
import Canvas
import Documents
import EInvoice
import Foundation
import HistoryStore
import IssuedDocuments
import Synchronization

/// The FatturaPA files of issued documents, read through the store's public API and written
/// beside the PDFs (`invoices print --format xml`, `invoices run`, `demo`); what they say comes from
/// ``IssuedDocuments``, as the Billing Center's downloads do.
struct EInvoiceFiles: Sendable {
    let store: any BillingStore
    let vendor: Vendor
    /// The issued documents whose e-invoices these are.
    let issued: IssuedDocuments
    /// Where a worker collects the printed index's entries of a batch, recorded with its claims in
    /// one transaction; `nil` records each file as it is written.
    var collected: PrintedIndexBatch?

    /// What `FatturaPA` writes for a vendor: "FatturaPA 1.2.2", in the printed index.
    static let version = "FatturaPA 1.2.2"

    /// The e-invoice files of `store`'s vendor, worded as `templates` word the printed documents;
    /// their index entries go into `collecting` when given (``collected``).
    ///
    /// - Throws: ``Failure`` when the store has no vendor.
    init(store: any BillingStore, templates: TemplateSet, collecting: PrintedIndexBatch? = nil) throws {
        guard let vendor = try store.vendor() else {
            throw Failure(.notFound, "the store has no vendor: import a set-vendor event first (docs/data-format.md)")
        }
        self.init(store: store, vendor: vendor, templates: templates, collecting: collecting)
    }

    /// The e-invoice files of `vendor`, which the caller has just read from `store` (``Printing`` does
    /// for its documents: reading and decoding it a second time cost about 0.3 M instructions, issue 22).
    init(store: any BillingStore, vendor: Vendor, templates: TemplateSet, collecting: PrintedIndexBatch? = nil) {
        self.store = store
        collected = collecting
        self.vendor = vendor
        issued = IssuedDocuments(store: store, vendor: vendor, templates: templates)
    }

    /// Whether the vendor's documents need a FatturaPA file (it has a Partita IVA).
    var areRequired: Bool { issued.eInvoicesRequired }

    /// The file of the invoice or credit note numbered `number`.
    func file(for number: DocumentNumber) throws -> EInvoiceFile {
        do {
            return try issued.fatturaPA(for: number)
        } catch let error as EInvoiceError {
            throw Failure(.invalidInput, error.description)
        }
    }

    /// The Factur-X XML (EN 16931) of the invoice or credit note numbered `number`.
    func facturX(for number: DocumentNumber) throws -> String {
        do {
            return try issued.facturX(for: number)
        } catch let error as EInvoiceError {
            throw Failure(.invalidInput, "Factur-X of \(error.document): \(error.field): \(error.reason)")
        }
    }

    /// What a PDF of `document` carries inside (``IssuedDocuments/attachments(for:always:)``), with
    /// an XML error said as ``facturX(for:)`` says it.
    func attachments(for document: PrintableDocument, always: Bool = false) throws -> [PDFAttachment] {
        do {
            return try issued.attachments(for: document, always: always)
        } catch let error as EInvoiceError {
            throw Failure(.invalidInput, "Factur-X of \(error.document): \(error.field): \(error.reason)")
        }
    }

    /// Writes `file` to `url` (all or nothing), records it in the printed index, and reports its
    /// Latin-1 replacements on standard error.
    func write(_ file: EInvoiceFile, reference: String, to url: URL, force: Bool) throws {
        let data = file.data
        try OutputFiles.write(data, to: url, force: force)
        try record(data, reference: reference, path: url.path)
        for warning in file.warnings {
            FileHandle.standardError.write(Data("ledgerprint: warning: \(warning)\n".utf8))
        }
    }

    /// Adds a written file to the printed index (or to ``collected``); `series`, when known, saves
    /// reading the numbering formats to tell an invoice from a credit note.
    func record(_ data: Data, reference: String, path: String, series: DocumentSeries? = nil) throws {
        let document = PrintedDocument(
            kind: (series ?? (try? store.documentNumber(reference))?.series) == .creditNote ? "credit-note" : "invoice",
            reference: reference,
            accountID: nil,
            format: "xml",
            sha256: SHA256.hex(data),
            size: data.count,
            templateVersion: Self.version,
            printedAt: Timestamp.now(),
            path: path
        )
        try index(document)
    }

    /// Adds `document` to the printed index, or to ``collected`` when a worker records its batch at once.
    func index(_ document: PrintedDocument) throws {
        if let collected {
            collected.add(document)
        } else {
            try store.recordPrinted(document)
        }
    }
}

extension EInvoiceFiles {
    /// What a run's XML pass did.
    struct RunSummary {
        /// Files written now.
        var written = 0
        /// Files already there.
        var skipped = 0
        /// Documents whose file had characters outside Latin-1 replaced.
        var replaced = 0
        /// One per document that failed ("invoice 2026/0007: FatturaPA of 2026/0007: …").
        var failures: [InvoiceFailure] = []
        /// One per file there with other bytes than its document's, written again.
        var notices: [String] = []
    }

    /// The file name of `number`'s FatturaPA without building it: the vendor's Partita IVA and the
    /// number's progressive.
    func fileName(of number: DocumentNumber) throws -> String {
        let code = vendor.taxIdentifiers.first { $0.kind == .partitaIVA }?.value ?? ""
        do {
            return "IT\(code)_\(try FileProgressive.code(for: number)).xml"
        } catch {
            throw Failure(.invalidInput, error.description)
        }
    }

    /// Writes the FatturaPA file of `invoice` into `folder` unless it is there, and records it.
    ///
    /// `invoice` and `vendor` (as issued) are what the run read to print the PDF, so they are not
    /// read again for the XML, nor is the customer's `account` when the run read it too. `nil` when
    /// nothing was written (none is needed, the file
    /// is there, or it failed: ``writeMissing(_:into:jobs:writtenWhilePrinting:)`` then tries
    /// again and reports why); otherwise whether characters outside Latin-1 were replaced.
    func writeWhilePrinting(_ invoice: Invoice, vendor: Vendor, account: Account? = nil, into folder: URL) -> Bool? {
        guard areRequired, let number = invoice.number,
            let url = try? folder.appendingPathComponent(fileName(of: number)),
            !FileManager.default.fileExists(atPath: url.path),
            let file = try? issued.fatturaPA(for: invoice, vendor: vendor, account: account)
        else { return nil }
        do {
            try OutputFiles.write(file.data, to: url, force: false)
            try record(file.data, reference: number.description, path: url.path, series: number.series)
        } catch {
            return nil
        }
        return !file.warnings.isEmpty
    }

    /// Writes the FatturaPA file of each of `numbers` into `folder` unless it is there already.
    ///
    /// `jobs` at a time (each file is made durable before the next, so writing overlaps waiting);
    /// a document that fails is reported and the others go on. `writtenWhilePrinting` are those
    /// ``writeWhilePrinting(_:vendor:account:into:)`` wrote in this run (whether characters were
    /// replaced), counted as written.
    ///
    /// A file already there counts as written only with its SHA-256 in `recorded` (the printed index
    /// by path, as the run began), as a PDF does: a run killed after writing a file and before its
    /// row was committed left it unrecorded, and it is built again, recorded, and replaced if its
    /// bytes differ. With `recorded` `nil` (a worker's batch, recorded with its claims) no file there
    /// is trusted.
    func writeMissing(
        _ numbers: [DocumentNumber],
        into folder: URL,
        jobs: Int,
        writtenWhilePrinting: [DocumentNumber: Bool] = [:],
        recorded: [String: String]?
    ) -> RunSummary {
        let state = Mutex(RunSummary())
        let workers = max(1, min(jobs, numbers.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: numbers.count, by: workers) {
                let number = numbers[index]
                if let replaced = writtenWhilePrinting[number] {
                    state.withLock {
                        $0.written += 1
                        if replaced { $0.replaced += 1 }
                    }
                    continue
                }
                do {
                    let url = folder.appendingPathComponent(try fileName(of: number))
                    let existing = FileManager.default.contents(atPath: url.path)
                    if let existing, let sha256 = recorded?[url.path], sha256 == SHA256.hex(existing) {
                        state.withLock { $0.skipped += 1 }
                        continue
                    }
                    let file = try file(for: number)
                    let data = file.data
                    let differed = try OutputFiles.write(data, to: url, force: existing != nil) && existing != nil
                    try record(data, reference: number.description, path: url.path, series: number.series)
                    state.withLock {
                        $0.written += 1
                        if !file.warnings.isEmpty { $0.replaced += 1 }
                        if differed {
                            $0.notices.append("re-wrote \(url.lastPathComponent): it was not its invoice's FatturaPA")
                        }
                    }
                } catch {
                    let failure = InvoiceFailure(number: number, message: Failure(error).message)
                    state.withLock { $0.failures.append(failure) }
                }
            }
        }
        var summary = state.withLock { $0 }
        summary.failures.sort()
        summary.notices.sort()
        return summary
    }
}

/// What `invoices print` writes: a PDF or HTML document, or the FatturaPA XML.
enum PrintFormat: String, CaseIterable, ExpressibleByArgument {
    /// PDF drawn with Cairo.
    case pdf
    /// One HTML file.
    case html
    /// The FatturaPA 1.2.2 e-invoice.
    case xml
    /// The Factur-X / ZUGFeRD XML (EN 16931, CII).
    case facturX = "factur-x"

    static var allValueStrings: [String] { rawValueStrings }
    static var allValueDescriptions: [String: String] { [:] }
}

extension PrintFormat {
    /// The rendered format, or `nil` for the XML.
    var document: DocumentFormat? { DocumentFormat(rawValue: rawValue) }
}

/// The printed index's entries of a worker's batch, collected while it prints (from the printing
/// threads) and recorded with the batch's claims in one transaction
/// (``PostgresStore/markPrinted(run:batch:worker:unprinted:recording:)``): one write instead of one a file.
final class PrintedIndexBatch: Sendable {
    private let documents = Mutex<[PrintedDocument]>([])

    /// Adds the entry of a file written.
    func add(_ document: PrintedDocument) { documents.withLock { $0.append(document) } }

    /// The entries collected, in the order the files were written.
    var all: [PrintedDocument] { documents.withLock { $0 } }
}
