import Billing
import Foundation
import Markup

/// The templates, stylesheet, labels and images of a template folder: every file read once when
/// the folder is loaded, each parsed the first time a document needs it.
///
/// A folder holds `base.html` (the shared layout), one template per document kind
/// (`invoice.html`, `statement.html`, `w9-packet.html`, `reminder.html`, `quote.html`, `vendor-form.html`,
/// `regional-form.html`), the partials they share (`partials/letterhead.html`, …), `style.css`,
/// `labels/<language>.json` and the images the templates show.
///
/// Loading reads the files (a missing one, or one leading out of the folder, is an error then) and
/// fingerprints them; it parses nothing. A template and the partials it reaches are parsed the
/// first time a document uses it, a language's labels the first time a document speaks it, the
/// stylesheet the first time a document is styled — once per process, shared by every copy of the
/// set and by every thread (``BatchRenderer``'s workers). An error in them is reported then, with
/// its file, line and column, and again each time they are needed; ``check()`` parses everything
/// at once, as `ledgerprint templates check` does.
public struct TemplateSet: Sendable {
    /// The folder.
    public let folder: URL
    /// The shared stylesheet's text.
    public let css: String
    /// A short fingerprint of every file in the folder, recorded with each printed document.
    public let version: String
    /// Every template's text and file by name (`base`, `invoice`, …, and each partial), as read when
    /// the folder was loaded; each is also a partial of the others.
    var sources: [String: TemplateSource]
    /// The path of `style.css`.
    let cssFile: String
    /// Each language's labels file as read when the folder was loaded, by language code.
    let labelSources: [String: LabelSource]
    /// What has been parsed so far, shared by copies of this set and by every thread.
    var parsed = ParsedTemplates()

    /// The document templates every folder must have.
    public static let requiredTemplates = [
        "base", "invoice", "statement", "w9-packet", "reminder", "quote", "vendor-form", "regional-form",
    ]

    /// Reads `folder`: every template, partial, the stylesheet, every language's labels and the images.
    ///
    /// - Throws: ``DocumentError`` naming a missing or unreadable file, a partial with a name a template
    ///   could not include, or a file that leads out of the folder. Errors inside the files are found
    ///   when a document first needs them, or by ``check()``.
    public init(folder: URL) throws(DocumentError) {
        self.folder = folder
        var sources: [String: TemplateSource] = [:]
        var fingerprint = FNV1a()
        let root = Self.confinementRoot(of: folder)
        for name in Self.requiredTemplates {
            let file = try Self.confined("\(name).html", in: folder, root: root)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw .templateMissing(path: file.path)
            }
            fingerprint.add(text)
            sources[name] = TemplateSource(text: text, file: file.path)
        }
        try Self.readPartials(in: folder, root: root, into: &sources, fingerprint: &fingerprint)
        let cssFile = try Self.confined("style.css", in: folder, root: root)
        guard let css = try? String(contentsOf: cssFile, encoding: .utf8) else {
            throw .templateMissing(path: cssFile.path)
        }
        fingerprint.add(css)
        self.css = css
        self.cssFile = cssFile.path
        self.labelSources = try Self.readLabels(
            folder.appendingPathComponent("labels"),
            root: root,
            fingerprint: &fingerprint
        )
        for image in (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
        where image.hasSuffix(".png") {
            let file = try Self.confined(image, in: folder, root: root)
            fingerprint.add(FileManager.default.contents(atPath: file.path) ?? Data())
        }
        self.version = fingerprint.hex
        self.sources = sources
    }

    /// The output of `template` for `value`.
    func render(_ template: String, _ value: TemplateValue) throws(DocumentError) -> String {
        let templates = try self.templates(reachedFrom: template)
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

    /// The output of `template` for a document's view model.
    func render(_ template: String, view model: some FramedView) throws(DocumentError) -> String {
        let value: TemplateValue
        do {
            value = try TemplateValue(view: model)
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
        file: String,
        folderNames: [String]? = nil
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
                "Mustache: it includes '\(missing)', which is not a template of the folder (\((folderNames ?? templates.keys.sorted()).joined(separator: ", "))); "
                + "a partial is the file \(partialsFolder)/\(missing).html of the folder (docs/templates.md, \"Partials\")"
        )
    }
}

/// FNV-1a, 64 bits: a stable fingerprint (not a security hash).
struct FNV1a {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ data: Data) { data.withUnsafeBytes { add($0) } }

    /// The bytes are read in place: through `Data`'s iterator, one byte a call, fingerprinting the
    /// template folder cost about 3.5 M instructions before every document (issue 22, start31).
    private mutating func add(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
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
    ///
    /// - Throws: ``DocumentError`` for a syntax error in `text` or in a template it includes, a
    ///   template it includes that the folder lacks, or one that includes itself.
    public func adding(_ text: String, named name: String, file: String) throws(DocumentError) -> TemplateSet {
        var copy = self
        copy.sources[name] = TemplateSource(text: text, file: file)
        copy.parsed = ParsedTemplates()
        _ = try copy.templates(reachedFrom: name)
        return copy
    }
}
