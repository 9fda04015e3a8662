import ArgumentParser
import Billing
import Canvas
import Documents
import Foundation
import HistoryStore
import PostgresStore

/// Options every command that touches the store takes.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The store: a file, or postgres://USER@HOST/DB (default: $LEDGERPRINT_STORE, else ./ledgerprint.sqlite)."
    )
    var store: String?

    @Option(
        name: .customLong("as"),
        help: "Who acts: a user's e-mail, rep:NAME for a vendor representative, or system."
    )
    var actor: String?

    @Option(name: .long, help: "The business date to act on, YYYY-MM-DD (default: $LEDGERPRINT_TODAY, else today).")
    var today: String?

    @Flag(name: .long, help: "Act on a --today more than a year from the clock's date (or set LEDGERPRINT_YES=1).")
    var yes = false

    var storePath: String {
        store ?? ProcessInfo.processInfo.environment["LEDGERPRINT_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "ledgerprint.sqlite"
    }

    /// Whether the store is a PostgreSQL database (`postgres://…`, `postgresql://…`), not a file.
    var isPostgres: Bool { PostgresLocation.isAddress(storePath) }

    /// The store: the SQLite file, or the PostgreSQL database (connecting and bringing its schema up
    /// to date, which creates it in an empty database).
    ///
    /// `connections` is how an SQLite store connects: one connection for a command that prints one
    /// document (``HistoryStore/SQLiteStore/Connections``).
    func openStore(connections: SQLiteStore.Connections = .pool) throws -> any BillingStore {
        isPostgres ? try PostgresStore(storePath) : try SQLiteStore(path: storePath, connections: connections)
    }

    /// The store, refusing a path where no store exists yet (only `init` and `import` create one).
    func existingStore(connections: SQLiteStore.Connections = .pool) throws -> any BillingStore {
        guard isPostgres || FileManager.default.fileExists(atPath: storePath) else {
            throw Failure(
                .notFound,
                "no store at \(storePath): run 'ledgerprint init' or 'ledgerprint import FILE' first, or pass --store"
            )
        }
        return try openStore(connections: connections)
    }

    func date() throws -> CalendarDate {
        if let text = today ?? ProcessInfo.processInfo.environment["LEDGERPRINT_TODAY"], !text.isEmpty {
            return try confirmed(CalendarDate(text))
        }
        return try Self.clockDate()
    }

    func who() throws -> Actor {
        guard let text = actor ?? ProcessInfo.processInfo.environment["LEDGERPRINT_ACTOR"], !text.isEmpty else {
            throw Failure(.usage, "say who acts with --as EMAIL or --as rep:NAME (or set LEDGERPRINT_ACTOR)")
        }
        return try Actor(parsing: text)
    }
}

/// Options of commands that print documents.
struct PrintOptions: ParsableArguments {
    @Option(name: .long, help: "The template folder (default: $LEDGERPRINT_TEMPLATES, else ./Templates).")
    var templates: String?

    @Option(name: .long, help: "The language to print in: it, en or de (default: the account's).")
    var locale: String?

    @Flag(
        help:
            "Make warnings errors: a character no installed font has fails the document instead of printing as a box."
    )
    var strict = false

    @Flag(
        help:
            "Write PDFs as PDF/A-3b, for archiving: XMP metadata, an embedded sRGB colour profile (`archive` always does)."
    )
    var pdfa = false

    func templateFolder() -> URL {
        let path =
            templates ?? ProcessInfo.processInfo.environment["LEDGERPRINT_TEMPLATES"].flatMap { $0.isEmpty ? nil : $0 }
        if let path { return URL(fileURLWithPath: path) }
        return Self.defaultTemplateFolder()
    }

    /// `Templates/` found from the working folder, else from the executable, upwards, else where
    /// `make install` puts it (`PREFIX/share/ledgerprint/Templates` beside `PREFIX/bin/ledgerprint`).
    static func defaultTemplateFolder() -> URL {
        search("Templates") ?? search("Templates", from: executableFolder) ?? installedFile("Templates")
            ?? URL(fileURLWithPath: "Templates")
    }

    /// The folder `make install` puts the templates and fonts in, relative to the installed executable.
    static var installedDataFolder: URL {
        executableFolder.deletingLastPathComponent().appendingPathComponent("share/ledgerprint")
    }

    /// `name` inside ``installedDataFolder``, if it is there.
    static func installedFile(_ name: String) -> URL? {
        let candidate = installedDataFolder.appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// The folder of the running executable, links resolved: a build folder inside the repository.
    static var executableFolder: URL {
        URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    func language() throws -> String? {
        guard let locale else { return nil }
        guard DocumentLanguage.named(locale) != nil else {
            throw Failure(.usage, "unknown --locale '\(locale)': use \(DocumentLanguage.codeList)")
        }
        return locale
    }

    /// The project's fonts: `$LEDGERPRINT_FONTS`, else `Fonts/` found from the working folder, the
    /// template folder or the executable upwards, so `ledgerprint` works from any folder.
    func fonts() throws -> FontLibrary { try Self.fonts(templateFolder: templateFolder()) }

    static func fonts(templateFolder: URL) throws -> FontLibrary {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["LEDGERPRINT_FONTS"], !configured.isEmpty { return try FontLibrary.locate() }
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath), templateFolder.deletingLastPathComponent(),
            executableFolder, installedDataFolder,
        ]
        var firstError: (any Error)?
        for start in starts {
            do {
                return try FontLibrary.locate(environment: [:], from: start)
            } catch {
                firstError = firstError ?? error
            }
        }
        throw firstError ?? Failure(.notFound, "Fonts/fonts.conf not found; set LEDGERPRINT_FONTS")
    }

    /// A renderer over the templates, with the fonts loaded when a PDF first needs them (``FontLoading``): HTML
    /// needs none, and a missing `Fonts/` is reported when a PDF needs them.
    func renderer() throws -> DocumentRenderer {
        let folder = templateFolder()
        let fonts = FontLoading { try Self.fonts(templateFolder: folder) }
        let renderer = DocumentRenderer(templates: try TemplateSet(folder: folder), loadingFonts: fonts)
        if pdfa { renderer.pdfConformance = .pdfA3b }
        return renderer
    }

    /// `name` in the working folder or the nearest folder above that has it.
    static func search(_ name: String, from start: URL? = nil) -> URL? {
        var folder = start ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}

/// `--format table|csv|json` for listings.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json

    static var allValueStrings: [String] { rawValueStrings }
    static var allValueDescriptions: [String: String] { [:] }
}

extension DocumentFormat: ExpressibleByArgument {
    public static var allValueStrings: [String] { rawValueStrings }
    public static var allValueDescriptions: [String: String] { [:] }
}

/// The values an option of this type takes, for its help and completions: its raw values, as ArgumentParser's
/// defaults list them.
///
/// Each `CaseIterable` option type of ours says so itself (`allValueStrings`, `allValueDescriptions`):
/// ArgumentParser's defaults for them map a key path (a type made from its mangled name: one scan of the
/// binary's 10,634 conformance records) and compare descriptions, 0.8 M instructions for `invoices print`'s
/// `--format` at every parse (issue 22, docs/performance.md "start31, session 16"). No value of ours has a
/// description besides its raw value.
extension CaseIterable where Self: RawRepresentable, RawValue == String {
    static var rawValueStrings: [String] { allCases.map { $0.rawValue } }
}
