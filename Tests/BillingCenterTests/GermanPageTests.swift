import BillingCenter
import Canvas
import Documents
import Foundation
import LedgerprintTestSupport
import Testing

/// The pages speak German as they speak Italian and English, with dates and amounts written as the
/// German documents write them, and no language may miss a word the others have.
@Suite("The Billing Center in German")
struct GermanPageTests {
    @Test func pagesSpeakGermanWhenAskedWithGermanDatesAndAmounts() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.marco, "marco-password-1")
            let overview = String(buffer: try await browser.send(.get, "/accounts/KLEIN-DE?lang=de").body)
            #expect(browser.cookies["lp_lang"] == "de")
            #expect(overview.contains("<html lang=\"de\">"))
            #expect(overview.contains("Zahlungsart"))
            #expect(overview.contains("Nächste Abrechnung"))
            let invoices = String(buffer: try await browser.send(.get, "/accounts/KLEIN-DE/invoices").body)
            #expect(invoices.contains("Rechnungen und Gutschriften"))
            // German dates are 27.11.2026 and amounts 1.234,56 € — never Nov 27, 2026 or €1,234.56.
            let germanDate = try Regex(#"\b\d{2}\.\d{2}\.20\d{2}\b"#)
            let germanAmount = try Regex(#"\d,\d{2}(&#160;| |\u{00A0})€"#)
            #expect(invoices.contains(germanDate))
            #expect(invoices.contains(germanAmount), "\(invoices)")
            #expect(!invoices.contains(try Regex(#"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, 20"#)))
            #expect(!invoices.contains("€1") && !invoices.contains("€ 1"))
        }
    }

    @Test func aGermanBrowserGetsGermanPages() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let page = try await client.executeRequest(
                uri: "/sign-in",
                method: .get,
                headers: [.acceptLanguage: "de-DE,de;q=0.9,en;q=0.5"]
            )
            let html = String(buffer: page.body)
            #expect(html.contains("<html lang=\"de\">"))
            #expect(html.contains("Beim Kundenportal anmelden"))
        }
    }

    @Test func everyWebLanguageHasEveryKeyOfTheOthers() throws {
        let folder = repositoryRoot.appendingPathComponent("Templates/web/labels")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files).isSuperset(of: ["en.json", "it.json", "de.json"]))
        var keys: [String: Set<String>] = [:]
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            let words = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String], "\(file)")
            keys[file] = Set(words.keys)
            let empty = words.filter { $0.value.isEmpty }.keys.sorted()
            #expect(empty.isEmpty, "\(file) has empty labels: \(empty)")
        }
        let all = keys.values.reduce(Set<String>()) { $0.union($1) }
        for (file, own) in keys.sorted(by: { $0.key < $1.key }) {
            #expect(all.subtracting(own).isEmpty, "\(file) misses \(all.subtracting(own).sorted())")
        }
    }

    @Test func aKeyMissingFromTheGermanLabelsStopsTheCenterNamingFileAndKey() throws {
        let fixture = try WebFixture()
        let folder = fixture.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let german = folder.appendingPathComponent("web/labels/de.json")
        var words = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: german)) as? [String: String])
        words["toPay"] = nil
        try JSONSerialization.data(withJSONObject: words).write(to: german)
        let fonts = try FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"))
        do {
            _ = try BillingCenter(store: fixture.store, templateFolder: folder, fonts: fonts)
            Issue.record("a Billing Center started with a German labels file missing a key")
        } catch {
            #expect(error.description.contains("de.json"), "\(error.description)")
            #expect(error.description.contains("key 'toPay' is missing"), "\(error.description)")
        }
    }
}
