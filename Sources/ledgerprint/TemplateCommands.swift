import ArgumentParser
import Billing
import Canvas
import Documents
import Foundation
import HistoryStore

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Renders any template with data from a JSON file, to try a template out.",
        discussion:
            "Example:\n  ledgerprint render invoice my-invoice.json -o try.pdf\n  ledgerprint render letters/welcome.html data.json -o welcome.html"
    )

    @OptionGroup var printing: PrintOptions
    @Argument(help: "A template of the folder (invoice, statement, w9-packet) or a path to a Mustache .html file.")
    var template: String
    @Argument(help: "The data, a JSON object.") var data: String
    @Option(name: .shortAndLong, help: "The output file; .html gives HTML, anything else PDF.") var output: String
    @Flag(help: "Replace an existing file with other content.") var force = false

    func run() throws {
        try ledgerprint.run {
            guard let json = FileManager.default.contents(atPath: data) else {
                throw Failure(.notFound, "cannot read \(data)")
            }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: json)
            } catch {
                let place = JSONPlace.of(error, in: json)
                throw Failure(.invalidInput, "\(data):\(place.line):\(place.column): not valid JSON")
            }
            var templates = try TemplateSet(folder: printing.templateFolder())
            var name = template
            if template.hasSuffix(".html") {
                guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
                    throw Failure(.notFound, "cannot read \(template)")
                }
                name = "custom"
                templates = try templates.adding(text, named: name, file: template)
            }
            let renderer = DocumentRenderer(templates: templates, fonts: try printing.fonts())
            if printing.pdfa { renderer.pdfConformance = .pdfA3b }
            let format: DocumentFormat = output.hasSuffix(".html") ? .html : .pdf
            let title = (object as? [String: Any])?["title"] as? String ?? name
            let rendered = try renderer.render(
                template: name,
                data: object,
                as: format,
                title: title,
                date: CalendarDate("2000-01-01")
            )
            let url = OutputFiles.url(output)
            try Printing.check(rendered, strict: printing.strict, document: name)
            try OutputFiles.write(rendered.data, to: url, force: force)
            OutputFiles.report(
                "wrote \(OutputFiles.name(url)) (\(rendered.pages) page\(rendered.pages == 1 ? "" : "s"))",
                writing: url
            )
        }
    }
}

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Checks a template folder.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Validates templates, stylesheet and labels without printing: every document kind, in every language.",
            discussion: "Example:\n  ledgerprint templates check my-templates/"
        )
        @Argument(help: "The folder (default: ./Templates).") var folder: String?

        func run() throws {
            try ledgerprint.run {
                let url = folder.map { URL(fileURLWithPath: $0) } ?? PrintOptions.defaultTemplateFolder()
                let templates = try TemplateSet(folder: url)
                // Documents parse only what they need; the check parses every file, every language.
                try templates.check()
                let renderer = DocumentRenderer(
                    templates: templates,
                    fonts: try PrintOptions.fonts(templateFolder: url)
                )
                guard
                    let samples =
                        (PrintOptions.search("Samples/history.json")
                            ?? PrintOptions.search("Samples/history.json", from: PrintOptions.executableFolder))
                else {
                    print(
                        "templates in \(url.path) parse; Samples/history.json not found, so their output was not checked"
                    )
                    return
                }
                let demo = try DemoStore(samples: samples)
                defer { demo.remove() }
                try renderer.check(try demo.oneOfEachKind())
                let languages = DocumentLanguage.codes.joined(separator: ", ")
                print(
                    "templates in \(url.path) are valid: every document kind renders in \(languages) (version \(templates.version))"
                )
            }
        }
    }
}
