import Foundation

/// A folder of Mustache templates for pages that are not documents (the Billing Center's
/// `Templates/web/`), rendered by the same engine as the documents, with their own labels.
///
/// Every `*.html` in the folder is a template, named without the extension, and a partial of the
/// others (`{{>header}}`). `labels/<language>.json` holds each language's words: a flat object of
/// strings, every language with the same keys. `*.css` files are kept as text to be served.
public struct PageTemplates: Sendable {
    /// The folder.
    public let folder: URL
    /// Labels by language, then by key.
    public let labels: [String: [String: String]]
    /// Each language's labels as one template value (`{{t.key}}`), made once: every page shows them.
    public let labelValues: [String: TemplateValue]
    /// The stylesheets by file name (`web.css`).
    public let stylesheets: [String: String]
    private let templates: [String: MustacheTemplate]

    /// Loads and checks `folder`.
    ///
    /// - Throws: ``DocumentError`` naming the template and line with a syntax error, a partial that
    ///   is not there, or the labels file and key that is wrong.
    public init(folder: URL) throws(DocumentError) {
        self.folder = folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        guard names.contains(where: { $0.hasSuffix(".html") }) else {
            throw .templateMissing(path: folder.appendingPathComponent("*.html").path)
        }
        var templates: [String: MustacheTemplate] = [:]
        var stylesheets: [String: String] = [:]
        for name in names where name.hasSuffix(".html") || name.hasSuffix(".css") {
            let file = try TemplateSet.confined(name, in: folder)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw .templateMissing(path: file.path)
            }
            if name.hasSuffix(".css") {
                stylesheets[name] = text
            } else {
                templates[String(name.dropLast(5))] = try TemplateSet.parse(text, file: file.path)
            }
        }
        for name in templates.keys.sorted() {
            try TemplateSet.checkReferences(
                of: name,
                in: templates,
                file: folder.appendingPathComponent("\(name).html").path
            )
        }
        self.templates = templates
        self.stylesheets = stylesheets
        self.labels = try Self.loadLabels(folder.appendingPathComponent("labels"))
        self.labelValues = labels.mapValues { words in .object(words.mapValues(TemplateValue.text)) }
    }

    /// The languages the pages speak, sorted.
    public var languages: [String] { labels.keys.sorted() }

    /// The output of template `name` for `value`.
    ///
    /// - Throws: ``DocumentError/templateMissing(path:)`` for no such template,
    ///   ``DocumentError/templateSyntax(file:line:column:reason:)`` when rendering passes a bound.
    public func render(_ name: String, _ value: TemplateValue) throws(DocumentError) -> String {
        let file = folder.appendingPathComponent("\(name).html").path
        guard let template = templates[name] else { throw .templateMissing(path: file) }
        do {
            return try template.render(value, partials: templates)
        } catch {
            throw .templateSyntax(file: file, line: 1, column: 1, reason: "Mustache: \(name) → \(error.reason)")
        }
    }

    /// Every `labels/*.json`: flat objects of strings with the same keys in every language.
    private static func loadLabels(_ folder: URL) throws(DocumentError) -> [String: [String: String]] {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            $0.hasSuffix(".json")
        }.sorted()
        guard !files.isEmpty else { throw .templateMissing(path: folder.appendingPathComponent("*.json").path) }
        var result: [String: [String: String]] = [:]
        for name in files {
            let file = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file.path),
                let words = (try? JSONSerialization.jsonObject(with: data)) as? [String: String]
            else { throw .labels(file: file.path, reason: "not a JSON object of strings") }
            result[String(name.dropLast(5))] = words
        }
        let keys = result.values.map { Set($0.keys) }
        let all = keys.reduce(Set<String>()) { $0.union($1) }
        for (language, words) in result.sorted(by: { $0.key < $1.key }) {
            if let missing = all.subtracting(words.keys).sorted().first {
                throw .labels(
                    file: folder.appendingPathComponent("\(language).json").path,
                    reason: "key '\(missing)' is missing (every language has the same keys)"
                )
            }
        }
        return result
    }
}
