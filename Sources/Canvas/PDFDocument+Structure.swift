import Foundation

/// The structure tree written after Cairo (``StructureWriting/afterCairo``): Cairo draws the pages
/// untagged, and finishing (the rewrite of Cairo's file) marks each page's contents (``StructureMarking``) and adds
/// the tree itself — the structure tree root, one element per recorded element with its marked
/// content (MCIDs), the parent tree that maps each page's MCIDs and each link back to their
/// elements, the pages' `/StructParents`, and the link annotations with their `Link` elements.
extension PDFDocument {
    /// Marks the pages and writes the tree recorded in `recorder`; returns the catalog's new entries.
    ///
    /// A document drawn without structure elements gets only its link annotations.
    ///
    /// - Throws: ``CanvasError/structureNotTraced(page:)`` when a page's contents do not match
    ///   what was recorded for it (the caller draws the document again with Cairo's tags).
    func writeStructure(
        _ recorder: StructureRecorder,
        reader: PDFObjectReader,
        update: inout PDFUpdate
    ) throws(CanvasError) -> [(key: String, value: String)] {
        let pageNumbers = pages(reader)
        guard pageNumbers.count == recorder.segments.count else { throw .structureNotTraced(page: 1) }
        guard hasStructure else {
            writeLinks(recorder, pageNumbers: pageNumbers, update: &update)
            return []
        }
        if recorder.untraceable != nil { throw .structureNotTraced(page: 1) }
        let elements = recorder.elements
        // Which MCIDs each segment got, and which element each MCID belongs to, page by page.
        var mcidsOfSegment: [MCIDsOfSegments] = []
        var ownerOfMCID: [[Int]] = []
        var widths: [Int: Int] = [:]
        for (index, page) in pageNumbers.enumerated() {
            let segments = recorder.segments[index]
            guard let dictionary = reader.dictionary(page),
                let contents = reader.reference(reader.entry("Contents", in: dictionary)),
                let stream = reader.stream(contents)
            else { throw .structureNotTraced(page: index + 1) }
            let filter = reader.name(reader.entry("Filter", in: stream.dictionary))
            guard filter == nil || filter == "FlateDecode", reader.entry("DecodeParms", in: stream.dictionary) == nil
            else { throw .structureNotTraced(page: index + 1) }
            let data = reader.bytes[stream.data]
            let decoded = filter == nil ? Array(data) : try Flate.inflate(data)
            let fonts = glyphWidths(reader: reader, page: dictionary, cache: &widths)
            guard
                let marked = StructureMarking.marked(
                    decoded,
                    segments: segments,
                    bytesPerGlyph: { fonts[Array($0)] },
                    type: { elements[$0].tag?.rawValue ?? "Link" }
                )
            else { throw .structureNotTraced(page: index + 1) }
            update.replaceStream(
                contents,
                with: try Flate.deflate(marked.content[...]),
                dictionary: "/Filter /FlateDecode"
            )
            mcidsOfSegment.append(MCIDsOfSegments(marked.segmentOfMCID, segments: segments.count))
            ownerOfMCID.append(marked.segmentOfMCID.map { segments[$0].owner })
        }
        let numbers = elements.map { _ in update.reserve() }
        let treeRoot = update.reserve()
        let parentTree = update.reserve()
        let annotations = recorder.links.map { $0.map { _ in update.reserve() } }
        for (index, element) in elements.enumerated() {
            update.put(numbers[index]) { text in
                writeElement(
                    index,
                    of: recorder,
                    parent: element.parent >= 0 ? numbers[element.parent] : treeRoot,
                    numbers: numbers,
                    pageNumbers: pageNumbers,
                    mcids: mcidsOfSegment,
                    annotations: annotations,
                    to: &text
                )
            }
        }
        // The links' entries in the parent tree, after the pages' (each link's key, its element's number).
        var linkParents: [(key: Int, element: Int)] = []
        var key = pageNumbers.count
        for (page, links) in recorder.links.enumerated() {
            var entries: [(key: String, value: String)] = [("StructParents", "\(page)")]
            if !links.isEmpty {
                let height = recorder.pageHeights[page]
                for (index, link) in links.enumerated() {
                    update.put(
                        annotations[page][index],
                        dictionary: annotation(link, height: height, structParent: key)
                    )
                    linkParents.append((key, numbers[link.element]))
                    key += 1
                }
                entries.append(("Annots", "[" + annotations[page].map { "\($0) 0 R" }.joined(separator: " ") + "]"))
                entries.append(("Tabs", "/S"))
            }
            update.set(entries, in: pageNumbers[page])
        }
        // The parent tree: each page's MCIDs in order (its `/StructParents` is its index), then the links.
        update.put(parentTree) { text in
            text.appendPDF("/Nums [")
            for (page, owners) in ownerOfMCID.enumerated() {
                if page > 0 { text.append(0x20) }
                text.appendPDF(integer: page)
                text.appendPDF(" [")
                for (index, owner) in owners.enumerated() {
                    if index > 0 { text.append(0x20) }
                    text.appendPDF(reference: numbers[owner])
                }
                text.append(0x5D)
            }
            for (key, element) in linkParents {
                text.append(0x20)
                text.appendPDF(integer: key)
                text.append(0x20)
                text.appendPDF(reference: element)
            }
            text.append(0x5D)
        }
        let roots = elements.indices.filter { elements[$0].parent < 0 }.map { "\(numbers[$0]) 0 R" }
        update.put(
            treeRoot,
            dictionary: "/Type /StructTreeRoot /K [" + roots.joined(separator: " ") + "] /ParentTree \(parentTree) 0 R "
                + "/ParentTreeNextKey \(key)"
        )
        return [("StructTreeRoot", "\(treeRoot) 0 R"), ("MarkInfo", "<< /Marked true >>")]
    }

    /// The link annotations of a document without structure elements.
    private func writeLinks(_ recorder: StructureRecorder, pageNumbers: [Int], update: inout PDFUpdate) {
        for (page, links) in recorder.links.enumerated() where !links.isEmpty {
            let numbers = links.map { link in
                update.add(annotation(link, height: recorder.pageHeights[page], structParent: nil))
            }
            update.set(
                [("Annots", "[" + numbers.map { "\($0) 0 R" }.joined(separator: " ") + "]")],
                in: pageNumbers[page]
            )
        }
    }

    /// A link annotation's dictionary: its area in PDF coordinates (from the bottom of a page
    /// `height` high), no border, where it goes (also as `/Contents`, read by screen readers), its
    /// key in the parent tree, and for PDF/A the print flag.
    private func annotation(_ link: StructureRecorder.Link, height: Double, structParent: Int?) -> String {
        let area = link.area
        let rect = [area.x, height - area.y - area.height, area.x + area.width, height - area.y]
            .map(PDFDocument.number).joined(separator: " ")
        let url = PDFUpdate.string(link.url)
        return "/Type /Annot /Subtype /Link /Rect [\(rect)] /BS << /W 0 >> /A << /Type /Action /S /URI /URI \(url) >> "
            + "/Contents \(url)" + (structParent.map { " /StructParent \($0)" } ?? "")
            + (conformance == .pdfA3b || !attachments.isEmpty ? " /F 4" : "")
    }

    /// Writes the dictionary of structure element `index` of `recorder` to `text`: its type (`/Type /StructElem
    /// /S /TD`), parent, page, kids (elements, MCIDs, the link annotation), a figure's `/Alt`, a header cell's
    /// `/Scope` (`Column` in a row of header cells, `Row` beside data cells).
    ///
    /// Written as bytes, not strings: a 400-row statement has some three thousand elements.
    private func writeElement(
        _ index: Int,
        of recorder: StructureRecorder,
        parent: Int,
        numbers: [Int],
        pageNumbers: [Int],
        mcids: [MCIDsOfSegments],
        annotations: [[Int]],
        to text: inout [UInt8]
    ) {
        let element = recorder.elements[index]
        var page: Int?
        for kid in recorder.kids(of: index) {
            switch kid {
            case .content(let at, let segment) where !mcids[at][segment].isEmpty: page = at
            case .link(let at, _): page = at
            default: continue
            }
            break
        }
        text.appendPDF("/Type /StructElem /S /")
        if let tag = element.tag { text.append(contentsOf: tag.rawValue.utf8) } else { text.appendPDF("Link") }
        text.appendPDF(" /P ")
        text.appendPDF(reference: parent)
        if let page {
            text.appendPDF(" /Pg ")
            text.appendPDF(reference: pageNumbers[page])
        }
        if element.firstKid >= 0 {
            text.appendPDF(" /K [")
            var first = true
            func separate() {
                if !first { text.append(0x20) }
                first = false
            }
            for kid in recorder.kids(of: index) {
                switch kid {
                case .element(let index):
                    separate()
                    text.appendPDF(reference: numbers[index])
                case .content(let at, let segment):
                    for mcid in mcids[at][segment] {
                        separate()
                        if at == page {
                            text.appendPDF(integer: mcid)
                        } else {
                            text.appendPDF("<< /Type /MCR /Pg ")
                            text.appendPDF(reference: pageNumbers[at])
                            text.appendPDF(" /MCID ")
                            text.appendPDF(integer: mcid)
                            text.appendPDF(" >>")
                        }
                    }
                case .link(let at, let index):
                    separate()
                    text.appendPDF("<< /Type /OBJR /Obj ")
                    text.appendPDF(reference: annotations[at][index])
                    text.appendPDF(" /Pg ")
                    text.appendPDF(reference: pageNumbers[at])
                    text.appendPDF(" >>")
                }
            }
            if first {  // kids with no marked content: no /K, as when the list was empty
                text.removeLast(5)
            } else {
                text.append(0x5D)
            }
        }
        if element.tag == .figure, let alternativeText = element.alternativeText, !alternativeText.isEmpty {
            text += Array((" /Alt " + PDFUpdate.string(alternativeText)).utf8)
        }
        if element.tag == .tableHeaderCell {
            let rowOfHeaders =
                element.parent < 0
                || recorder.kids(of: element.parent).allSatisfy {
                    guard case .element(let index) = $0 else { return true }
                    return recorder.elements[index].tag == .tableHeaderCell
                }
            text.appendPDF(" /A << /O /Table /Scope /")
            if rowOfHeaders { text.appendPDF("Column >>") } else { text.appendPDF("Row >>") }
        }
    }

    /// Bytes per glyph code of each font of a page's resources, by resource name.
    ///
    /// 2 in a composite (`Type0`) font, 1 in the others. `cache` keeps what each font object said.
    private func glyphWidths(reader: PDFObjectReader, page: Range<Int>, cache: inout [Int: Int]) -> [[UInt8]: Int] {
        func dictionary(_ value: Range<Int>?) -> Range<Int>? {
            guard let value else { return nil }
            if let number = reader.reference(value) { return reader.dictionary(number) }
            return reader.bytes[value.lowerBound] == 0x3C ? value : nil
        }
        guard let resources = dictionary(reader.entry("Resources", in: page)),
            let fonts = dictionary(reader.entry("Font", in: resources))
        else { return [:] }
        var result: [[UInt8]: Int] = [:]
        for (name, _, value) in reader.entries(in: fonts) {
            guard let number = reader.reference(value) else { continue }
            if let known = cache[number] {
                result[Array(name.utf8)] = known
                continue
            }
            let font = reader.dictionary(number)
            let width = font.flatMap { reader.name(reader.entry("Subtype", in: $0)) } == "Type0" ? 2 : 1
            cache[number] = width
            result[Array(name.utf8)] = width
        }
        return result
    }
}

/// The MCIDs each segment of a page's contents got, in order: one array for the page rather than one per segment.
struct MCIDsOfSegments {
    /// Where each segment's MCIDs start in `mcids`, and where the last one's end.
    private var starts: [Int]
    private var mcids: [Int]

    /// Groups the MCIDs of a page by segment, from the segment of each MCID.
    init(_ segmentOfMCID: [Int], segments: Int) {
        var starts = [Int](repeating: 0, count: segments + 1)
        for segment in segmentOfMCID { starts[segment + 1] += 1 }
        for segment in 0..<segments { starts[segment + 1] += starts[segment] }
        var next = starts
        var mcids = [Int](repeating: 0, count: segmentOfMCID.count)
        for (mcid, segment) in segmentOfMCID.enumerated() {
            mcids[next[segment]] = mcid
            next[segment] += 1
        }
        self.starts = starts
        self.mcids = mcids
    }

    /// The MCIDs of `segment`, in increasing order.
    subscript(segment: Int) -> ArraySlice<Int> { mcids[starts[segment]..<starts[segment + 1]] }
}
