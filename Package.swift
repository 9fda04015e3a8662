// swift-tools-version:6.2
import Foundation
import PackageDescription

/// Generic types such as `KeyedDecodingContainer<CodingKeys>` or `Set<DocumentNumber>` are made by
/// calling their metadata accessor with the conformances the compiler already knows, not from a
/// mangled name.
///
/// Issue 22, docs/performance.md "Session 12": from a mangled name, the Swift runtime checks each
/// generic requirement (`CodingKeys: CodingKey`, `DocumentNumber: Hashable`) by scanning all of the
/// static binary's 10,600 conformance records, about 230,000 instructions for each type the first time
/// it is made; printing one invoice made about 70 such types of ours.
let directTypeMetadata: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
]

/// A release build puts each of our functions in a section of its own, so that the linker can place the
/// functions printing runs side by side.
///
/// Issue 22, docs/performance.md "Session 13": `make release` links the executable a second time with the
/// list `Scripts/hot-functions.sh` makes; one section for a whole file would move the file's cold code too.
let functionSections: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))
]

/// Our own targets build with every warning as an error; test targets too.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)] + directTypeMetadata + functionSections

/// How the release executable is linked: by lld, with its relative relocations packed.
///
/// Issue 22, docs/performance.md: LLVM's lld ships with the Swift toolchain; packed relocations
/// (`DT_RELR`) need glibc 2.36 or later. The dynamic loader then reads 19 KB of relocations instead of 2.3 MB at every start,
/// and printing one invoice takes 5 MB less memory (49 → 44 MB peak) for the same CPU time.
///
/// `--no-export-dynamic` (session 12) takes back the `-export-dynamic` that `--static-swift-stdlib` links
/// with: nothing loads the executable's 36,000 symbols by name, and the runtime's `dladdr` at start read
/// them all (1.1 M instructions).
///
/// `-static-stdlib` (session 13) links the Swift runtime and Foundation into the executable, as
/// `--static-swift-stdlib` did, but only at the link, so the objects are the ones a release build
/// compiles anyway: CI builds once, tests that build (`make test TEST_BUILD=release`) and installs its
/// binary. `--static-swift-stdlib` also compiled with the static modules, whose objects ask the linker
/// for Foundation's own libraries; at the link alone they are named here (the four `-l` below, the
/// libraries in the toolchain's `usr/lib/swift_static/linux`). `Tests/install-check.sh` fails if the
/// binary still needs a library of the toolchain.
let releaseLinking: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
        .when(configuration: .release)
    ),
    .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(configuration: .release)),
    .unsafeFlags(
        ["-static-stdlib", "-lCoreFoundation", "-l_FoundationCShims", "-l_FoundationCollections", "-l_FoundationICU"],
        .when(configuration: .release)
    ),
]

/// The header folders of Cairo, Pango and fontconfig, as pkg-config gives them (`-isystem`, so their
/// warnings are not ours).
///
/// Issue 22, docs/performance.md "Session 11": `CPangoCairo` loads these libraries with `dlopen`
/// the first time something is drawn instead of linking them, so that a command that draws nothing
/// does not pay the dynamic loader for them at start. A `systemLibrary` target's `pkgConfig` would
/// also link them (SwiftPM puts pkg-config's `-l` flags on every link), so the manifest asks
/// pkg-config for the headers only.
let graphicsHeaders: [String] = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pkg-config", "--cflags-only-I", "pangocairo", "pangoft2", "fontconfig"]
    let output = Pipe()
    process.standardOutput = output
    guard (try? process.run()) != nil else { return [] }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: " ").filter { $0.hasPrefix("-I") }
        .flatMap { ["-isystem", String($0.dropFirst(2)).trimmingCharacters(in: .whitespacesAndNewlines)] }
}()

let package = Package(
    name: "ledgerprint",
    platforms: [.macOS(.v15)],  // Linux is the target; this only lets the package open on a laptop.
    products: [
        .executable(name: "ledgerprint", targets: ["ledgerprint"]),
        .library(name: "Billing", targets: ["Billing"]),
        .library(name: "Canvas", targets: ["Canvas"]),
        .library(name: "HistoryStore", targets: ["HistoryStore"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "EInvoice", targets: ["EInvoice"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The Billing Center's web server (`ledgerprint serve`) and its password hashing; no optional traits.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // NIOEmbedded only: the channel a test request context names (Tests/BillingCenterTests/WebClient.swift).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Cairo, Pango, GLib and fontconfig's C API for Canvas, loaded when first drawn (headers from
        // Debian's libcairo2-dev, libpango1.0-dev and libfontconfig-dev).
        .target(
            name: "CPangoCairo",
            cSettings: [
                .unsafeFlags(graphicsHeaders + ["-fvisibility=hidden", "-Wall", "-Wmissing-prototypes", "-Werror"])
            ]
        ),
        .target(
            name: "Canvas",
            dependencies: ["CPangoCairo"],
            swiftSettings: strict + [.unsafeFlags(graphicsHeaders.flatMap { ["-Xcc", $0] })]
        ),
        .target(name: "Billing", swiftSettings: strict),
        // The event log's JSON form (import and export files, the log's payloads) and its codec.
        .target(name: "EventLog", dependencies: ["Billing"], swiftSettings: strict),
        .target(
            name: "HistoryStore",
            dependencies: [
                "Billing", "EventLog", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .target(name: "Markup", swiftSettings: strict),
        .target(name: "EInvoice", dependencies: ["Billing"], swiftSettings: strict),
        .target(name: "Layout", dependencies: ["Markup", "Canvas"], swiftSettings: strict),
        .target(
            name: "Documents",
            dependencies: [
                "Billing", "Markup", "Layout", "Canvas", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // Issued documents as they print now and their e-invoices, for the CLI and the Billing Center alike.
        .target(
            name: "IssuedDocuments",
            dependencies: ["Billing", "HistoryStore", "Documents", "EInvoice", "Canvas", "Mailer"],
            swiftSettings: strict
        ),
        // E-mail: MIME messages and the SMTP dialogue with a relay; TLS through libssl, loaded only to send.
        .target(name: "Mailer", swiftSettings: strict),
        // The web Billing Center: sign-in, sessions and the customer's pages over the store.
        .target(
            name: "BillingCenter",
            dependencies: [
                "Billing", "HistoryStore", "Documents", "EInvoice", "Canvas", "IssuedDocuments",
                "Mailer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "ledgerprint",
            dependencies: [
                "Billing", "HistoryStore", "Documents", "Canvas", "EInvoice", "BillingCenter", "IssuedDocuments",
                "Mailer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "PostgresStore",
            ],
            swiftSettings: strict,
            linkerSettings: releaseLinking
        ),
        // Each module gets its test target with its first tests.
        .testTarget(
            name: "CanvasTests",
            dependencies: ["Canvas", "LedgerprintTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "BillingTests", dependencies: ["Billing"], swiftSettings: strict),
        .testTarget(name: "MarkupTests", dependencies: ["Markup"], swiftSettings: strict),
        .testTarget(name: "MailerTests", dependencies: ["Mailer", "LedgerprintTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "EventLogTests",
            dependencies: ["EventLog", "Billing", "LedgerprintTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EInvoiceTests",
            dependencies: ["EInvoice", "Billing", "HistoryStore", "LedgerprintTestSupport"],
            exclude: ["Schemas"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "DocumentsTests",
            dependencies: [
                "Documents", "Billing", "Canvas", "HistoryStore", "LedgerprintTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LayoutTests",
            dependencies: ["Layout", "Markup", "Canvas", "LedgerprintTestSupport"],
            exclude: ["Fixtures", "__Snapshots__"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "HistoryStoreTests",
            dependencies: [
                "HistoryStore", "Billing", "StoreProbe", "LedgerprintTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                "PostgresStore",
            ],
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        // Not on the `ledgerprint` target: the tests run the built program as a process, and a dependency
        // would link the executable's objects, with its release link flags (`-static-stdlib`), into the
        // test runner, which links Swift Testing's shared libraries.
        .testTarget(
            name: "ledgerprintTests",
            dependencies: [
                "LedgerprintTestSupport", "Billing", "HistoryStore", "Mailer", "PostgresStore",
                "Documents", "BillingCenter",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "BillingCenterTests",
            dependencies: [
                "BillingCenter", "Billing", "HistoryStore", "Canvas", "LedgerprintTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                "PostgresStore",
            ],
            swiftSettings: strict
        ),
        // The store on a PostgreSQL server (issue 21): libpq, loaded with dlopen on first use.
        .target(name: "PostgresStore", dependencies: ["Billing", "HistoryStore"], swiftSettings: strict),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: ["PostgresStore", "HistoryStore", "Billing", "EventLog", "LedgerprintTestSupport"],
            swiftSettings: strict
        ),
        // Helpers shared by the test targets: golden files, poppler, temporary folders.
        .target(
            name: "LedgerprintTestSupport",
            path: "Tests/Support/LedgerprintTestSupport",
            swiftSettings: strict
        ),
        // A second process for the store's concurrency tests; not part of the product.
        .executableTarget(
            name: "StoreProbe",
            dependencies: ["HistoryStore", "Billing"],
            path: "Tests/Support/StoreProbe",
            swiftSettings: strict
        ),
    ]
)
