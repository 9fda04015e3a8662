import Foundation

/// What one page of a PDF draws, sorted by how it is marked: text in `/Artifact` marked content
/// (not read by screen readers), text in structure elements (marked with an MCID), and painting
/// operators outside any marked content (which tagged PDF forbids).
public struct MarkedContent: Sendable {
    /// The text of each artifact, in drawing order: a text object's, or the part of one in a
    /// marked-content sequence of its own.
    public var artifactText: [String] = []
    /// The text of each piece of a structure element's content, in drawing order (a text
    /// object's, or the part of one in a marked-content sequence of its own).
    public var taggedText: [String] = []
    /// The marked-content identifiers (MCIDs) of the page, in the order their sequences begin.
    public var mcids: [Int] = []
    /// Painting operators (`f`, `S`, `TJ`, `Do`…) drawn outside any marked content.
    public var unmarked: [String] = []
    /// Painting operators inside `/Artifact` marked content.
    public var artifactOperators: [String] = []

    /// Every page's marked content, read from the decompressed content streams (`qpdf --qdf`).
    public static func of(_ pdf: Data) throws -> [MarkedContent] {
        let folder = try temporaryFolder("marked")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf")
        let output = folder.appendingPathComponent("out.pdf")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        process.arguments = ["--qdf", "--object-streams=disable", input.path, output.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let bytes = [UInt8](try Data(contentsOf: output))
        var pages: [MarkedContent] = []
        var search = 0
        while let marker = find(Array("%% Contents for page ".utf8), in: bytes, from: search),
            let start = find(Array("stream\n".utf8), in: bytes, from: marker),
            let end = find(Array("endstream".utf8), in: bytes, from: start)
        {
            pages.append(read(Array(bytes[(start + 7)..<end])))
            search = end
        }
        return pages
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from index: Int) -> Int? {
        guard bytes.count >= pattern.count, index <= bytes.count - pattern.count else { return nil }
        for at in index...(bytes.count - pattern.count) where bytes[at] == pattern[0] {
            if bytes[at..<(at + pattern.count)].elementsEqual(pattern) { return at }
        }
        return nil
    }

    /// Reads one content stream.
    static func read(_ content: [UInt8]) -> MarkedContent {
        var result = MarkedContent()
        var marks: [Bool] = []  // open marked content, innermost last: true for an artifact
        var holdsContent: [Bool] = []  // whether each open sequence is an artifact or has an MCID (not a span)
        var operands: [String] = []
        var text = ""
        var index = 0
        let painting: Set<String> = [
            "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Tj", "TJ", "'", "\"", "Do", "sh", "EI",
        ]
        while index < content.count {
            let byte = content[index]
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00: index += 1
            case 0x25: while index < content.count, content[index] != 0x0A { index += 1 }
            case 0x28:  // a literal string: its text, escapes decoded (octal as Latin-1)
                var string = ""
                var depth = 0
                repeat {
                    let current = content[index]
                    if current == 0x5C, index + 1 < content.count {
                        index += 1
                        let next = content[index]
                        if next >= 0x30, next <= 0x37 {
                            var value = 0
                            var digits = 0
                            while digits < 3, index < content.count, content[index] >= 0x30, content[index] <= 0x37 {
                                value = value * 8 + Int(content[index] - 0x30)
                                index += 1
                                digits += 1
                            }
                            string.unicodeScalars.append(Unicode.Scalar(UInt8(value & 0xFF)))
                            continue
                        }
                        string.unicodeScalars.append(Unicode.Scalar(next))
                    } else {
                        if current == 0x28 { depth += 1 }
                        if current == 0x29 { depth -= 1 }
                        if depth > 0, !(current == 0x28 && depth == 1) {
                            string.unicodeScalars.append(Unicode.Scalar(current))
                        }
                    }
                    index += 1
                } while depth > 0 && index < content.count
                operands.append("(" + string)
            case 0x3C where index + 1 < content.count && content[index + 1] == 0x3C:
                var depth = 0
                var dictionary = ""
                repeat {
                    if content[index] == 0x3C, content[index + 1] == 0x3C { depth += 1 }
                    if content[index] == 0x3E, index + 1 < content.count, content[index + 1] == 0x3E { depth -= 1 }
                    dictionary.unicodeScalars.append(Unicode.Scalar(content[index]))
                    index += 1
                } while depth > 0 && index + 1 < content.count
                operands.append(dictionary + ">")
                index += 1
            case 0x3C:
                while index < content.count, content[index] != 0x3E { index += 1 }
                index += 1
                operands.append("<hex>")
            case 0x5B, 0x5D, 0x7B, 0x7D: index += 1
            default:
                let start = index
                while index < content.count,
                    ![0x20, 0x0A, 0x0D, 0x09, 0x0C, 0x00, 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x2F, 0x25].contains(
                        content[index]
                    ) || (index == start && content[index] == 0x2F)
                {
                    index += 1
                }
                if index == start { index += 1 }
                let word = String(decoding: content[start..<index], as: UTF8.self)
                if word.first == "/" || word.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
                    operands.append(word)
                    continue
                }
                // The text shown since the last boundary, as what it is marked as.
                func flush() {
                    if !text.isEmpty {
                        if marks.last == true {
                            result.artifactText.append(text)
                        } else if !marks.isEmpty {
                            result.taggedText.append(text)
                        }
                    }
                    text = ""
                }
                switch word {
                case "BDC", "BMC":
                    let mcid = operands.first { $0.contains("/MCID") }.flatMap { dictionary in
                        dictionary.split(separator: "/MCID").last.flatMap {
                            Int($0.prefix { !$0.isLetter && $0 != ">" }.trimmingCharacters(in: .whitespaces))
                        }
                    }
                    let content = operands.first == "/Artifact" || mcid != nil
                    if content { flush() }
                    if let mcid { result.mcids.append(mcid) }
                    marks.append(operands.first == "/Artifact" || (marks.last ?? false))
                    holdsContent.append(content)
                case "EMC":
                    if holdsContent.last == true { flush() }
                    _ = marks.popLast()
                    _ = holdsContent.popLast()
                case "BT": text = ""
                case "ET": flush()
                default: break
                }
                if ["Tj", "TJ", "'", "\""].contains(word) {
                    text += operands.filter { $0.hasPrefix("(") }.map { String($0.dropFirst()) }.joined()
                }
                if painting.contains(word) {
                    if marks.isEmpty {
                        result.unmarked.append(word)
                    } else if marks.last == true {
                        result.artifactOperators.append(word)
                    }
                }
                operands = []
            }
        }
        return result
    }
}
