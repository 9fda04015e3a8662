import Billing
import Foundation

extension TemplateSet {
    /// `name` inside `folder`, refused when it is, or passes through, a symbolic link or `..` that
    /// leads out of the folder: a template folder may not read files elsewhere.
    ///
    /// `root` is ``confinementRoot(of:)`` of `folder` when the caller resolved it already: a folder's
    /// files are checked against one root, resolved once (issue 22, start31: resolving it again for each
    /// of the 20 files cost about 1 M instructions before every document).
    static func confined(_ name: String, in folder: URL, root: String? = nil) throws(DocumentError) -> URL {
        let root = root ?? confinementRoot(of: folder)
        let file = folder.appendingPathComponent(name)
        let resolved = file.resolvingSymlinksInPath().standardizedFileURL
        guard resolved.path.hasPrefix(root) else {
            throw .unsafeFile(
                path: file.path,
                reason:
                    "it leads outside the template folder (to \(resolved.path)); templates read only their own folder"
            )
        }
        return file
    }

    /// The path every file of `folder` must start with: the folder, its symbolic links resolved, and "/".
    static func confinementRoot(of folder: URL) -> String {
        folder.resolvingSymlinksInPath().standardizedFileURL.path + "/"
    }

    /// Reads every language's `labels/<language>.json` (parsed when a document first speaks it).
    ///
    /// - Throws: ``DocumentError`` naming a labels file that is missing or leads out of the folder.
    static func readLabels(
        _ folder: URL,
        root: String,
        fingerprint: inout FNV1a
    ) throws(DocumentError) -> [String: LabelSource] {
        var result: [String: LabelSource] = [:]
        for language in DocumentLanguage.codes {
            let file = try confined("labels/\(language).json", in: folder.deletingLastPathComponent(), root: root)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw .templateMissing(path: file.path)
            }
            fingerprint.add(data)
            result[language] = LabelSource(data: data, file: file.path)
        }
        return result
    }

    /// `labels`, the parsed labels of `language`, checked to have every key of `english` (English's),
    /// so no document prints an empty label.
    static func checkKeys(
        _ labels: [String: String],
        of language: String,
        against english: [String: String],
        englishSource: LabelSource?
    ) throws(DocumentError) {
        guard let missing = Set(english.keys).subtracting(labels.keys).sorted().first else { return }
        let place = JSONPlace.of(key: missing, in: englishSource?.data ?? Data())
        let folder = URL(fileURLWithPath: englishSource?.file ?? "labels/en.json").deletingLastPathComponent()
        throw .labels(
            file: "\(folder.appendingPathComponent("\(language).json").path):1:1",
            reason:
                "label \"\(missing)\" is missing (labels/en.json has it at line \(place.line), column \(place.column))"
        )
    }

    /// The labels of one file: a JSON object of strings, or an error at its line and column.
    static func labels(in data: Data, file: String) throws(DocumentError) -> [String: String] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let place = JSONPlace.of(error, in: data)
            throw .labels(file: "\(file):\(place.line):\(place.column)", reason: "not valid JSON")
        }
        guard let members = object as? [String: Any] else {
            throw .labels(file: "\(file):1:1", reason: "not a JSON object of strings")
        }
        var labels: [String: String] = [:]
        for (key, value) in members {
            guard let text = value as? String else {
                let place = JSONPlace.of(key: key, in: data)
                throw .labels(
                    file: "\(file):\(place.line):\(place.column)",
                    reason: "label \"\(key)\" must be a string"
                )
            }
            labels[key] = text
        }
        return labels
    }
}

/// Lines and columns in JSON text, for errors that name where to look.
public enum JSONPlace {
    /// Where Foundation's JSON parser stopped (it says "around character N"), from 1.
    public static func of(_ error: any Error, in data: Data) -> (line: Int, column: Int) {
        let text = "\((error as NSError).userInfo["NSDebugDescription"] ?? error)"
        guard let range = text.range(of: "character "),
            let offset = Int(text[range.upperBound...].prefix { $0.isNumber })
        else { return (1, 1) }
        return of(offset: offset, in: data)
    }

    /// Where the key `"key"` is first written.
    public static func of(key: String, in data: Data) -> (line: Int, column: Int) {
        let needle = Array("\"\(key)\"".utf8)
        let bytes = Array(data)
        guard needle.count <= bytes.count else { return (1, 1) }
        for start in 0...(bytes.count - needle.count) where bytes[start..<start + needle.count].elementsEqual(needle) {
            return of(offset: start, in: data)
        }
        return (1, 1)
    }

    /// The line and column (in characters) of byte `offset`.
    public static func of(offset: Int, in data: Data) -> (line: Int, column: Int) {
        let bytes = Array(data.prefix(max(0, offset)))
        let lineStart = (bytes.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        let line = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        return (line, String(decoding: bytes[lineStart...], as: UTF8.self).count + 1)
    }
}
