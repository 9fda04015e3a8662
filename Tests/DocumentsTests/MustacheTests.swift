import Foundation
import Testing

@testable import Documents

/// The template engine against cases of the Mustache specification
/// (https://github.com/mustache/spec: interpolation, sections, inverted, comments, partials,
/// delimiters, inheritance), since anyone editing `Templates/` expects standard Mustache.
@Suite("Mustache")
struct MustacheTests {
    private func render(
        _ template: String,
        _ data: Any,
        partials: [String: String] = [:]
    ) throws -> String {
        var library: [String: MustacheTemplate] = [:]
        for (name, text) in partials { library[name] = try MustacheTemplate(text) }
        return try MustacheTemplate(template).render(TemplateValue(json: data), partials: library)
    }

    @Test(arguments: [
        ("Hello, {{subject}}!", #"{"subject": "world"}"#, "Hello, world!"),
        ("{{forbidden}}", #"{"forbidden": "& \" < > '"}"#, "&amp; &quot; &lt; &gt; &#39;"),
        ("{{{forbidden}}}", #"{"forbidden": "& \" < >"}"#, #"& " < >"#),
        ("{{&forbidden}}", #"{"forbidden": "& \" < >"}"#, #"& " < >"#),
        ("I ({{cannot}}) be seen!", #"{}"#, "I () be seen!"),
        ("{{a.b.c}} == {{#a}}{{b.c}}{{/a}}", #"{"a": {"b": {"c": "Phil"}}}"#, "Phil == Phil"),
        ("{{a.b.c}}", #"{"a": {"b": {}}, "c": "ERROR"}"#, ""),
        ("{{#a}}{{b.c}}{{/a}}", #"{"a": {"b": {}}, "b": {"c": "ERROR"}}"#, ""),
        ("|{{ string }}|", #"{"string": "---"}"#, "|---|"),
        ("{{n}} {{f}} {{t}}", #"{"n": 85, "f": 1.5, "t": true}"#, "85 1.5 true"),
    ])
    func interpolation(template: String, json: String, expected: String) throws {
        #expect(try render(template, Self.data(json)) == expected)
    }

    @Test(arguments: [
        (#""{{#boolean}}This should be rendered.{{/boolean}}""#, #"{"boolean": true}"#, #""This should be rendered.""#),
        (#""{{#boolean}}This should not be rendered.{{/boolean}}""#, #"{"boolean": false}"#, #""""#),
        (#""{{#context}}Hi {{name}}.{{/context}}""#, #"{"context": {"name": "Joe"}}"#, #""Hi Joe.""#),
        (#""{{#list}}{{item}}{{/list}}""#, #"{"list": [{"item": 1}, {"item": 2}, {"item": 3}]}"#, #""123""#),
        (#""{{#list}}Yay lists!{{/list}}""#, #"{"list": []}"#, #""""#),
        (#""{{#list}}({{.}}){{/list}}""#, #"{"list": ["a", "b"]}"#, #""(a)(b)""#),
        ("{{#a}}{{one}}{{#b}}{{one}}{{two}}{{/b}}{{/a}}", #"{"a": {"one": 1}, "b": {"two": 2}}"#, "112"),
        ("{{#a}}{{one}}{{#b}}{{one}}{{two}}{{/b}}{{/a}}", #"{"a": {"one": 1, "b": {"two": 2}}}"#, "112"),
        (
            #""{{^boolean}}This should be rendered.{{/boolean}}""#, #"{"boolean": false}"#,
            #""This should be rendered.""#
        ),
        (#""{{^list}}Yay lists!{{/list}}""#, #"{"list": []}"#, #""Yay lists!""#),
        (#""{{^missing}}Found nothing{{/missing}}""#, #"{}"#, #""Found nothing""#),
        (#""{{#a.b.c}}Here{{/a.b.c}}""#, #"{"a": {"b": {"c": true}}}"#, #""Here""#),
        (#""{{#text}}[{{.}}]{{/text}}""#, #"{"text": ""}"#, #""[]""#),
    ])
    func sections(template: String, json: String, expected: String) throws {
        #expect(try render(template, Self.data(json)) == expected)
    }

    private static func data(_ json: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(json.utf8))
    }

    @Test func standaloneLinesDisappearAndIndentedPartialsKeepTheirIndentation() throws {
        #expect(
            try render("| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", ["boolean": true])
                == "| This Is\n|\n| A Line\n"
        )
        #expect(try render("  {{#boolean}}YES{{/boolean}}\n", ["boolean": true]) == "  YES\n")
        #expect(try render("Begin.\n{{! Comment Block! }}\nEnd.\n", [:]) == "Begin.\nEnd.\n")
        #expect(try render("|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", ["boolean": true]) == "|\r\n|")
        #expect(try render("  {{#boolean}}\n#{{/boolean}}\n/", ["boolean": true]) == "#\n/")
        #expect(
            try render("\\\n {{>partial}}\n/\n", ["content": "<\n->"], partials: ["partial": "|\n{{{content}}}\n|\n"])
                == "\\\n |\n <\n->\n |\n/\n"
        )
        #expect(try render("{{=<% %>=}}(<%text%>)", ["text": "Hey!"]) == "(Hey!)")
        #expect(
            try render("[ {{>partial}} ]", ["text": "content"], partials: ["partial": "*{{text}}*"]) == "[ *content* ]"
        )
        #expect(try render("[{{>missing}}]", [:]) == "[]")
    }

    @Test func inheritanceOverridesBlocksAndReindentsThem() throws {
        let parent = "<h1>{{$title}}Default{{/title}}</h1>\n<div>\n  {{$body}}{{/body}}\n</div>\n"
        #expect(
            try render("{{<parent}}{{/parent}}", [:], partials: ["parent": parent])
                == "<h1>Default</h1>\n<div>\n</div>\n"
        )
        #expect(
            try render(
                "{{<parent}}\n{{$title}}Mine{{/title}}\n{{$body}}\n<p>{{text}}</p>\n<p>two</p>\n{{/body}}\n{{/parent}}\n",
                ["text": "one"],
                partials: ["parent": parent]
            ) == "<h1>Mine</h1>\n<div>\n  <p>one</p>\n  <p>two</p>\n</div>\n"
        )
        // The specification's "standalone block": the override's lines take the block's indentation.
        let standalone = try render(
            "{{<parent}}\n{{$block}}\none\n\ntwo\n{{/block}}\n{{/parent}}\n",
            [:],
            partials: ["parent": "Hi,\n  {{$block}}{{/block}}\n"]
        )
        #expect(standalone == "Hi,\n  one\n\n  two\n", "\(standalone.debugDescription)")
    }

    /// A block inside a line of an indented partial (the customer's caption inside `parties.html`)
    /// keeps its line: the override is not indented as if it started one.
    @Test func anInlineBlockOfAnIndentedPartialIsNotIndented() throws {
        let partials = [
            "table": "<tr>\n  {{>cell}}\n</tr>\n",
            "cell": "<td>\n  <p class=\"caption\">{{$caption}}Bill to{{/caption}}</p>\n</td>\n",
        ]
        let overridden = try render(
            "{{<table}}\n{{$caption}}Quote for{{/caption}}\n{{/table}}\n",
            [:],
            partials: partials
        )
        #expect(overridden == "<tr>\n  <td>\n    <p class=\"caption\">Quote for</p>\n  </td>\n</tr>\n")
        #expect(
            try render("{{>table}}", [:], partials: partials)
                == overridden.replacingOccurrences(
                    of: "Quote for",
                    with: "Bill to"
                )
        )
    }

    @Test func aTemplateThatIncludesItselfStopsInsteadOfCrashing() throws {
        #expect(throws: MustacheTemplate.RenderError.self) {
            try render("{{>self}}", [:], partials: ["self": "x{{>self}}"])
        }
    }

    @Test(arguments: [
        ("{{#a}}\n{{/b}}", 2, 1, "{{/b}} closes 'b' but the open section is 'a'"),
        ("line\n  {{#open}}", 2, 3, "'open' is opened here and never closed"),
        ("{{/a}}", 1, 1, "{{/a}} closes a section that was never opened"),
        ("é {{name", 1, 3, "the tag is not closed with }}"),
        ("{{}}", 1, 1, "the tag has no name"),
        ("{{a b}}", 1, 1, "the name 'a b' contains a space"),
        ("{{=<%>=}}", 1, 1, "a delimiter change looks like {{=<% %>=}}"),
    ])
    func syntaxErrorsNameTheLineAndColumn(template: String, line: Int, column: Int, reason: String) {
        do {
            _ = try MustacheTemplate(template)
            Issue.record("parsed \(template)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.reason == reason)
        }
    }

    @Test(arguments: [false, true])
    func aStatementRowBuiltAtOnceIsTheValueItsCodableFieldsGive(zebra: Bool) throws {
        let row = ActivityView(
            date: "05/03/2026",
            reference: "2026/0007",
            description: "Webinar Pro, 3 posti",
            charge: "1.234,56",
            credit: "",
            balance: "-12,00",
            chargeValue: 123_456,
            creditValue: 0,
            balanceValue: -1_200,
            zebra: zebra
        )
        // The row through `Encoder`, as every other view model is read.
        let encoder = TemplateValueEncoder()
        try row.encode(to: encoder)
        #expect(row.templateValue == encoder.result)
        #expect(try TemplateValue(encoding: [row, row]) == .list([encoder.result, encoder.result]))
    }

    @Test func viewModelsBecomeValuesThroughTheirCodableFields() throws {
        let line = LineView(
            description: "Seats",
            period: nil,
            quantity: "3",
            unitPrice: "€ 1,00",
            amount: "€ 3,00",
            zebra: true
        )
        let value = try TemplateValue(encoding: line)
        guard case .object(let members) = value else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(members["description"] == .text("Seats"))
        #expect(members["zebra"] == .flag(true))
        #expect(members["period"] == nil, "a nil optional is left out, so {{^period}} shows")
        #expect(
            try MustacheTemplate("{{description}}{{^period}} (no period){{/period}}").render(value, partials: [:])
                == "Seats (no period)"
        )
    }

    @Test func aTemplateFolderWhoseTemplateIncludesAnUnknownTemplateDoesNotLoad() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let statement = folder.appendingPathComponent("statement.html")
        let text = try String(contentsOf: statement, encoding: .utf8)
        try text.replacingOccurrences(of: "base}}", with: "bsae}}").write(
            to: statement,
            atomically: true,
            encoding: .utf8
        )
        do {
            try TemplateSet(folder: folder).check()
            Issue.record("a template naming a missing parent loaded")
        } catch {
            #expect(error.description.hasPrefix("\(statement.path):1:1: Mustache: it includes 'bsae'"))
        }
    }
}
