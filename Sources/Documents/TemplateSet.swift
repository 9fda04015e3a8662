import Billing
import Foundation
import Markup

/// The templates, stylesheet, labels and images of a template folder, loaded and parsed once.
///
/// A folder holds `base.html` (the shared layout), one template per document kind
/// (`invoice.html`, `statement.html`, `w9-packet.html`, `reminder.html`, `quote.html`, `vendor-form.html`,
/// `regional-form.html`), the partials they share (`partials/letterhead.html`, …), `style.css`,
/// `labels/<language>.json` and the images the templates show.
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
    public static let requiredTemplates = [
        "base", "invoice", "statement", "w9-packet", "reminder", "quote", "vendor-form", "regional-form",
    ]

    /// Loads and checks `folder`.
    ///
    /// - Throws: ``DocumentError`` naming the missing file, the template and line with a syntax
    ///   error, or the labels file and key that is wrong.
    public init(folder: URL) throws(DocumentError) {
        self.folder = folder
        var templates: [String: MustacheTemplate] = [:]
        var fingerprint = FNV1a()
        for name in Self.requiredTemplates {
            let file = try Self.confined("\(name).html", in: folder)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw .templateMissing(path: file.path)
            }
            fingerprint.add(text)
            templates[name] = try Self.parse(text, file: file.path)
        }
        try Self.loadPartials(in: folder, into: &templates, fingerprint: &fingerprint)
        for name in templates.keys.sorted() {
            let file = Self.requiredTemplates.contains(name) ? "\(name).html" : "\(Self.partialsFolder)/\(name).html"
            try Self.checkReferences(of: name, in: templates, file: folder.appendingPathComponent(file).path)
        }
        let cssFile = try Self.confined("style.css", in: folder)
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
            let file = try Self.confined(image, in: folder)
            fingerprint.add(FileManager.default.contents(atPath: file.path) ?? Data())
        }
        self.version = fingerprint.hex
        self.templates = templates
    }

    /// The output of `template` for `value`.
    func render(_ template: String, _ value: TemplateValue) throws(DocumentError) -> String {
        guard let parsed = templates[template] else {
            throw .templateMissing(path: folder.appendingPathComponent("\(template).html").path)
        }
        do {
            return try parsed.render(value, partials: templates)
        } catch {
            let place = error.chain.first.flatMap { parsed.references[$0] } ?? (line: 1, column: 1)
            throw .templateSyntax(
                file: folder.appendingPathComponent("\(template).html").path,
                line: place.line,
                column: place.column,
                reason: "Mustache: \(template) → \(error.reason)"
            )
        }
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
            return try MustacheTemplate(text, file: file)
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
        try checkCycles(from: name, in: templates, file: file)
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
                "Mustache: it includes '\(missing)', which is not a template of the folder (\(templates.keys.sorted().joined(separator: ", "))); "
                + "a partial is the file \(partialsFolder)/\(missing).html of the folder (docs/templates.md, \"Partials\")"
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
    /// No template includes itself, directly or through others: found here, without rendering.
    static func checkCycles(
        from name: String,
        in templates: [String: MustacheTemplate],
        file: String
    ) throws(DocumentError) {
        var finished: Set<String> = []
        var chain: [String] = [name]
        func visit(_ current: String) -> [String]? {
            guard let template = templates[current] else { return nil }
            for next in template.references.keys.sorted() where templates[next] != nil {
                if let start = chain.firstIndex(of: next) { return Array(chain[start...]) + [next] }
                if finished.contains(next) { continue }
                chain.append(next)
                if let cycle = visit(next) { return cycle }
                chain.removeLast()
                finished.insert(next)
            }
            return nil
        }
        guard let cycle = visit(name), let first = chain.count > 1 ? chain[1] : cycle.last,
            let place = templates[name]?.references[first]
        else { return }
        throw .templateSyntax(
            file: file,
            line: place.line,
            column: place.column,
            reason: "Mustache: '\(cycle[0])' includes itself: \(cycle.joined(separator: " → "))"
        )
    }

    /// These templates plus one more, parsed from `text` and registered as `name` (it may use `base`).
    public func adding(_ text: String, named name: String, file: String) throws(DocumentError) -> TemplateSet {
        var copy = self
        copy.templates[name] = try Self.parse(text, file: file)
        try Self.checkReferences(of: name, in: copy.templates, file: file)
        return copy
    }
}
