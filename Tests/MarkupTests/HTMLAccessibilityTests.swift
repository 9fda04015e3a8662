import Markup
import Testing

/// What the HTML output tells a screen reader: the language, and which cells head which.
@Suite("HTML for screen readers")
struct HTMLAccessibilityTests {
    private func html(_ body: String, language: String = "de") throws -> String {
        try MarkupDocument(
            xhtml: "<html lang=\"\(language)\"><head><title>Doc</title></head><body>\(body)</body></html>",
            file: "t.html",
            stylesheets: []
        ).standaloneHTML()
    }

    @Test func headerCellsSayWhetherTheyHeadTheirColumnOrTheirRow() throws {
        let text = try html(
            """
            <table><thead><tr><th>Monat</th><td>Notiz</td></tr></thead>
            <tbody><tr><th>Gesamt</th><th>Betrag</th></tr><tr><th>Januar</th><td>10,00 €</td></tr></tbody></table>
            """
        )
        // In the thead, and in a row of header cells: columns. Beside data cells: its row.
        #expect(text.contains("<th scope=\"col\">Monat</th>"))
        #expect(text.contains("<th scope=\"col\">Gesamt</th><th scope=\"col\">Betrag</th>"))
        #expect(text.contains("<th scope=\"row\">Januar</th><td>10,00 €</td>"))
    }

    @Test func theDocumentsLanguageIsTheHTMLsLanguage() throws {
        #expect(try html("<p>Ciao</p>", language: "it").contains("<html lang=\"it\">"))
    }
}
