import ArgumentParser
import Foundation
import HistoryStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Creates an empty store (or checks and migrates an existing one).",
        discussion: "Example:\n  ledgerprint init --store billing.sqlite"
    )

    @OptionGroup var options: StoreOptions

    func run() throws {
        try ledgerprint.run {
            let store = try options.openStore()
            print("store ready: \(store.location)")
        }
    }
}

struct ImportCommand: ParsableCommand {
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
            let existed = FileManager.default.fileExists(atPath: options.storePath)
            do {
                let summary = try options.openStore().importFiles(loaded)
                print(
                    "imported \(summary.events) events: \(summary.invoices) invoices and \(summary.creditNotes) credit notes issued"
                )
            } catch {
                // A store this import created is removed again: a failed import leaves nothing behind.
                if !existed {
                    for suffix in ["", "-wal", "-shm"] {
                        try? FileManager.default.removeItem(atPath: options.storePath + suffix)
                    }
                }
                throw error
            }
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
