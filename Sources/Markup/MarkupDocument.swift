import Foundation

/// A template's output made ready for layout and for the HTML writer: the parsed XHTML, its
/// stylesheets, the computed styles, and the images it shows.
///
/// ```swift
/// let document = try MarkupDocument(
///     xhtml: rendered, file: "invoice.html",
///     stylesheets: [(css, "invoice.css")], resourceFolder: templatesURL
/// )
/// let html = document.standaloneHTML()
/// ```
public struct MarkupDocument: Sendable {
    /// The `<body>` with computed styles.
    public let body: StyledElement
    /// The `<title>` text, if any.
    public let title: String?
    /// The `lang` of `<html>`, if any.
    public let language: String?
    /// The author's stylesheets: the given files, then `<style>` elements, in order.
    public let stylesheets: [Stylesheet]
    /// The `@page` rule, merged over all stylesheets.
    public let page: PageRule
    /// Image bytes by `src` as written.
    public let images: [String: Data]

    /// Parses and styles a document.
    ///
    /// - Parameters:
    ///   - xhtml: The template's output.
    ///   - file: Its name, for errors.
    ///   - stylesheets: CSS texts with their file names, applied before `<style>` elements.
    ///   - resourceFolder: Where relative `img src` paths are read from.
    /// - Throws: ``MarkupError`` naming file, line and column of the first problem.
    public init(
        xhtml: String,
        file: String,
        stylesheets: [(text: String, file: String)] = [],
        resourceFolder: URL? = nil
    ) throws(MarkupError) {
        var sheets: [Stylesheet] = []
        for (text, name) in stylesheets { sheets.append(try CSSParser.parse(text, file: name)) }
        try self.init(xhtml: xhtml, file: file, parsedStylesheets: sheets, resourceFolder: resourceFolder)
    }

    /// Parses and styles a document with stylesheets parsed before, so a batch parses its CSS once.
    ///
    /// - Parameters:
    ///   - xhtml: The template's output.
    ///   - file: Its name, for errors.
    ///   - parsedStylesheets: Stylesheets from ``CSSParser``, applied before `<style>` elements.
    ///   - resourceFolder: Where relative `img src` paths are read from.
    ///   - styleCache: Where styling work is kept for the next document with the same stylesheets.
    /// - Throws: ``MarkupError`` naming file, line and column of the first problem.
    public init(
        xhtml: String,
        file: String,
        parsedStylesheets: [Stylesheet],
        resourceFolder: URL? = nil,
        styleCache: StyleCache? = nil
    ) throws(MarkupError) {
        let parsed = try Parsed(
            xhtml: xhtml,
            file: file,
            parsedStylesheets: parsedStylesheets,
            resourceFolder: resourceFolder
        )
        // Only sheets with style rules take part in styling: a <style> that holds nothing but the
        // document's own @page rule (its paper size, its page numbers) keeps the shared resolver.
        let allSheets = [try Self.defaults()] + parsed.stylesheets.filter { !$0.rules.isEmpty }
        // A document with style rules of its own gets a resolver of its own.
        let resolver =
            parsed.hasOwnStyles
            ? StyleResolver(sheets: allSheets)
            : (styleCache?.resolver(for: allSheets) ?? StyleResolver(sheets: allSheets))
        let rootTarget = MatchTarget(parsed.root)
        let rootChain = resolver.chainNumber(of: rootTarget, parentChain: -1, ancestors: [])
        var ancestors = [rootTarget]
        let rootStyle = try resolver.resolve(
            MarkupElement(name: "html", location: parsed.root.location),
            parent: ComputedStyle(),
            ancestors: &ancestors,
            parentChain: rootChain
        ).style
        self.body = try resolver.resolve(parsed.body, parent: rootStyle, ancestors: &ancestors, parentChain: rootChain)
        self.title = parsed.title
        self.language = parsed.language
        self.stylesheets = parsed.stylesheets
        self.page = parsed.page
        self.images = parsed.images
    }

    /// A template's output as one standalone HTML5 file, checked as
    /// ``init(xhtml:file:parsedStylesheets:resourceFolder:styleCache:)`` checks it but without
    /// computing styles, which a browser does itself.
    ///
    /// - Parameters:
    ///   - xhtml: The template's output.
    ///   - file: Its name, for errors.
    ///   - parsedStylesheets: Stylesheets from ``CSSParser``, written before `<style>` elements.
    ///   - resourceFolder: Where relative `img src` paths are read from.
    ///   - watermark: A word shown large across the page (the PDF's PAID or VOID), if any.
    /// - Returns: The HTML text.
    /// - Throws: ``MarkupError`` naming file, line and column of the first problem.
    public static func standaloneHTML(
        xhtml: String,
        file: String,
        parsedStylesheets: [Stylesheet],
        resourceFolder: URL? = nil,
        watermark: String? = nil
    ) throws(MarkupError) -> String {
        let parsed = try Parsed(
            xhtml: xhtml,
            file: file,
            parsedStylesheets: parsedStylesheets,
            resourceFolder: resourceFolder
        )
        try Self.checkStyleAttributes(in: parsed.body)
        return HTMLWriter(
            language: parsed.language,
            title: parsed.title,
            stylesheets: parsed.stylesheets,
            images: parsed.images,
            watermark: watermark
        ).document(parsed.body)
    }

    /// The only thing styling can find wrong that parsing does not: a `style` attribute's CSS.
    private static func checkStyleAttributes(in element: MarkupElement) throws(MarkupError) {
        if let inline = element.attributes["style"] {
            _ = try CSSParser.parseDeclarations(inline, at: element.attributeLocations["style"] ?? element.location)
        }
        for case .element(let child) in element.children { try checkStyleAttributes(in: child) }
    }

    /// The parsed tree and what it brings: its stylesheets, `@page`, title, language and images.
    private struct Parsed {
        var root: MarkupElement
        var body: MarkupElement
        var stylesheets: [Stylesheet]
        var hasOwnStyles: Bool
        var page = PageRule()
        var title: String?
        var language: String?
        var images: [String: Data]

        init(
            xhtml: String,
            file: String,
            parsedStylesheets: [Stylesheet],
            resourceFolder: URL?
        ) throws(MarkupError) {
            let found: XHTMLParser.Landmarks
            (root, found) = try XHTMLParser.parseNotingLandmarks(xhtml, file: file)
            stylesheets = parsedStylesheets
            for style in found.styles {
                let at = style.contentLocation ?? style.location
                stylesheets.append(
                    try CSSParser.parse(style.textContent, file: at.file, line: at.line, column: at.column)
                )
            }
            hasOwnStyles = stylesheets.dropFirst(parsedStylesheets.count).contains { !$0.rules.isEmpty }
            guard let bodyElement = found.body else {
                throw root.location.error("the document has no <body>")
            }
            body = bodyElement
            for sheet in stylesheets {
                if let size = sheet.page.size { page.size = size }
                if let margin = sheet.page.margin { page.margin = margin }
                if let location = sheet.page.location { page.location = location }
                // As in CSS, a later margin box changes only what it says: its content, if it has
                // one, and the properties it sets.
                page.marginBoxes.merge(sheet.page.marginBoxes) { old, new in
                    MarginBox(
                        content: new.content.isEmpty ? old.content : new.content,
                        declarations: old.declarations + new.declarations
                    )
                }
            }
            title = found.title?.textContent
            language = root.attributes["lang"] ?? root.attributes["xml:lang"]
            images = try MarkupDocument.loadImages(found.images, from: resourceFolder)
        }
    }

    /// The default stylesheet, parsed once.
    private static let parsedDefaults: Result<Stylesheet, MarkupError> = Result { () throws(MarkupError) in
        try CSSParser.parse(DefaultStyles.css, file: "default.css")
    }

    private static func defaults() throws(MarkupError) -> Stylesheet { try parsedDefaults.get() }

    fileprivate static func loadImages(
        _ elements: [MarkupElement],
        from folder: URL?
    ) throws(MarkupError) -> [String: Data] {
        var images: [String: Data] = [:]
        for image in elements {
            guard let source = image.attributes["src"], !source.isEmpty else {
                throw image.location.error("<img> needs a src attribute")
            }
            if images[source] != nil { continue }
            if source.hasPrefix("data:") {
                guard let comma = source.firstIndex(of: ","), source[..<comma].hasSuffix(";base64"),
                    let data = Data(base64Encoded: String(source[source.index(after: comma)...]))
                else { throw image.location.error("the data URI of <img> is not base64 data") }
                images[source] = data
                continue
            }
            guard !source.contains("://"), !source.hasPrefix("/"), !source.split(separator: "/").contains("..") else {
                throw image.location.error(
                    "image '\(source)' must be a path inside the template folder (no URLs, no '..')"
                )
            }
            let root = (folder ?? URL(fileURLWithPath: ".")).resolvingSymlinksInPath()
            let url = root.appendingPathComponent(source).resolvingSymlinksInPath()
            guard url.path.hasPrefix(root.path + "/") else {
                throw image.location.error("image '\(source)' leads outside the template folder (a symbolic link)")
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw image.location.error("image '\(source)' not found at \(url.path)")
            }
            images[source] = data
        }
        return images
    }
}
