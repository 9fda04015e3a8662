/// The stylesheet every document starts from, as a browser's.
///
/// It makes blocks blocks, headings bold, tables tables. The HTML writer includes it too, so browsers and the PDF agree.
enum DefaultStyles {
    static let css = """
        html, body, div, p, h1, h2, h3, h4, header, footer, main, section, hr, img { display: block }
        head, title, style { display: none }
        table { display: table }
        thead { display: table-header-group }
        tbody { display: table-row-group }
        tfoot { display: table-footer-group }
        tr { display: table-row }
        td, th { display: table-cell; vertical-align: top; padding: 1pt 2pt }
        html, body { margin: 0; padding: 0 }
        body { font-family: "Liberation Sans", sans-serif; font-size: 10pt; color: #000000 }
        h1 { font-size: 2em; font-weight: bold; margin: 0 0 0.4em 0 }
        h2 { font-size: 1.5em; font-weight: bold; margin: 0 0 0.4em 0 }
        h3 { font-size: 1.17em; font-weight: bold; margin: 0 0 0.4em 0 }
        h4 { font-size: 1em; font-weight: bold; margin: 0 0 0.4em 0 }
        p { margin: 0 0 0.6em 0 }
        strong, b, th { font-weight: bold }
        th { text-align: left }
        em, i { font-style: italic }
        a { color: #1f4e79 }
        hr { border-top: 0.5pt solid #888888; margin: 6pt 0 }
        h1, h2, h3, h4 { break-after: avoid }
        table { width: 100% }
        """

    /// Rules browsers need to draw tables and pages as the PDF does, outside the supported subset.
    static let browserAlignment = """
        table { border-collapse: collapse; border-spacing: 0; }
        td, th, div, p, section, header, footer, main, h1, h2, h3, h4, table { box-sizing: content-box; }
        img { max-width: 100%; }
        a { text-decoration: none; }
        @page { font-family: "Liberation Sans", sans-serif; font-size: 8pt; }
        """
}
