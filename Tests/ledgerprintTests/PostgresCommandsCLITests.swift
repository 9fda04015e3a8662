import Foundation
import LedgerprintTestSupport
import Testing

/// The commands no other test runs on PostgreSQL, run on the samples in both stores: each must say
/// the same thing and write the same files, byte for byte (issue 21).
@Suite("ledgerprint commands on PostgreSQL and SQLite alike")
struct PostgresCommandsCLITests {
    /// The steps, in order, each run on both stores; `FOLDER` is the CLI's own folder.
    static let steps: [[String]] = [
        ["payments", "record", "ROSSI-IT", "--amount", "100.00", "--reference", "P-1", "--as", "rep:Marco"],
        ["history", "ROSSI-IT"],
        ["invoices", "void", "2026/0015", "--reason", "wrong seats", "--as", "rep:Marco"],
        ["invoices", "credit", "2026/0024", "--amount", "1000.00", "--reason", "goodwill", "--as", "rep:Marco"],
        ["credit-notes", "list", "--format", "csv"],
        ["credit-notes", "print", "NC-2026/0002", "-o", "FOLDER/partial-credit.pdf"],
        ["invoices", "print", "2026/0015", "-o", "FOLDER/void.pdf"],
        ["invoices", "list", "--format", "csv"],
        ["statement", "ROSSI-IT", "--period", "2026-11", "-o", "FOLDER/statement.pdf"],
        [
            "w9", "request", "GLOBEX-US", "--form", "w9", "--details", "W-9 please", "--id", "W9-P", "--as",
            "ap@globexlearning.example",
        ],
        ["w9", "print", "W9-P", "--as", "rep:Marco", "-o", "FOLDER/w9.pdf"],
        ["w9", "list", "--format", "csv"],
        ["vat-register", "--from", "2025-01-01", "--to", "2026-12-31", "--format", "csv"],
        [
            "po", "add", "NORDWERK-DE", "--number", "NW-40K", "--amount", "40000.00", "--from", "2026-12-01", "--to",
            "2027-12-31", "--as", "rep:Marco",
        ],
        ["po", "list", "NORDWERK-DE", "--all"],
        [
            "quote", "create", "SUB-GLOBEX-1", "--id", "Q-2026-0040", "--seats", "200", "--price", "440.00",
            "--valid-until", "2026-12-15", "--term-ends", "2027-10-15", "--as", "rep:Marco Neri",
        ],
        ["quote", "accept", "Q-2026-0040", "--as", "ap@globexlearning.example"],
        ["quote", "list", "--format", "csv"],
        ["invoices", "print", "2026/0028", "-o", "FOLDER/quote-change.pdf"],
        ["reminders", "run", "--out", "FOLDER/reminders", "--as", "rep:Marco"],
        ["reminders", "list", "--format", "csv"],
        ["archive", "--year", "2026", "--out", "FOLDER/archive"],
        ["archive", "verify", "FOLDER/archive"],
    ]

    @Test func everyStepSaysTheSameAndPrintsTheSameFilesOnBothStores() throws {
        let sqlite = try CLI()
        defer { sqlite.remove() }
        let (postgres, _) = try PostgresCLITests.postgresCLI()
        defer { postgres.remove() }
        for cli in [sqlite, postgres] { try cli.importSamples() }
        for step in Self.steps {
            let results = try [sqlite, postgres].map { cli in
                let result = try cli.run(step.map { $0.replacingOccurrences(of: "FOLDER", with: cli.folder.path) })
                let said = (result.output + result.error).replacingOccurrences(of: cli.folder.path, with: "FOLDER")
                return (result.status, said)
            }
            let command = step.prefix(2).joined(separator: " ")
            #expect(results[0].0 == 0, "\(command) on SQLite: \(results[0].1)")
            #expect(results[1].0 == results[0].0, "\(command): exit \(results[1].0) on PostgreSQL: \(results[1].1)")
            #expect(results[1].1 == results[0].1, "\(command) says something else on PostgreSQL")
        }
        let written = try Self.files(in: sqlite.folder)
        #expect(written.count > 60, "\(written.keys.sorted())")
        #expect(written.keys.contains("reminders/reminder_REM-GLOBEX-US-2026-11-27.pdf"))
        let other = try Self.files(in: postgres.folder)
        #expect(Set(other.keys) == Set(written.keys), "the two stores wrote other files")
        for (name, data) in written.sorted(by: { $0.key < $1.key }) {
            #expect(other[name] == data, "\(name) differs between PostgreSQL and SQLite")
        }
    }

    /// Every file under `folder` but the SQLite store, by its path below `folder`.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            guard !name.hasPrefix("store.sqlite") else { continue }
            files[name] = try Data(contentsOf: url)
        }
        return files
    }
}
