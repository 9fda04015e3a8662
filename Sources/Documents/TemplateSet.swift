import Billing
import Foundation
import Markup

/// The templates, stylesheet, labels and images of a template folder, loaded and parsed once.
///
/// A folder holds `base.html` (the shared layout), one template per document kind
/// (`invoice.html`, `statement.html`, `w9-packet.html`), `style.css`, `labels/<language>.json` and
/// the images the templates show.
public struct TemplateSet: Sendable {
    /// The folder.
    public let folder: URL
    /// The shared stylesheet's text.
    public let css: String
    /// The shared stylesheet, parsed once when the folder is loaded.
    public let stylesheet: Stylesheet
    /// Labels by language, then by key.
    public let labels: [String: [String: String]]
    /// A short fingerprint of every file in the folder, recorded with each printed document.
    public let version: String
    /// The parsed templates by name (`base`, `invoice`, …), each also a partial of the others.
    var templates: [String: MustacheTemplate]

    /// The document templates every folder must have.
    public static let requiredTemplates = ["base", "invoice", "statement", "w9-packet"]

    /// Loads and checks `folder`.
    ///
    /// - Throws: ``DocumentError`` naming the missing file, the template and line with a syntax
    ///   error, or the labels file and key that is wrong.
    public init(folder: URL) throws(DocumentError) {
        self.folder = folder
        var templates: [String: MustacheTemplate] = [:]
        var fingerprint = FNV1a()
        for name in Self.requiredTemplates {
            let file = folder.appendingPathComponent("\(name).html")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw .templateMissing(path: file.path)
            }
            fingerprint.add(text)
            templates[name] = try Self.parse(text, file: file.path)
        }
        for name in Self.requiredTemplates {
            try Self.checkReferences(of: name, in: templates, file: folder.appendingPathComponent("\(name).html").path)
        }
        let cssFile = folder.appendingPathComponent("style.css")
        guard let css = try? String(contentsOf: cssFile, encoding: .utf8) else {
            throw .templateMissing(path: cssFile.path)
        }
        fingerprint.add(css)
        self.css = css
        do {
            self.stylesheet = try CSSParser.parse(css, file: cssFile.path)
        } catch {
            throw .markup(error)
        }
        self.labels = try Self.loadLabels(folder.appendingPathComponent("labels"), fingerprint: &fingerprint)
        for image in (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        where image.hasSuffix(".png") {
            fingerprint.add(FileManager.default.contents(atPath: folder.appendingPathComponent(image).path) ?? Data())
        }
        self.version = fingerprint.hex
        self.templates = templates
    }

    /// Every language has every key English has, so no document prints an empty label.
    private static func loadLabels(
        _ folder: URL,
        fingerprint: inout FNV1a
    ) throws(DocumentError) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for language in DocumentLanguage.codes {
            let file = folder.appendingPathComponent("\(language).json")
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw .templateMissing(path: file.path)
            }
            fingerprint.add(data)
            guard let labels = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw .labels(file: file.path, reason: "not a JSON object of strings")
            }
            result[language] = labels
        }
        let reference = Set(result["en"]?.keys ?? [:].keys)
        for (language, labels) in result {
            if let missing = reference.subtracting(labels.keys).sorted().first {
                throw .labels(
                    file: folder.appendingPathComponent("\(language).json").path,
                    reason: "label \"\(missing)\" is missing"
                )
            }
        }
        return result
    }

    /// The output of `template` for `value`.
    func render(_ template: String, _ value: TemplateValue) throws(DocumentError) -> String {
        guard let parsed = templates[template] else {
            throw .templateMissing(path: folder.appendingPathComponent("\(template).html").path)
        }
        return parsed.render(value, partials: templates)
    }

    /// The output of `template` for a view model.
    func render(_ template: String, _ model: some Encodable) throws(DocumentError) -> String {
        let value: TemplateValue
        do {
            value = try TemplateValue(encoding: model)
        } catch {
            throw .templateMissing(path: "\(template): the view model cannot be read (\(error))")
        }
        return try render(template, value)
    }

    static func parse(_ text: String, file: String) throws(DocumentError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(text)
        } catch {
            throw .templateSyntax(
                file: file,
                line: error.line,
                column: error.column,
                reason: "Mustache: \(error.reason)"
            )
        }
    }

    /// Every partial or parent a template names must be a template of the folder.
    static func checkReferences(
        of name: String,
        in templates: [String: MustacheTemplate],
        file: String
    ) throws(DocumentError) {
        guard let template = templates[name] else { return }
        let unknown = template.references.filter { templates[$0.key] == nil }
        guard
            let (missing, place) = unknown.min(by: {
                ($0.value.line, $0.value.column) < ($1.value.line, $1.value.column)
            })
        else { return }
        throw .templateSyntax(
            file: file,
            line: place.line,
            column: place.column,
            reason:
                "Mustache: it includes '\(missing)', which is not a template of the folder (\(templates.keys.sorted().joined(separator: ", ")))"
        )
    }
}

/// FNV-1a, 64 bits: a stable fingerprint (not a security hash).
struct FNV1a {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) { add(Data(text.utf8)) }

    mutating func add(_ data: Data) {
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension TemplateSet {
    /// These templates plus one more, parsed from `text` and registered as `name` (it may use `base`).
    public func adding(_ text: String, named name: String, file: String) throws(DocumentError) -> TemplateSet {
        var copy = self
        copy.templates[name] = try Self.parse(text, file: file)
        try Self.checkReferences(of: name, in: copy.templates, file: file)
        return copy
    }
}
