import Foundation

extension TemplateSet {
    /// The subfolder of partials: blocks several templates share (`{{>letterhead}}`, `{{<cover-letter}}`).
    public static let partialsFolder = "partials"

    /// Reads every `partials/NAME.html` of `folder` into `sources` as `NAME` (parsed when first needed).
    ///
    /// Each is added to the fingerprint, in name order. A folder without partials (one made before
    /// they existed) loads as before.
    ///
    /// - Throws: ``DocumentError`` for a partial named like a document template, a name a template
    ///   could not include (`{{>Name With Spaces}}`) or a file that is not UTF-8.
    static func readPartials(
        in folder: URL,
        root: String,
        into sources: inout [String: TemplateSource],
        fingerprint: inout FNV1a
    ) throws(DocumentError) {
        let partials = folder.appendingPathComponent(partialsFolder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: partials.path) else { return }
        for file in names.sorted() where file.hasSuffix(".html") {
            let name = String(file.dropLast(".html".count))
            let url = try confined("\(partialsFolder)/\(file)", in: folder, root: root)
            guard !requiredTemplates.contains(name) else {
                throw .unsafeFile(
                    path: url.path,
                    reason: "a partial may not be named like the document template \(name).html; rename it"
                )
            }
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ isPartialNameScalar($0) }) else {
                throw .unsafeFile(
                    path: url.path,
                    reason: "a partial's name is lower-case letters, digits and '-', such as cover-letter.html"
                )
            }
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw .templateMissing(path: url.path)
            }
            fingerprint.add(text)
            sources[name] = TemplateSource(text: text, file: url.path)
        }
    }

    /// a–z, 0–9 and "-".
    private static func isPartialNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
