import Billing
import Documents
import Foundation
import GRDB
import HistoryStore
import LedgerprintTestSupport
import Testing

/// Every document a `v1` store printed (`Tests/HistoryStoreTests/Fixtures/store-v1.sqlite`, whose
/// `printed_documents` index holds each file's SHA-256) prints byte for byte the same from the
/// migrated store: what `ledgerprint archive verify` checks across the upgrade.
@Suite("Documents of a migrated v1 store")
struct StoreMigrationTests {
    static let fixture = repositoryRoot.appendingPathComponent("Tests/HistoryStoreTests/Fixtures/store-v1.sqlite")
    /// The dates the fixture's statements and W-9 packet were printed on (its README).
    static let statementsIssued = "2026-11-27"

    /// The invoices and credit notes as the `v1` rows hold them, decoded by Foundation.
    static func v1Documents(_ path: String) throws -> (invoices: [String: Invoice], notes: [String: CreditNote]) {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var invoices: [String: Invoice] = [:]
            for text in try String.fetchAll(db, sql: "SELECT data FROM invoices") {
                let invoice = try JSONDecoder().decode(Invoice.self, from: Data(text.utf8))
                invoices[invoice.number?.description ?? ""] = invoice
            }
            var notes: [String: CreditNote] = [:]
            for text in try String.fetchAll(db, sql: "SELECT data FROM credit_notes") {
                let note = try JSONDecoder().decode(CreditNote.self, from: Data(text.utf8))
                notes[note.number?.description ?? ""] = note
            }
            return (invoices, notes)
        }
    }

    /// The ways a printed entry may have been rendered from `store`: an invoice with each mark.
    static func candidates(
        _ entry: PrintedDocument,
        _ store: SQLiteStore,
        vendor: Vendor
    ) throws
        -> [PrintableDocument]
    {
        switch entry.kind {
        case "invoice":
            let invoice = try store.invoice(DocumentNumber(parsing: entry.reference))
            return [DocumentMark.none, .paid, .void].map { .invoice(invoice, vendor: vendor, mark: $0) }
        case "credit-note":
            let note = try #require(try store.creditNotes().first { $0.number?.description == entry.reference })
            return [.creditNote(note, vendor: vendor)]
        case "statement":
            // "ROSSI-IT 2025-01-01–2025-01-31"
            let parts = entry.reference.split(separator: " ")
            let days = try #require(parts.last).split(separator: "–").map { try CalendarDate(String($0)) }
            let period = try DatePeriod(start: days[0], end: days[1].adding(days: 1))
            let statement = try store.statement(ofAccount: String(parts[0]), for: period)
            let issued = min(days[1], try CalendarDate(statementsIssued))
            return [.statement(statement, vendor: vendor, issuedOn: issued)]
        case "w9-packet":
            let request = try store.w9Request(entry.reference)
            let account = try store.account(request.accountID)
            let issued = try #require(request.fulfilledOn)
            return [.w9Packet(request, vendor: vendor, account: account, issuedOn: issued)]
        default:
            Issue.record("unknown kind \(entry.kind)")
            return []
        }
    }

    @Test func everyDocumentTheV1StorePrintedPrintsTheSameAfterTheMigration() throws {
        let folder = try temporaryFolder("migration")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path)
        let v1 = try Self.v1Documents(path)
        let store = try SQLiteStore(path: path)
        let renderer = try makeRenderer()
        let vendor = try #require(try store.vendor())
        let printed = try store.printedDocuments()
        #expect(printed.count == 75)
        #expect(Set(printed.map(\.kind)) == ["invoice", "credit-note", "statement", "w9-packet"])
        // While the templates are the ones the fixture was printed with, the recorded SHA-256s
        // themselves must come back; once they change on purpose, the migrated store must still
        // print what its v1 rows print.
        let sameTemplates = printed.allSatisfy { $0.templateVersion == renderer.templates.version }
        for entry in printed {
            let hashes = try Self.candidates(entry, store, vendor: vendor).map {
                try sha256(try renderer.render($0, as: .pdf).data)
            }
            if sameTemplates {
                #expect(hashes.contains(entry.sha256), "\(entry.kind) \(entry.reference) prints differently")
            }
            switch entry.kind {
            case "invoice":
                let old = try #require(v1.invoices[entry.reference])
                let before = try [DocumentMark.none, .paid, .void].map {
                    try sha256(try renderer.render(.invoice(old, vendor: vendor, mark: $0), as: .pdf).data)
                }
                #expect(hashes == before, "invoice \(entry.reference)")
            case "credit-note":
                let old = try #require(v1.notes[entry.reference])
                #expect(hashes == [try sha256(try renderer.render(.creditNote(old, vendor: vendor), as: .pdf).data)])
            default:
                break
            }
        }
    }
}

/// SHA-256 of `data` in lower-case hex, by coreutils' `sha256sum`, as the printed index records it.
private func sha256(_ data: Data) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    try input.fileHandleForWriting.write(contentsOf: data)
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return String(text.prefix(64))
}
