import EInvoice
import Foundation
import LedgerprintTestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The official FatturaPA 1.2.2 schema, copied beside the tests (see Schemas/README.md).
let fatturaPASchema = repositoryRoot.appendingPathComponent(
    "Tests/EInvoiceTests/Schemas/fatturapa-1.2.2/Schema_del_file_xml_FatturaPA_v1.2.2.xsd"
)

/// What `xmllint --schema` said of a file: whether it validates, and its messages.
struct SchemaVerdict {
    var valid: Bool
    var messages: String
}

/// Validates `xml` against the FatturaPA schema with `xmllint`, offline.
func validate(_ xml: String, name: String = "invoice.xml") throws -> SchemaVerdict {
    let folder = try temporaryFolder("fatturapa")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(name)
    try Data(xml.utf8).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
    process.arguments = ["--noout", "--nonet", "--schema", fatturaPASchema.path, file.path]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return SchemaVerdict(valid: process.terminationStatus == 0, messages: String(decoding: data, as: UTF8.self))
}

/// A parsed FatturaPA file, read the way a tax office's software reads it: by element path.
struct ParsedFattura {
    let document: XMLDocument

    init(_ xml: String) throws { document = try XMLDocument(data: Data(xml.utf8), options: []) }

    /// The text of every element at `path`, such as "//DatiRiepilogo/Imposta".
    func values(_ path: String) throws -> [String] {
        try document.nodes(forXPath: path).map { $0.stringValue ?? "" }
    }

    /// The text of the one element at `path`.
    func value(_ path: String) throws -> String? {
        let found = try values(path)
        #expect(found.count <= 1, "\(path) appears \(found.count) times")
        return found.first
    }

    /// The sum of the amounts at `path`, in cents.
    func cents(_ path: String) throws -> Int64 {
        try values(path).reduce(0) { sum, text in
            let parts = text.split(separator: ".")
            let whole = Int64(parts[0]) ?? 0
            let fraction = Int64(parts.count > 1 ? parts[1] : "0") ?? 0
            return sum + (text.hasPrefix("-") ? whole * 100 - fraction : whole * 100 + fraction)
        }
    }
}
