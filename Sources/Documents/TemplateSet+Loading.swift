import Billing
import Foundation
import Markup
import Synchronization

/// A template's text as read from the folder, and its file.
struct TemplateSource: Sendable {
    var text: String
    var file: String
}

/// A labels file as read from the folder.
struct LabelSource: Sendable {
    var data: Data
    var file: String
}

/// What a ``TemplateSet`` has parsed so far: each template with the templates it reaches, each
/// language's labels, the stylesheet — or the error parsing them gave, so it is given again
/// without parsing again.
///
/// Shared by the copies of a set and by the threads that render with it; each part is parsed once,
/// under the lock, by the first thread that needs it (the others wait for it).
final class ParsedTemplates: Sendable {
    private struct State {
        /// Each parsed template by name.
        var templates: [String: Result<MustacheTemplate, DocumentError>] = [:]
        /// For each template rendered, it and every template it includes or extends, checked.
        var reached: [String: Result<[String: MustacheTemplate], DocumentError>] = [:]
        /// Each language's labels, checked against English's.
        var labels: [String: Result<[String: String], DocumentError>] = [:]
        var stylesheet: Result<Stylesheet, DocumentError>?
    }

    private let state = Mutex(State())

    /// `name`'s template and those it reaches, parsed from `sources` the first time.
    func templates(
        reachedFrom name: String,
        in sources: [String: TemplateSource]
    ) throws(DocumentError) -> [String: MustacheTemplate] {
        try state.withLock { (state: inout State) throws(DocumentError) -> [String: MustacheTemplate] in
            if let known = state.reached[name] { return try known.get() }
            let result = Self.reach(name, in: sources, parsed: &state.templates)
            state.reached[name] = result
            return try result.get()
        }
    }

    /// Every template `name` includes or extends, directly or not, parsed (each once) and checked:
    /// every template it names exists and none includes itself.
    private static func reach(
        _ name: String,
        in sources: [String: TemplateSource],
        parsed: inout [String: Result<MustacheTemplate, DocumentError>]
    ) -> Result<[String: MustacheTemplate], DocumentError> {
        var reached: [String: MustacheTemplate] = [:]
        var pending = [name]
        while let next = pending.popLast() {
            guard reached[next] == nil, let source = sources[next] else { continue }
            let result =
                parsed[next]
                ?? Result { () throws(DocumentError) in try TemplateSet.parse(source.text, file: source.file) }
            parsed[next] = result
            switch result {
            case .success(let template):
                reached[next] = template
                pending += template.references.keys.sorted(by: >)
            case .failure(let error):
                return .failure(error)
            }
        }
        let names = sources.keys.sorted()
        for current in reached.keys.sorted() {
            guard let file = sources[current]?.file else { continue }
            do {
                try TemplateSet.checkReferences(of: current, in: reached, file: file, folderNames: names)
            } catch {
                return .failure(error)
            }
        }
        return .success(reached)
    }

    /// `language`'s labels, parsed from `sources` the first time and checked to have every key
    /// English has.
    func labels(of language: String, in sources: [String: LabelSource]) throws(DocumentError) -> [String: String] {
        try state.withLock { (state: inout State) throws(DocumentError) -> [String: String] in
            try Self.labels(of: language, in: sources, parsed: &state.labels)
        }
    }

    private static func labels(
        of language: String,
        in sources: [String: LabelSource],
        parsed: inout [String: Result<[String: String], DocumentError>]
    ) throws(DocumentError) -> [String: String] {
        if let known = parsed[language] { return try known.get() }
        let result = Result { () throws(DocumentError) -> [String: String] in
            guard let source = sources[language] else {
                throw .templateMissing(path: "labels/\(language).json")
            }
            let labels = try TemplateSet.labels(in: source.data, file: source.file)
            if language != "en" {
                let english = try Self.labels(of: "en", in: sources, parsed: &parsed)
                try TemplateSet.checkKeys(labels, of: language, against: english, englishSource: sources["en"])
            }
            return labels
        }
        parsed[language] = result
        return try result.get()
    }

    /// The stylesheet parsed from `css` the first time.
    func stylesheet(_ css: String, file: String) throws(DocumentError) -> Stylesheet {
        try state.withLock { (state: inout State) throws(DocumentError) -> Stylesheet in
            if let known = state.stylesheet { return try known.get() }
            let result = Result { () throws(DocumentError) -> Stylesheet in
                do throws(MarkupError) {
                    return try CSSParser.parse(css, file: file)
                } catch {
                    throw .markup(error)
                }
            }
            state.stylesheet = result
            return try result.get()
        }
    }
}

extension TemplateSet {
    /// The shared stylesheet, parsed the first time a document is styled.
    ///
    /// - Throws: ``DocumentError/markup(_:)`` with the line and column of a CSS error.
    public var stylesheet: Stylesheet {
        get throws(DocumentError) { try parsed.stylesheet(css, file: cssFile) }
    }

    /// The labels of `language` (a ``DocumentLanguage`` code; English's for any other), parsed the
    /// first time a document speaks it.
    ///
    /// - Throws: ``DocumentError/labels(file:reason:)`` naming the file, line and column of invalid
    ///   JSON, a label that is not a string, or a key English has that the language lacks.
    public func labels(of language: String) throws(DocumentError) -> [String: String] {
        try parsed.labels(of: DocumentLanguage.named(language)?.code ?? "en", in: labelSources)
    }

    /// Every language's labels by language code, then by key.
    ///
    /// - Throws: the first error of ``labels(of:)`` in any language.
    public var labels: [String: [String: String]] {
        get throws(DocumentError) {
            var result: [String: [String: String]] = [:]
            for language in DocumentLanguage.codes { result[language] = try labels(of: language) }
            return result
        }
    }

    /// The labels a document in `language` uses: its own and English's (the W-9 form is English).
    func labelsForDocument(in language: String) throws(DocumentError) -> [String: [String: String]] {
        let code = DocumentLanguage.named(language)?.code ?? "en"
        var result = ["en": try labels(of: "en")]
        result[code] = try labels(of: code)
        return result
    }

    /// `name`'s template and every template it includes or extends, parsed the first time.
    ///
    /// - Throws: ``DocumentError`` with the file, line and column of a syntax error in any of them,
    ///   of an include the folder lacks, or of a template that includes itself.
    func templates(reachedFrom name: String) throws(DocumentError) -> [String: MustacheTemplate] {
        try parsed.templates(reachedFrom: name, in: sources)
    }

    /// Parses now what documents of the templates `names` need — each template with what it
    /// includes, the stylesheet and every language's labels — and keeps them parsed.
    ///
    /// A long job calls this before its first document, so that a mistake in a template it will
    /// use stops it before it has done anything (a month-end run before it issues, the Billing
    /// Center before it listens), while a mistake in a template it never uses does not.
    ///
    /// - Throws: ``DocumentError`` with the file, line and column of the first problem.
    public func prepare(_ names: [String]) throws(DocumentError) {
        for name in names { _ = try templates(reachedFrom: name) }
        _ = try stylesheet
        _ = try labels
    }

    /// Parses and checks everything in the folder: every template and partial.
    ///
    /// Also what they include, the stylesheet and every language's labels — everything loading a
    /// folder checked before parts were parsed when first needed. `ledgerprint templates check`
    /// runs this before rendering the samples.
    ///
    /// - Throws: ``DocumentError`` for the first problem, in the order the files are read.
    public func check() throws(DocumentError) {
        let names = Self.requiredTemplates + sources.keys.filter { !Self.requiredTemplates.contains($0) }.sorted()
        for name in names {
            guard let source = sources[name] else { continue }
            _ = try Self.parse(source.text, file: source.file)
        }
        for name in sources.keys.sorted() { _ = try templates(reachedFrom: name) }
        _ = try stylesheet
        for language in DocumentLanguage.codes {
            guard let source = labelSources[language] else { continue }
            _ = try Self.labels(in: source.data, file: source.file)
        }
        _ = try labels
    }
}
