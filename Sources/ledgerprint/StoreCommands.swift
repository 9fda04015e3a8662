import ArgumentParser
import Foundation
import HistoryStore
import PostgresStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Creates an empty store (or checks, migrates and repairs an existing one).",
        discussion: """
            On an existing store, puts back any trigger that keeps issued records append-only if it was \
            dropped or altered (a store missing one refuses every change), and says which.

            Example:
              ledgerprint init --store billing.sqlite
            """
    )

    @OptionGroup var options: StoreOptions

    func run() throws {
        try ledgerprint.run {
            let store = try options.openStore()
            let restored: [String]
            if let sqlite = store as? SQLiteStore {
                restored = try sqlite.restoreProtection()
            } else if let postgres = store as? PostgresStore {
                restored = try postgres.restoreProtection()
            } else {
                restored = []
            }
            for damage in restored {
                let what = damage.hasPrefix("function ") ? damage : "trigger " + damage
                print(
                    "restored \(what.replacingOccurrences(of: #"\s(\w+)$"#, with: " (was $1)", options: .regularExpression))"
                )
            }
            print("store ready: \(store.location)")
        }
    }
}

struct ImportCommand: ParsableCommand {
    /// What an import did, in one line.
    static func describe(_ summary: ImportSummary) -> String {
        "imported \(summary.events) events: \(summary.invoices) invoices and \(summary.creditNotes) credit notes issued"
    }

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Imports event files (docs/data-format.md), all or nothing.",
        discussion: "Example:\n  ledgerprint import Samples/history.json"
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "JSON files of events, applied in order.")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file to import") }
    }

    func run() throws {
        try ledgerprint.run {
            var loaded: [(name: String, data: Data)] = []
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(.notFound, "cannot read \(file)")
                }
                loaded.append((file, data))
            }
            let path = options.storePath
            guard !options.isPostgres, !FileManager.default.fileExists(atPath: path) else {
                let summary = try options.openStore().importFiles(loaded)
                return print(Self.describe(summary))
            }
            // A new store is built under a name of its own and linked into place only when whole:
            // a failed import leaves nothing, and never removes a store another process made meanwhile.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let temporary = folder.appendingPathComponent(
                ".\(URL(fileURLWithPath: path).lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).importing"
            ).path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
            }
            let store = try SQLiteStore(path: temporary)
            let summary = try store.importFiles(loaded)
            try store.close()
            guard link(temporary, path) == 0 else {
                let code = errno
                let reason = String(cString: strerror(code))
                if code == EEXIST {
                    throw Failure(
                        .storeError,
                        "\(path) was created by another process while this import ran; nothing was imported into it "
                            + "— import again to add these events to it"
                    )
                }
                throw Failure(.storeError, "cannot create \(path): \(reason)")
            }
            print(Self.describe(summary))
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes the whole history as an event file; importing it into an empty store gives the same store.",
        discussion: "Example:\n  ledgerprint export -o backup.json"
    )

    @OptionGroup var options: StoreOptions

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    @Flag(help: "Replace an existing output file.")
    var force = false

    func run() throws {
        try ledgerprint.run {
            let data = try options.existingStore().export()
            if let output {
                let url = OutputFiles.url(output)
                try OutputFiles.write(data, to: url, force: force)
                OutputFiles.report("wrote \(OutputFiles.name(url))", writing: url)
            } else {
                FileHandle.standardOutput.write(data)
                FileHandle.standardOutput.write(Data("\n".utf8))
            }
        }
    }
}
