import Foundation
import Testing

/// Reads a PDF with `qpdf --json` (installed by `make setup`).
public struct QPDFJSON {
    /// The parsed JSON (version 2).
    public let json: [String: Any]

    /// Runs `qpdf --json=2` on `pdf`; with `streams`, every stream's decoded data too.
    public init(_ pdf: Data, streams: Bool = false) throws {
        let folder = try temporaryFolder("qpdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("input.pdf")
        try pdf.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        process.arguments =
            ["--json=2"] + (streams ? ["--json-stream-data=inline", "--decode-level=all"] : [])
            + [file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "qpdf --json failed")
        json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A bookmark: its title and the bookmarks nested under it.
    public struct Bookmark: Equatable, Sendable {
        /// The text in the reader's outline panel.
        public var title: String
        /// The 1-based page it opens.
        public var page: Int?
        /// Nested bookmarks.
        public var kids: [Bookmark]
    }

    /// The document outline, top level first.
    public var outline: [Bookmark] {
        func read(_ value: Any?) -> [Bookmark] {
            (value as? [[String: Any]] ?? []).map { entry in
                Bookmark(
                    title: entry["title"] as? String ?? "",
                    page: entry["destpageposfrom1"] as? Int,
                    kids: read(entry["kids"])
                )
            }
        }
        return read(json["outlines"])
    }

    /// The targets of every URI link annotation, in object order.
    public var linkTargets: [String] {
        let objects = (json["qpdf"] as? [Any])?.dropFirst().first as? [String: Any] ?? [:]
        return objects.keys.sorted().compactMap { key -> String? in
            guard let value = (objects[key] as? [String: Any])?["value"] as? [String: Any],
                value["/Subtype"] as? String == "/Link",
                let action = value["/A"] as? [String: Any],
                let uri = action["/URI"] as? String
            else { return nil }
            return uri.hasPrefix("u:") || uri.hasPrefix("b:") ? String(uri.dropFirst(2)) : uri
        }
    }
}
