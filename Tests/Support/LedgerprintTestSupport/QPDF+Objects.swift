import Foundation

/// The objects of a PDF as `qpdf --json=2` lists them: the catalog, structure elements, streams.
extension QPDFJSON {
    /// Every object by its reference ("12 0 R"): a dictionary's entries, or a stream's dictionary
    /// with its data under "stream".
    public var objects: [String: [String: Any]] {
        let listed = (json["qpdf"] as? [Any])?.dropFirst().first as? [String: Any] ?? [:]
        var objects: [String: [String: Any]] = [:]
        for (key, value) in listed {
            guard key.hasPrefix("obj:"), let object = value as? [String: Any] else { continue }
            let reference = String(key.dropFirst(4))
            if let dictionary = object["value"] as? [String: Any] {
                objects[reference] = dictionary
            } else if let stream = object["stream"] as? [String: Any] {
                var dictionary = stream["dict"] as? [String: Any] ?? [:]
                dictionary["stream"] = stream["data"]
                objects[reference] = dictionary
            }
        }
        return objects
    }

    /// The trailer dictionary.
    public var trailer: [String: Any] {
        let listed = (json["qpdf"] as? [Any])?.dropFirst().first as? [String: Any] ?? [:]
        return (listed["trailer"] as? [String: Any])?["value"] as? [String: Any] ?? [:]
    }

    /// `value` with an indirect reference followed to its dictionary.
    public func resolve(_ value: Any?) -> [String: Any]? {
        if let reference = value as? String, reference.hasSuffix(" R") { return objects[reference] }
        return value as? [String: Any]
    }

    /// The document catalog.
    public var catalog: [String: Any] { resolve(trailer["/Root"]) ?? [:] }

    /// The text of a PDF string as qpdf writes it in JSON ("u:…" for text, "b:…" for bytes).
    public static func text(_ value: Any?) -> String? {
        guard let string = value as? String else { return nil }
        return string.hasPrefix("u:") || string.hasPrefix("b:") ? String(string.dropFirst(2)) : string
    }

    /// The structure elements of type `type` ("Figure", "TH"), in object order.
    public func structureElements(_ type: String) -> [[String: Any]] {
        objects.keys.sorted { $0.localizedStandardCompare($1) == .orderedAscending }.compactMap { key in
            guard let object = objects[key], object["/S"] as? String == "/" + type, object["/P"] != nil else {
                return nil
            }
            return object
        }
    }

    /// The structure elements of type `type`, in reading order: depth first from the structure tree root.
    public func structureElementsInReadingOrder(_ type: String) -> [[String: Any]] {
        var found: [[String: Any]] = []
        func visit(_ value: Any?) {
            if let items = value as? [Any] {
                items.forEach(visit)
                return
            }
            guard let element = resolve(value), element["/S"] != nil || element["/Type"] as? String == "/StructTreeRoot"
            else { return }
            if element["/S"] as? String == "/" + type { found.append(element) }
            visit(element["/K"])
        }
        visit(catalog["/StructTreeRoot"])
        return found
    }

    /// A stream's data, decoded (`qpdf --json=2 --json-stream-data=inline` lists it in base 64).
    public func streamText(_ reference: Any?) -> String? {
        guard let reference = reference as? String, let data = objects[reference]?["stream"] as? String,
            let bytes = Data(base64Encoded: data)
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Runs `tool` (`qpdf`, `pdftoppm`, `xmllint`) with `arguments` on `pdf` written to a file and returns its
/// exit status and standard output (bytes: `pdftoppm` writes images).
public func runTool(_ tool: String, _ arguments: [String], on pdf: Data) throws -> (status: Int32, output: Data) {
    let folder = try temporaryFolder("tool")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("input.pdf")
    try pdf.write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
    process.arguments = arguments + [file.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// What `qpdf --check` finds wrong with `pdf`; empty when it finds nothing.
public func qpdfProblems(_ pdf: Data) throws -> String {
    let (status, output) = try runTool("qpdf", ["--check"], on: pdf)
    return status == 0 ? "" : String(decoding: output, as: UTF8.self)
}

/// Page `page` of `pdf` drawn by poppler at 40 dpi, as PNG bytes: equal bytes, equal pictures.
public func pagePicture(_ pdf: Data, page: Int = 1) throws -> Data {
    try runTool("pdftoppm", ["-png", "-r", "40", "-f", "\(page)", "-l", "\(page)", "-singlefile"], on: pdf).output
}
