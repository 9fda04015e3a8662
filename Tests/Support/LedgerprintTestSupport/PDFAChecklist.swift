import Foundation

/// Our own PDF/A-3b checklist, read with qpdf's JSON and poppler.
///
/// No open-source PDF/A validator installs here (veraPDF is Java, in neither Debian nor PyPI). Each item is one requirement of
/// ISO 19005-3 level B that a Ledgerprint PDF could miss; `docs/archive.md` lists what it does not cover.
public enum PDFAChecklist {
    /// What `pdf` misses of PDF/A-3b, one line per item; empty when every item holds.
    public static func problems(_ pdf: Data) throws -> [String] {
        var problems: [String] = []
        func require(_ condition: Bool, _ item: String) { if !condition { problems.append(item) } }
        let file = try QPDFJSON(pdf, streams: true)
        let header = String(decoding: pdf.prefix(9), as: UTF8.self)
        require(header.hasPrefix("%PDF-1.") && (Int(String(header.dropFirst(7).prefix(1))) ?? 0) >= 4, "header")
        let secondLine = pdf.dropFirst(pdf.firstIndex(of: 0x0A).map { $0 + 2 } ?? 0)
        require(secondLine.prefix(4).allSatisfy { $0 > 127 }, "binary comment")
        require(try qpdfProblems(pdf).isEmpty, "qpdf --check")
        let identifiers = file.trailer["/ID"] as? [String] ?? []
        require(identifiers.count == 2 && identifiers.allSatisfy { $0.count > 2 }, "trailer /ID")
        require(file.trailer["/Encrypt"] == nil, "not encrypted")
        let info = file.resolve(file.trailer["/Info"]) ?? [:]
        // Metadata: XMP, unfiltered, saying PDF/A-3b and what the document information says.
        let catalog = file.catalog
        let metadata = file.objects[catalog["/Metadata"] as? String ?? ""] ?? [:]
        require(metadata["/Type"] as? String == "/Metadata" && metadata["/Subtype"] as? String == "/XML", "XMP stream")
        require(metadata["/Filter"] == nil, "XMP unfiltered")
        let xmp = file.streamText(catalog["/Metadata"]) ?? ""
        require(try runTool("xmllint", ["--noout"], on: Data(xmp.utf8)).status == 0, "XMP is well-formed XML")
        require(xmp.contains("<pdfaid:part>3</pdfaid:part>"), "pdfaid:part 3")
        require(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "pdfaid:conformance B")
        for (key, element) in [
            ("/Title", "rdf:li xml:lang=\"x-default\""), ("/Author", "rdf:Seq><rdf:li"), ("/Producer", "pdf:Producer"),
            ("/Creator", "xmp:CreatorTool"), ("/Keywords", "pdf:Keywords"),
        ] {
            guard let value = QPDFJSON.text(info[key]) else { continue }
            require(xmp.contains("\(element)>\(escaped(value))<"), "XMP agrees with Info \(key)")
        }
        for (key, element) in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")] {
            let date = QPDFJSON.text(info[key]) ?? ""
            require(date.hasPrefix("D:"), "Info \(key) is a PDF date")
            let digits = date.dropFirst(2).prefix(14)
            let written = digits.enumerated().map { index, digit in
                ([4, 6].contains(index) ? "-" : index == 8 ? "T" : [10, 12].contains(index) ? ":" : "") + String(digit)
            }.joined()
            require(xmp.contains("<\(element)>\(written)"), "XMP \(element) agrees with Info \(key)")
        }
        // Colour: an sRGB output intent with its ICC profile.
        let intents = (catalog["/OutputIntents"] as? [Any] ?? []).compactMap(file.resolve)
        let intent = intents.first { $0["/S"] as? String == "/GTS_PDFA1" }
        require(intent != nil, "a GTS_PDFA1 output intent")
        let profileReference = intent?["/DestOutputProfile"] as? String ?? ""
        let profile =
            (file.objects[profileReference]?["stream"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data()
        require(file.objects[profileReference]?["/N"] as? Int == 3, "the output profile has 3 components")
        require(
            profile.count > 128 && profile[36..<40] == Data("acsp".utf8) && profile[16..<20] == Data("RGB ".utf8),
            "the output profile is an RGB ICC profile"
        )
        // Fonts embedded; TrueType CID fonts say their glyph map.
        let fonts = try poppler("pdffonts", on: pdf).split(separator: "\n").dropFirst(2)
        require(fonts.allSatisfy { $0.contains(" yes ") }, "every font embedded")
        for object in file.objects.values where object["/Subtype"] as? String == "/CIDFontType2" {
            require(object["/CIDToGIDMap"] != nil, "CIDFontType2 has /CIDToGIDMap")
        }
        // Annotations print; nothing PDF/A forbids.
        for object in file.objects.values where object["/Type"] as? String == "/Annot" {
            require(((object["/F"] as? Int) ?? 0) & 4 != 0, "annotations have the print flag")
        }
        for object in file.objects.values {
            require(object["/JS"] == nil && object["/JavaScript"] == nil, "no JavaScript")
            require(object["/TR"] == nil && object["/TR2"] == nil, "no transfer functions")
            let filters = (object["/Filter"] as? [String]) ?? [(object["/Filter"] as? String) ?? ""]
            require(!filters.contains("/LZWDecode"), "no LZW")
        }
        var seen: Set<String> = []
        return problems.filter { seen.insert($0).inserted }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
