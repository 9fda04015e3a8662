import Foundation

/// The standard a finished PDF is made to meet, beyond the tagged PDF every document is.
public enum PDFConformance: String, Sendable, Hashable, Codable {
    /// An ordinary PDF 1.5.
    case plain
    /// PDF/A-3b for long-term archiving: XMP metadata agreeing with the document information, an
    /// sRGB output intent, embedded fonts, a file identifier, printable link annotations.
    case pdfA3b
}

/// What is added after Cairo writes the file (Cairo 1.16 cannot write it): the document's language,
/// the title shown in the reader's title bar, alternative text of figures, the scope of header cells,
/// and for PDF/A the metadata and output intent. qpdf opens the file, edits these objects and writes
/// it again; nothing drawn changes.
extension PDFDocument {
    /// The places Debian keeps an sRGB profile: `icc-profiles-free` (ICC v2), then `colord-data`.
    public static let colorProfilePaths = ["/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc"]

    /// `data` as Cairo wrote it, with what Cairo cannot write added; unchanged for an untagged
    /// plain PDF with no language.
    func finishing(_ data: Data) throws(CanvasError) -> Data {
        guard hasStructure || !metadata.language.isEmpty || conformance == .pdfA3b else { return data }
        let file = try QPDFFile(data)
        let root = file.root
        if !metadata.language.isEmpty { file.set(root, "Lang", file.string(metadata.language)) }
        file.set(root, "ViewerPreferences", file.parse("<< /DisplayDocTitle true >>"))
        if let tree = file.value(root, "StructTreeRoot") {
            file.set(root, "MarkInfo", file.parse("<< /Marked true >>"))
            var figures = figureTexts[...]
            Self.describe(tree, in: file, figures: &figures)
        }
        let info = file.value(file.trailer, "Info")
        if let info { file.set(info, "CreationDate", file.string(metadata.pdfDate)) }
        for page in file.pages {
            for annotation in file.value(page, "Annots").map(file.items) ?? [] {
                describe(annotation: annotation, in: file)
            }
        }
        if conformance == .pdfA3b {
            guard let info else { throw .pdfEditing(operation: "make a PDF/A file", reason: "it has no /Info") }
            try makeArchival(file, info: info)
        }
        return try file.write(minimumVersion: conformance == .pdfA3b ? "1.7" : "1.5")
    }

    /// Walks the structure tree: a figure gets its alternative text (in the order figures were
    /// opened), a header cell its scope: `Column` in a row of header cells, `Row` beside data cells.
    private static func describe(
        _ element: QPDFFile.Object,
        in file: QPDFFile,
        figures: inout ArraySlice<String>
    ) {
        guard let kids = file.value(element, "K") else { return }
        let children = file.items(kids).filter { file.isDictionary($0) && file.value($0, "S") != nil }
        let types = children.map { file.value($0, "S").flatMap(file.name) }
        let rowOfHeaders = types.allSatisfy { $0 == "TH" }
        for (child, type) in zip(children, types) {
            switch type {
            case "Figure":
                if let text = figures.popFirst(), !text.isEmpty { file.set(child, "Alt", file.string(text)) }
            case "TH" where file.value(child, "A") == nil:
                let scope = rowOfHeaders ? "Column" : "Row"
                file.set(child, "A", file.parse("<< /O /Table /Scope /\(scope) >>"))
            default: break
            }
            describe(child, in: file, figures: &figures)
        }
    }

    /// A link says where it goes (`/Contents`, read by screen readers) and, for PDF/A, prints (`/F 4`).
    private func describe(annotation: QPDFFile.Object, in file: QPDFFile) {
        guard file.value(annotation, "Subtype").flatMap(file.name) == "Link" else { return }
        if file.value(annotation, "Contents") == nil,
            let target = file.value(annotation, "A").flatMap({ file.value($0, "URI") }).flatMap(file.text)
        {
            file.set(annotation, "Contents", file.string(target))
        }
        if conformance == .pdfA3b { file.set(annotation, "F", file.parse("4")) }
    }

    /// Adds the XMP metadata (with `pdfaid` part 3, conformance B) and the sRGB output intent.
    private func makeArchival(_ file: QPDFFile, info: QPDFFile.Object) throws(CanvasError) {
        guard let path = Self.colorProfilePaths.first(where: FileManager.default.fileExists(atPath:)),
            let profile = FileManager.default.contents(atPath: path)
        else { throw .colorProfileNotFound(searched: Self.colorProfilePaths) }
        func entry(_ key: String) -> String { file.value(info, key).flatMap(file.text) ?? "" }
        file.set(info, "ModDate", file.string(metadata.pdfDate))
        let packet = XMPPacket(
            title: entry("Title"),
            author: entry("Author"),
            subject: entry("Subject"),
            keywords: entry("Keywords"),
            creatorTool: entry("Creator"),
            producer: entry("Producer"),
            date: metadata.xmpDate
        )
        let root = file.root
        file.set(
            root,
            "Metadata",
            file.stream(Data(packet.text.utf8), dictionary: "/Type /Metadata /Subtype /XML")
        )
        let iccStream = file.stream(profile, dictionary: "/N 3")
        let intent = file.parse(
            "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
                + "/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>"
        )
        file.set(intent, "DestOutputProfile", iccStream)
        let intents = file.parse("[]")
        file.append(intent, to: intents)
        file.set(root, "OutputIntents", intents)
    }
}
