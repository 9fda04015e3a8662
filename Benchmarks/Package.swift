// swift-tools-version:6.2
// Ledgerprint's benchmarks: a package of its own so CI never builds it. Run with `make bench`.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which is whatever the clone was called.
let main = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "ledgerprint-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "ledgerprint-bench",
            dependencies: [
                .product(name: "Billing", package: main),
                .product(name: "HistoryStore", package: main),
                .product(name: "Documents", package: main),
                .product(name: "Canvas", package: main),
            ],
            swiftSettings: [.treatAllWarnings(as: .error)]
        )
    ]
)
