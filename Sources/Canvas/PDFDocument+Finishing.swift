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
/// where links go, and for PDF/A the metadata and output intent. Cairo's file is written once more
/// (``PDFUpdate``): its objects copied byte for byte, changed ones in their place, new ones after;
/// nothing drawn changes.
extension PDFDocument {
    /// The places Debian keeps an sRGB profile: `icc-profiles-free` (ICC v2), then `colord-data`.
    public static let colorProfilePaths = ["/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc"]

    /// Whether Cairo leaves page contents and ToUnicode maps uncompressed, to be compressed once by
    /// finishing after it has marked them (instead of inflated, marked and compressed again).
    ///
    /// Cairo 1.16 has no call for it, only the environment variable `CAIRO_DEBUG_PDF`, read when a
    /// surface is made; it is set once, by the first document, for the whole process. Every PDF
    /// then passes through ``finishing(_:)``, which compresses whatever Cairo left uncompressed.
    static let cairoLeavesStreamsUncompressed = setenv("CAIRO_DEBUG_PDF", "1", 1) == 0

    /// Sets the process up for PDFs; call it while the process has one thread.
    ///
    /// `setenv` is not safe while another thread reads the environment (Pango and fontconfig do),
    /// so a program that prints from several threads calls this first. Without it, the first
    /// document sets it.
    public static func prepareProcess() {
        _ = cairoLeavesStreamsUncompressed
    }

    /// `data` as Cairo wrote it, with what Cairo cannot write added and every stream compressed;
    /// unchanged for an untagged plain PDF with no language when Cairo compressed its streams.
    func finishing(_ data: [UInt8]) throws(CanvasError) -> Data {
        let archival = conformance == .pdfA3b || !attachments.isEmpty
        let links = recorder?.links.contains { !$0.isEmpty } ?? false
        let adds = hasStructure || !metadata.language.isEmpty || archival || links
        guard adds || Self.cairoLeavesStreamsUncompressed else { return Data(data) }
        let reader = try PDFObjectReader(file: data)
        var update = PDFUpdate(reader)
        if adds { try add(archival: archival, links: links, reader: reader, update: &update) }
        try compressStreams(reader: reader, update: &update)
        // Nothing can fail from here on, so a later call to `finish()` returns this file and needs no records again.
        recorder?.forget()
        return update.written()
    }

    /// Adds the language, title display, structure tree or artifact marks, link descriptions and
    /// for PDF/A the metadata and output intent to `update`.
    private func add(
        archival: Bool,
        links: Bool,
        reader: PDFObjectReader,
        update: inout PDFUpdate
    ) throws(CanvasError) {
        var catalog: [(key: String, value: String)] = [("ViewerPreferences", "<< /DisplayDocTitle true >>")]
        if !metadata.language.isEmpty { catalog.append(("Lang", PDFUpdate.string(metadata.language))) }
        let root = reader.dictionary(reader.root)
        if let recorder, hasStructure || links {
            catalog += try writeStructure(recorder, reader: reader, update: &update)
        } else if let root, reader.entry("StructTreeRoot", in: root) != nil {
            catalog.append(("MarkInfo", "<< /Marked true >>"))
            describeStructure(reader: reader, update: &update)
            try markArtifacts(reader: reader, update: &update)
        }
        describeLinks(reader: reader, update: &update)
        if let info = reader.info {
            update.set([("CreationDate", PDFUpdate.string(metadata.pdfDate))], in: info)
        }
        if archival { catalog += try self.archival(reader: reader, update: &update) }
        update.set(catalog, in: reader.root)
    }

    /// Compresses every stream Cairo left uncompressed that finishing did not write again: the
    /// page contents of a document without structure, the fonts' ToUnicode maps, groups and patterns.
    private func compressStreams(reader: PDFObjectReader, update: inout PDFUpdate) throws(CanvasError) {
        for number in 1..<reader.size where !update.changes(number) {
            guard reader.isWhereItSays(number), let stream = reader.stream(number),
                reader.entry("Filter", in: stream.dictionary) == nil
            else {
                continue
            }
            let kept = reader.entries(in: stream.dictionary).filter { $0.key != "Length" }
                .map { "/\($0.key) " + String(decoding: reader.bytes[$0.value], as: UTF8.self) }
            update.replaceStream(
                number,
                with: try Flate.deflate(reader.bytes[stream.data]),
                dictionary: (kept + ["/Filter /FlateDecode"]).joined(separator: " ")
            )
        }
    }

    /// Finds the figures and header cells among the structure elements: a figure gets its
    /// alternative text, a header cell its scope: `Column` in a row of header cells, `Row` beside
    /// data cells.
    ///
    /// Elements are read in object-number order, which is the order Cairo opened them in (it
    /// numbers an element when it is opened), so the n-th figure found is the n-th figure drawn.
    /// Only the start of each element's dictionary is read: a long statement has thousands.
    private func describeStructure(reader: PDFObjectReader, update: inout PDFUpdate) {
        var figures = figureTexts[...]
        let figure = Array("Figure".utf8)
        let headerCell = Array("TH".utf8)
        for number in 1..<reader.size {
            guard let type = reader.structureType(number) else { continue }
            if type.elementsEqual(figure) {
                if let text = figures.popFirst(), !text.isEmpty {
                    update.set([("Alt", PDFUpdate.string(text))], in: number)
                }
            } else if type.elementsEqual(headerCell), let element = reader.dictionary(number) {
                let row = reader.reference(reader.entry("P", in: element)).flatMap(reader.dictionary)
                let cells = row.map { reader.items(reader.entry("K", in: $0)).compactMap(reader.reference) } ?? []
                let rowOfHeaders = cells.allSatisfy { reader.structureType($0)?.elementsEqual(headerCell) == true }
                update.set([("A", "<< /O /Table /Scope /\(rowOfHeaders ? "Column" : "Row") >>")], in: number)
            }
        }
    }

    /// Marks what each page draws outside the structure tree as an artifact (``ArtifactMarking``).
    ///
    /// Its contents are inflated (when Cairo compressed them), marked and compressed. A page whose
    /// contents are not as Cairo writes them is left as it is.
    private func markArtifacts(reader: PDFObjectReader, update: inout PDFUpdate) throws(CanvasError) {
        for page in pages(reader) {
            guard let dictionary = reader.dictionary(page),
                let contents = reader.reference(reader.entry("Contents", in: dictionary)),
                let stream = reader.stream(contents)
            else { continue }
            let filter = reader.name(reader.entry("Filter", in: stream.dictionary))
            guard filter == nil || filter == "FlateDecode", reader.entry("DecodeParms", in: stream.dictionary) == nil
            else { continue }
            let data = reader.bytes[stream.data]
            let decoded = filter == nil ? Array(data) : try Flate.inflate(data)
            guard let marked = ArtifactMarking.marked(decoded) else { continue }
            update.replaceStream(contents, with: try Flate.deflate(marked[...]), dictionary: "/Filter /FlateDecode")
        }
    }

    /// A link says where it goes (`/Contents`, read by screen readers) and, for PDF/A, prints (`/F 4`).
    private func describeLinks(reader: PDFObjectReader, update: inout PDFUpdate) {
        for page in pages(reader) {
            guard let dictionary = reader.dictionary(page) else { continue }
            let annotations = reader.items(reader.entry("Annots", in: dictionary)).compactMap(reader.reference)
            for annotation in annotations {
                guard let link = reader.dictionary(annotation), reader.name(reader.entry("Subtype", in: link)) == "Link"
                else { continue }
                var entries: [(key: String, value: String)] = []
                if let action = reader.entry("A", in: link), reader.entry("Contents", in: link) == nil,
                    let target = reader.literal(reader.entry("URI", in: action))
                {
                    entries.append(("Contents", PDFUpdate.string(target)))
                }
                if conformance == .pdfA3b || !attachments.isEmpty { entries.append(("F", "4")) }
                if !entries.isEmpty { update.set(entries, in: annotation) }
            }
        }
    }

    /// The page objects in order, from the catalog's page tree.
    func pages(_ reader: PDFObjectReader) -> [Int] {
        var result: [Int] = []
        var pending =
            reader.dictionary(reader.root).flatMap { reader.reference(reader.entry("Pages", in: $0)) }
            .map { [$0] } ?? []
        while let node = pending.popLast() {
            guard let dictionary = reader.dictionary(node) else { continue }
            if let kids = reader.entry("Kids", in: dictionary) {
                pending += reader.items(kids).compactMap(reader.reference).reversed()
            } else {
                result.append(node)
            }
        }
        return result
    }

    /// Adds the XMP metadata (with `pdfaid` part 3, conformance B) and the sRGB output intent;
    /// returns the catalog's new entries.
    private func archival(
        reader: PDFObjectReader,
        update: inout PDFUpdate
    ) throws(CanvasError) -> [(key: String, value: String)] {
        guard let path = Self.colorProfilePaths.first(where: FileManager.default.fileExists(atPath:)),
            let profile = FileManager.default.contents(atPath: path)
        else { throw .colorProfileNotFound(searched: Self.colorProfilePaths) }
        guard let info = reader.info, let dictionary = reader.dictionary(info) else {
            throw PDFObjectReader.unreadable("it has no document information dictionary")
        }
        let producer = reader.literal(reader.entry("Producer", in: dictionary)) ?? "cairo"
        // The document information again, written by us so that it says exactly what the XMP says.
        var fields: [(key: String, value: String)] = [
            ("Producer", PDFUpdate.string(producer)), ("CreationDate", PDFUpdate.string(metadata.pdfDate)),
            ("ModDate", PDFUpdate.string(metadata.pdfDate)),
        ]
        for (key, value) in [
            ("Title", metadata.title), ("Author", metadata.author), ("Subject", metadata.subject),
            ("Keywords", metadata.keywords), ("Creator", metadata.creator),
        ] where !value.isEmpty {
            fields.append((key, PDFUpdate.string(value)))
        }
        update.set(fields, in: info)
        // PDF/A wants the CID-to-glyph map said even where it is the default (Cairo leaves it out).
        for number in 1..<reader.size {
            guard let object = reader.dictionary(number),
                reader.name(reader.entry("Subtype", in: object)) == "CIDFontType2",
                reader.entry("CIDToGIDMap", in: object) == nil
            else { continue }
            update.set([("CIDToGIDMap", "/Identity")], in: number)
        }
        let packet = XMPPacket(
            title: metadata.title,
            author: metadata.author,
            subject: metadata.subject,
            keywords: metadata.keywords,
            creatorTool: metadata.creator,
            producer: producer,
            date: metadata.xmpDate,
            extensions: attachments.compactMap(\.metadata)
        )
        let xmp = update.addStream(Data(packet.text.utf8), dictionary: "/Type /Metadata /Subtype /XML")
        let iccProfile = update.addStream(profile, dictionary: "/N 3")
        let intent = update.add(
            "/Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
                + "/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) /DestOutputProfile \(iccProfile) 0 R"
        )
        return [("Metadata", "\(xmp) 0 R"), ("OutputIntents", "[\(intent) 0 R]"), ("Version", "/1.7")]
            + attach(reader: reader, update: &update)
    }

    /// Embeds the attachments as PDF/A-3 associated files: an embedded file stream and a file
    /// specification each, listed in the catalog's `/AF` and in its `/Names` tree of embedded files
    /// (beside any names Cairo wrote); returns the catalog's new entries.
    private func attach(reader: PDFObjectReader, update: inout PDFUpdate) -> [(key: String, value: String)] {
        guard !attachments.isEmpty else { return [] }
        var specifications: [(name: String, number: Int)] = []
        for attachment in attachments {
            let file = update.addStream(
                attachment.data,
                dictionary: "/Type /EmbeddedFile /Subtype \(attachment.mimeName) "
                    + "/Params << /Size \(attachment.data.count) /ModDate \(PDFUpdate.string(metadata.pdfDate)) >>"
            )
            let name = PDFUpdate.string(attachment.name)
            let specification = update.add(
                "/Type /Filespec /F \(name) /UF \(name) /Desc \(PDFUpdate.string(attachment.description)) "
                    + "/AFRelationship /\(attachment.relationship) /EF << /F \(file) 0 R /UF \(file) 0 R >>"
            )
            specifications.append((attachment.name, specification))
        }
        let embedded =
            "<< /Names ["
            + specifications.sorted { $0.name < $1.name }
            .map { "\(PDFUpdate.string($0.name)) \($0.number) 0 R" }.joined(separator: " ") + "] >>"
        var names = "<< /EmbeddedFiles \(embedded) >>"
        if let root = reader.dictionary(reader.root), let existing = reader.entry("Names", in: root) {
            if let number = reader.reference(existing) {
                update.set([("EmbeddedFiles", embedded)], in: number)
                names = "\(number) 0 R"
            } else if reader.bytes[existing.lowerBound] == 0x3C {
                let kept = reader.entries(in: existing).filter { $0.key != "EmbeddedFiles" }
                    .map { "/\($0.key) " + String(decoding: reader.bytes[$0.value], as: UTF8.self) }
                names = "<< " + (kept + ["/EmbeddedFiles \(embedded)"]).joined(separator: " ") + " >>"
            }
        }
        return [("AF", "[" + specifications.map { "\($0.number) 0 R" }.joined(separator: " ") + "]"), ("Names", names)]
    }
}
