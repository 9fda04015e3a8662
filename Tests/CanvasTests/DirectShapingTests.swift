import Foundation
import LedgerprintTestSupport
import Testing

@testable import Canvas

/// One-line paragraphs in one font are shaped without a Pango layout.
///
/// They must measure, print and
/// extract exactly as the layout sets them; text the short way cannot handle must still be set by
/// the layout.
@Suite("Direct shaping")
struct DirectShapingTests {
    /// What a statement and an invoice print: dates, amounts, references, Italian and English words,
    /// accents, typographic punctuation and currency signs, kerning pairs, script-neutral text.
    static let texts = [
        "12/03/2026", "1.234,56", "€ 1.234,56", "-€ 99,00", "$1,234.56", "£ 12.00", "0,00", "2026/0001",
        "Rinnovo abbonamento Webinar Pro – 25 posti", "Nota di credito n. 2026/0007", "AVToWA Ty Yo",
        "perché la città è più bella", "Società «Webinar» S.r.l. — IVA 22%", "“quoted” ‘single’ … •",
        "Straße Ærø Œuvre Łódź ŠKODA", "IT01234567890", "P.IVA / C.F.", "fi fl ffi", "(+39) 02 1234 5678",
        "Totale documento", "   spaced   out   ", "Ü", "#", "100%", "Net 30 — PO 4500012345",
    ]

    static let styles = [
        TextStyle(size: 8),
        TextStyle(size: 8, weight: .bold),
        TextStyle(size: 10.5, italic: true),
        TextStyle(family: "DejaVu Sans", size: 9),
        TextStyle(family: "Liberation Serif", size: 13.5, weight: .bold, italic: true),
        TextStyle(family: "Liberation Mono", size: 7),
    ]

    /// Two font libraries: one shaping directly where it can, one always through Pango's layout.
    struct BothWays {
        let direct: FontLibrary
        let layout: FontLibrary

        init() throws {
            direct = try projectFonts()
            layout = try projectFonts()
            layout.directShaping = false
        }

        /// `runs` set both ways, and expected to measure alike: width, height, baseline, every line.
        @discardableResult
        func set(
            _ runs: [TextRun],
            _ paragraph: ParagraphStyle = ParagraphStyle(),
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> (fast: TextLayout, slow: TextLayout) {
            let fast = try TextLayout(runs, paragraph: paragraph, fonts: direct)
            let slow = try TextLayout(runs, paragraph: paragraph, fonts: layout)
            let text = runs.map(\.text).joined()
            #expect(slow.shaped == nil, "\(text)", sourceLocation: sourceLocation)
            #expect(fast.width == slow.width, "\(text)", sourceLocation: sourceLocation)
            #expect(fast.height == slow.height, "\(text)", sourceLocation: sourceLocation)
            #expect(fast.baseline == slow.baseline, "\(text)", sourceLocation: sourceLocation)
            #expect(fast.lines == slow.lines, "\(text)", sourceLocation: sourceLocation)
            return (fast, slow)
        }
    }

    /// The same text measured both ways gives the same width, height, baseline and line.
    @Test(arguments: styles)
    func measuresAsThePangoLayoutDoes(style: TextStyle) throws {
        let both = try BothWays()
        for text in Self.texts {
            #expect(try both.set([TextRun(text, style: style)]).fast.shaped != nil, "\(text) was shaped directly")
        }
    }

    /// Three hundred made-up lines of the plain characters, in one to three styles each, measure the
    /// same both ways: the handpicked texts above are not the only ones that agree.
    @Test func madeUpLinesMeasureAsThePangoLayoutDoes() throws {
        let both = try BothWays()
        let alphabet = Array(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     .,;:-/()'\"%&àèéìòùÀÉÈçÇßñÑøØæÆœŒ€£$¥–—‘’“”…•«»°±×÷¿¡ĄąŁłŠšŽžŐő"
        )
        var random = SplitMix(seed: 20_261_128)
        var shapedDirectly = 0
        for _ in 0..<300 {
            let runs = (0...random.next(below: 3)).map { _ in
                let length = 1 + random.next(below: 24)
                let text = String((0..<length).map { _ in alphabet[random.next(below: alphabet.count)] })
                return TextRun(text, style: Self.styles[random.next(below: Self.styles.count)])
            }
            if try both.set(runs).fast.shaped != nil { shapedDirectly += 1 }
        }
        #expect(shapedDirectly == 300, "every made-up line is plain text the fonts have")
    }

    /// Paragraphs of several styles on one line: a bold amount after a label, smaller grey text
    /// after a date, two families of different heights, neutral text before a word, runs of one
    /// style in a row (Pango joins them), an empty run.
    static let mixed: [[TextRun]] = [
        [TextRun("Totale "), TextRun("€ 1.234,56", style: TextStyle(weight: .bold))],
        [
            TextRun("12/03/2026", style: TextStyle(size: 8)),
            TextRun(" – ", style: TextStyle(size: 8, color: Color(rgb: 0x777777))),
            TextRun("Rinnovo annuale", style: TextStyle(size: 10, italic: true)),
        ],
        [TextRun("AV", style: TextStyle(family: "DejaVu Sans", size: 14)), TextRun("To", style: TextStyle(size: 9))],
        [TextRun("12 "), TextRun("Data", style: TextStyle(weight: .bold)), TextRun(" 2026/0001")],
        [TextRun("Numero"), TextRun(" "), TextRun("2026/0001"), TextRun(""), TextRun(" — PO-77")],
        [TextRun("1.234"), TextRun(",56", style: TextStyle(size: 7))],
    ]

    @Test func mixedStylesOnOneLineMeasureAsThePangoLayoutDoes() throws {
        let both = try BothWays()
        for runs in Self.mixed {
            #expect(try both.set(runs).fast.shaped != nil, "\(runs.map(\.text).joined()) was shaped directly")
        }
    }

    /// Text the short way must not take, set both ways: the results are the layout's.
    @Test func leavesEverythingElseToTheLayout() throws {
        let both = try BothWays()
        let cases: [(String, ParagraphStyle)] = [
            ("due\nrighe", ParagraphStyle()),
            ("مرحبا بالعالم", ParagraphStyle()),
            ("Fattura שלום 12", ParagraphStyle()),
            ("tab\there", ParagraphStyle()),
            ("soft\u{AD}hyphen", ParagraphStyle()),
            ("emoji 🎉 here", ParagraphStyle()),
            ("Ελληνικά και русский", ParagraphStyle()),
            ("e\u{301} combining", ParagraphStyle()),
            (String(repeating: "parola ", count: 40), ParagraphStyle(width: 120)),
            ("centred in a width", ParagraphStyle(width: 300, alignment: .center)),
            ("ellipsis at the end of a long line", ParagraphStyle(width: 60, wrap: .none, ellipsis: .end)),
            ("spaced lines", ParagraphStyle(lineSpacing: 1.5)),
        ]
        let linked = [TextRun("Vedi "), TextRun("le condizioni", link: "https://webinarseats.example/termini")]
        let underlined = [TextRun("Totale "), TextRun("dovuto", style: TextStyle(underline: true))]
        for runs in [linked, underlined] {
            #expect(try both.set(runs).fast.shaped == nil, "\(runs.map(\.text).joined()) went through the layout")
        }
        for (text, paragraph) in cases {
            #expect(try both.set([TextRun(text)], paragraph).fast.shaped == nil, "\(text) went through the layout")
        }
    }

    /// A page drawn both ways prints the same words in the same places, as pdftotext reads them.
    /// (Pango's whole-layout drawing puts the baseline 2/1024 pt higher than its own line drawing,
    /// which the direct way matches: a thousandth of a millimetre.)
    @Test func printsTheSameWordsInTheSamePlaces() throws {
        func page(directShaping: Bool) throws -> Data {
            let fonts = try projectFonts()
            fonts.directShaping = directShaping
            let pdf = try PDFDocument(metadata: PDFMetadata(title: "Prova", creationDate: fixedDate))
            try pdf.addPage { page in
                var y = 40.0
                for (index, text) in Self.texts.enumerated() {
                    let style = Self.styles[index % Self.styles.count]
                    let layout = try TextLayout(text, style: style, fonts: fonts)
                    try page.draw(layout, at: Point(x: 40, y: y))
                    try page.draw(layout, lines: 0..<1, at: Point(x: 320, y: y))
                    y += layout.height + 4
                }
                for runs in Self.mixed {
                    try page.draw(TextLayout(runs, fonts: fonts), at: Point(x: 40, y: y))
                    y += 16
                }
                try page.draw(
                    TextLayout("BOZZA", style: TextStyle(size: 60, color: Color(rgb: 0xCC0000)), fonts: fonts),
                    at: Point(x: 200, y: 500),
                    rotation: -0.5
                )
            }
            return try pdf.finish()
        }
        let direct = try page(directShaping: true)
        let layout = try page(directShaping: false)
        // In reading order the two columns' words interleave by a thousandth of a point: compare
        // them sorted by text and place instead.
        func sorted(_ words: [(text: String, x: Double, y: Double)]) -> [(text: String, x: Double, y: Double)] {
            words.sorted {
                ($0.text, ($0.x * 10).rounded(), ($0.y * 10).rounded()) < (
                    $1.text, ($1.x * 10).rounded(), ($1.y * 10).rounded()
                )
            }
        }
        let words = sorted(try Self.words(direct))
        let expected = sorted(try Self.words(layout))
        #expect(words.count == expected.count && words.count > 100)
        for (word, other) in zip(words, expected) {
            #expect(word.text == other.text)
            #expect(abs(word.x - other.x) < 0.01 && abs(word.y - other.y) < 0.01, "\(word) \(other)")
        }
        #expect(words.contains { $0.text == "Società" } && words.contains { $0.text == "1.234,56" })
        // The rotated watermark comes out a letter at a time.
        #expect(words.filter { ["B", "O", "Z", "A"].contains($0.text) }.count == 5)
    }

    /// Lines of text are shown together, but never after something drawn later: a rectangle drawn
    /// over text hides it, text drawn over a rectangle shows.
    @Test func textKeepsItsPlaceAmongOtherDrawing() throws {
        let fonts = try projectFonts()
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Ordine", creationDate: fixedDate))
        try pdf.addPage(size: PageSize(width: 400, height: 300)) { page in
            let text = try TextLayout("MMMMMM", style: TextStyle(size: 40, weight: .bold), fonts: fonts)
            try page.draw(text, at: Point(x: 20, y: 20))
            try page.fill(Rect(x: 0, y: 0, width: 400, height: 100), with: .white)
            try page.fill(Rect(x: 0, y: 150, width: 400, height: 100), with: Color(rgb: 0xDDDDDD))
            try page.draw(text, at: Point(x: 20, y: 170))
        }
        let (width, pixels) = try Self.grayPixels(pdf.finish())
        func darkPixels(rows: Range<Int>) -> Int {
            rows.reduce(0) { sum, row in sum + pixels[row * width..<(row + 1) * width].filter { $0 < 100 }.count }
        }
        #expect(darkPixels(rows: 0..<100) == 0, "the white rectangle covers the text drawn before it")
        #expect(darkPixels(rows: 150..<250) > 500, "text drawn after the grey rectangle shows on it")
    }

    /// The page rendered at 72 dpi in grey levels: its width and one byte per pixel.
    static func grayPixels(_ pdf: Data) throws -> (width: Int, pixels: [UInt8]) {
        let folder = try temporaryFolder("pixels")
        defer { try? FileManager.default.removeItem(at: folder) }
        try pdf.write(to: folder.appendingPathComponent("page.pdf"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
        process.arguments = ["-gray", "-r", "72", "-singlefile", "page.pdf", "page"]
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: folder.appendingPathComponent("page.pgm"))
        // A binary PGM: "P5", width, height and maximum, each followed by white space, then the pixels.
        var fields: [Int] = []
        var index = 2
        while fields.count < 3 {
            while data[index] == 0x20 || data[index] == 0x0A { index += 1 }
            var number = 0
            while (0x30...0x39).contains(data[index]) {
                number = number * 10 + Int(data[index] - 0x30)
                index += 1
            }
            fields.append(number)
        }
        let pixels = [UInt8](data[(index + 1)...])
        #expect(pixels.count == fields[0] * fields[1])
        return (fields[0], pixels)
    }

    /// Each word pdftotext finds, with the top-left corner of its box.
    static func words(_ pdf: Data) throws -> [(text: String, x: Double, y: Double)] {
        try poppler("pdftotext", ["-bbox"], on: pdf).split(separator: "\n").compactMap { line in
            guard line.contains("<word "), let open = line.firstIndex(of: ">"),
                let close = line.range(of: "</word>")?.lowerBound
            else { return nil }
            func number(_ name: String) -> Double {
                guard let start = line.range(of: name + "=\"")?.upperBound,
                    let end = line[start...].firstIndex(of: "\"")
                else { return .nan }
                return Double(line[start..<end]) ?? .nan
            }
            return (String(line[line.index(after: open)..<close]), number("xMin"), number("yMin"))
        }
    }
}

/// A small deterministic random number generator, so a failing made-up line can be found again.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return Int(value % UInt64(bound))
    }
}
