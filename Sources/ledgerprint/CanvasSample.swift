import Canvas
import Foundation

/// A one-page invoice-like sample drawn directly with `Canvas`, to check a machine's set-up.
struct CanvasSample {
    let fonts: FontLibrary

    private let margin = 51.0  // 18 mm
    private let accent = Color(rgb: 0x1F4E79)
    private let rule = Color(rgb: 0xBBBBBB)

    func document() throws -> PDFDocument {
        let issued = Date(timeIntervalSince1970: 1_795_737_600)  // 2026-11-27
        let pdf = try PDFDocument(
            metadata: PDFMetadata(
                title: "Ledgerprint — Canvas sample",
                author: "Ledgerprint",
                subject: "A page drawn with Cairo and Pango",
                keywords: "sample, canvas",
                creationDate: issued
            )
        )
        try pdf.addPage { page in
            var y = margin
            y = try heading(on: page, at: y)
            y = try lines(on: page, at: y + 24)
            try footer(on: page)
        }
        pdf.addOutlineEntry(title: "Canvas sample", page: 1)
        return pdf
    }

    private func heading(on page: Page, at top: Double) throws -> Double {
        let title = try TextLayout("FATTURA", style: TextStyle(size: 20, weight: .bold, color: accent), fonts: fonts)
        try page.draw(title, at: Point(x: margin, y: top))
        let details = try TextLayout(
            "Numero: 2026/0001\nData: 27/11/2026\nScadenza: 27/12/2026",
            style: TextStyle(size: 9),
            paragraph: ParagraphStyle(width: 200, alignment: .right),
            fonts: fonts
        )
        try page.draw(details, at: Point(x: page.size.width - margin - 200, y: top))
        return top + max(title.height, details.height)
    }

    private func lines(on page: Page, at top: Double) throws -> Double {
        let rows = [
            ("Descrizione", "Postazioni", "Importo"),
            ("Webinar Pro — canone mensile, novembre 2026", "25", "€ 1.250,00"),
            ("Postazioni aggiuntive dal 12/11/2026 (proporzionale)", "5", "€ 158,33"),
            ("Supporto prioritario", "1", "€ 99,00"),
        ]
        let widths = [300.0, 80, 113]
        var y = top
        for (index, row) in rows.enumerated() {
            let style = TextStyle(size: 9, weight: index == 0 ? .bold : .regular)
            let cells = [row.0, row.1, row.2]
            let layouts = try cells.enumerated().map { column, text in
                try TextLayout(
                    text,
                    style: style,
                    paragraph: ParagraphStyle(width: widths[column] - 8, alignment: column == 0 ? .left : .right),
                    fonts: fonts
                )
            }
            let height = (layouts.map(\.height).max() ?? 0) + 8
            if index == 0 {
                try page.fill(
                    Rect(x: margin, y: y, width: widths.reduce(0, +), height: height),
                    with: Color(rgb: 0xE6E6E6)
                )
            }
            var x = margin
            for (column, layout) in layouts.enumerated() {
                try page.draw(layout, at: Point(x: x + 4, y: y + 4))
                x += widths[column]
            }
            y += height
            try page.line(from: Point(x: margin, y: y), to: Point(x: x, y: y), color: rule)
        }
        return y
    }

    private func footer(on page: Page) throws {
        let note = try TextLayout(
            [
                TextRun(
                    "Disegnato con Cairo e Pango — perché la città è più bella. Documentazione: ",
                    style: TextStyle(size: 8)
                ),
                TextRun(
                    "ledgerprint.invalid/docs",
                    style: TextStyle(size: 8, color: accent, underline: true),
                    link: "https://ledgerprint.invalid/docs"
                ),
            ],
            paragraph: ParagraphStyle(width: page.size.width - 2 * margin),
            fonts: fonts
        )
        try page.draw(note, at: Point(x: margin, y: page.size.height - margin - note.height))
    }
}
