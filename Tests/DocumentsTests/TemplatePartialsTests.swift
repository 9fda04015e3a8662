import Billing
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

/// The partials of `Templates/partials/` that the document templates share (docs/templates.md, "Partials").
@Suite("Template partials")
struct TemplatePartialsTests {
    /// Every document of the samples, and a vendor form and a regional form beside the W-9.
    static func documents(_ samples: SampleStore) throws -> [(name: String, document: PrintableDocument)] {
        let rep = Actor.representative(name: "Marco Neri")
        for (id, type, form) in [
            ("W9-VF", W9FormType.vendorForm, nil),
            ("W9-RF", .regionalForm, try RegionalForm(region: "US-CA", name: "Form 590")),
        ] {
            try samples.store.apply(
                StoreEvent(
                    date: try CalendarDate("2026-11-27"),
                    actor: rep,
                    action: .requestW9(
                        requestID: id,
                        accountID: "GLOBEX-US",
                        formType: type,
                        details: "x",
                        regionalForm: form
                    )
                )
            )
        }
        return try everyDocument(in: samples)
    }

    /// A copy of the templates as they were before partials: no `partials/` folder, every block in place.
    static func folderFromBeforePartials() throws -> URL {
        let folder = try copyOfTemplates()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("partials"))
        let old = repositoryRoot.appendingPathComponent("Tests/DocumentsTests/__Snapshots__/templates-before-partials")
        for file in try FileManager.default.contentsOfDirectory(atPath: old.path) {
            let target = folder.appendingPathComponent(file)
            try FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: old.appendingPathComponent(file), to: target)
        }
        return folder
    }

    @Test func aUsersFolderFromBeforePartialsPrintsEveryKindAsTheSharedPartialsDo() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let old = try Self.folderFromBeforePartials()
        defer { try? FileManager.default.removeItem(at: old) }
        let current = try makeRenderer()
        let before = try DocumentRenderer(templateFolder: old, fonts: projectFonts())
        let documents = try Self.documents(samples)
        let kinds = Set(documents.map { $0.name.split(separator: " ").first.map(String.init) ?? "" })
        #expect(kinds.isSuperset(of: ["invoice", "quote", "statement", "W-9", "reminder", "credit"]), "\(kinds)")
        for (name, document) in documents {
            let new = try current.render(document, as: .html)
            let was = try before.render(document, as: .html)
            // Only the caption over the customer of a quote and a reminder was reworded since.
            let unchanged = { (html: String) in
                html.replacingOccurrences(
                    of: #"<p class="caption">[^<]*</p>\s*<p><strong>"#,
                    with: "",
                    options: .regularExpression
                )
            }
            #expect(
                unchanged(String(decoding: new.data, as: UTF8.self))
                    == unchanged(String(decoding: was.data, as: UTF8.self)),
                "\(name) prints otherwise with the old templates"
            )
        }
    }

    /// A quote is not a bill: its customer is captioned "Angebot für", not "Rechnungsempfänger"; a
    /// reminder's is the customer.
    @Test(arguments: [
        ("de", "Angebot für", "Kunde"), ("en", "Quote for", "Customer"), ("it", "Preventivo per", "Cliente"),
    ])
    func quotesAndRemindersCaptionTheCustomerInTheirOwnWords(
        language: String,
        quote: String,
        reminder: String
    )
        throws
    {
        let samples = try SampleStore()
        defer { samples.remove() }
        let renderer = try makeRenderer()
        let billTo = try #require(renderer.templates.labels[language]?["billTo"])
        var seen: Set<String> = []
        for (name, document) in try everyDocument(in: samples) {
            let expected: String
            switch document {
            case .quote: expected = quote
            case .reminder: expected = reminder
            default: continue
            }
            let html = String(
                decoding: try renderer.render(document, as: .html, language: language).data,
                as: UTF8.self
            )
            #expect(html.contains("<p class=\"caption\">\(expected)</p>"), "\(name) in \(language)")
            #expect(!html.contains("<p class=\"caption\">\(billTo)</p>"), "\(name) in \(language)")
            seen.insert(expected)
        }
        #expect(seen == [quote, reminder])
    }

    @Test func theLetterheadIsEditedOnceAndEveryKindOfDocumentShowsIt() throws {
        let samples = try SampleStore()
        defer { samples.remove() }
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        let letterhead = folder.appendingPathComponent("partials/letterhead.html")
        let text = try String(contentsOf: letterhead, encoding: .utf8)
        try text.replacingOccurrences(
            of: "</td>",
            with: "  <p class=\"small\">Registered office: Example Row 7</p>\n</td>"
        ).write(to: letterhead, atomically: true, encoding: .utf8)
        let renderer = try DocumentRenderer(templateFolder: folder, fonts: projectFonts())
        for (name, document) in try Self.documents(samples) {
            let html = String(decoding: try renderer.render(document, as: .html).data, as: UTF8.self)
            #expect(html.contains("Registered office: Example Row 7"), "\(name)")
        }
    }

    @Test func aTemplateNamingAPartialTheFolderLacksGetsTheFileLineAndWhereTheyLive() throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("partials/customer.html"))
        do {
            try TemplateSet(folder: folder).check()
            Issue.record("a folder without the customer partial loaded")
        } catch {
            // The invoice's and quote's parties table is a partial that includes it.
            let parties = folder.appendingPathComponent("partials/parties.html").path
            #expect(error.description.hasPrefix("\(parties):3:5: Mustache: it includes 'customer'"), "\(error)")
            #expect(error.description.contains("a partial is the file partials/customer.html"), "\(error)")
        }
    }

    @Test(arguments: [
        ("invoice.html", "a partial may not be named like the document template invoice.html"),
        ("Cover Letter.html", "a partial's name is lower-case letters, digits and '-'"),
    ])
    func aPartialThatCouldNotBeIncludedIsRefusedWhenTheFolderLoads(file: String, message: String) throws {
        let folder = try copyOfTemplates()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<p>x</p>\n".write(
            to: folder.appendingPathComponent("partials/\(file)"),
            atomically: true,
            encoding: .utf8
        )
        #expect {
            _ = try TemplateSet(folder: folder)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}
