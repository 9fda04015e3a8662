import Canvas
import Foundation
import LedgerprintTestSupport
import Testing

@Suite("Text measurement")
struct TextLayoutTests {
    let fonts: FontLibrary

    init() throws { fonts = try projectFonts() }

    @Test func widerTextMeasuresWider() throws {
        let short = try TextLayout("Fattura", fonts: fonts)
        let long = try TextLayout("Fattura elettronica", fonts: fonts)
        #expect(long.width > short.width)
        #expect(short.lineCount == 1)
    }

    @Test func boldTextIsWiderThanRegular() throws {
        let regular = try TextLayout("Totale documento", fonts: fonts)
        let bold = try TextLayout("Totale documento", style: TextStyle(weight: .bold), fonts: fonts)
        #expect(bold.width > regular.width)
    }

    @Test func largerSizeMeasuresTallerInPoints() throws {
        let text = try TextLayout("Hg", style: TextStyle(size: 20), fonts: fonts)
        // Liberation Sans has a line height of about 1.15 em: 20 pt text is about 23 pt tall, not 30 (96 dpi).
        #expect(text.height > 20 && text.height < 25)
    }

    @Test(arguments: [1, 3, 7])
    func explicitLineBreaksGiveOneLineEach(count: Int) throws {
        let text = (1...count).map { "Riga \($0)" }.joined(separator: "\n")
        let layout = try TextLayout(text, fonts: fonts)
        #expect(layout.lineCount == count)
        #expect(layout.lines.map(\.text.trimmingNewlines) == (1...count).map { "Riga \($0)" })
    }

    @Test func wrappingAtAWidthGivesTheExpectedLineCount() throws {
        let word = try TextLayout("seats", fonts: fonts)
        let space = try TextLayout("seats seats", fonts: fonts).width - 2 * word.width
        // Room for exactly three words and their two spaces per line: twelve words make four lines.
        let width = 3 * word.width + 2 * space + 0.5
        let text = Array(repeating: "seats", count: 12).joined(separator: " ")
        let layout = try TextLayout(text, paragraph: ParagraphStyle(width: width, wrap: .word), fonts: fonts)
        #expect(layout.lineCount == 4)
        #expect(layout.lines.allSatisfy { $0.width <= width })
    }

    @Test func lineHeightsAddUpToTheHeight() throws {
        let text = String(repeating: "Canone annuale per 25 postazioni webinar. ", count: 10)
        let layout = try TextLayout(text, paragraph: ParagraphStyle(width: 150), fonts: fonts)
        #expect(layout.lineCount > 3)
        let sum = layout.lines.map(\.height).reduce(0, +)
        #expect(abs(sum - layout.height) < 0.01)
        #expect(abs(layout.height(ofLines: 0..<layout.lineCount) - layout.height) < 0.01)
        for (above, below) in zip(layout.lines, layout.lines.dropFirst()) {
            #expect(abs(above.top + above.height - below.top) < 0.01)
            #expect(below.baseline > above.baseline)
        }
    }

    @Test func rightAlignedLinesEndAtTheWidth() throws {
        let layout = try TextLayout(
            "€ 1.234,56",
            paragraph: ParagraphStyle(width: 200, alignment: .right),
            fonts: fonts
        )
        let line = try #require(layout.lines.first)
        #expect(abs(line.x + line.width - 200) < 0.5)
    }

    @Test func ellipsisKeepsTextOnOneLineWithinTheWidth() throws {
        let layout = try TextLayout(
            String(repeating: "Descrizione molto lunga ", count: 20),
            paragraph: ParagraphStyle(width: 120, wrap: .none, ellipsis: .end),
            fonts: fonts
        )
        #expect(layout.lineCount == 1)
        #expect(layout.width <= 120.5)
    }

    @Test func styledRunsShareOneParagraph() throws {
        let layout = try TextLayout(
            [
                TextRun("Totale: "),
                TextRun("€ 1.234,56", style: TextStyle(weight: .bold)),
                TextRun(" (IVA inclusa)", style: TextStyle(italic: true)),
            ],
            fonts: fonts
        )
        #expect(layout.lineCount == 1)
        #expect(layout.lines.first?.text == "Totale: € 1.234,56 (IVA inclusa)")
    }

    @Test func linkRunsProduceAreasOverTheirText() throws {
        let layout = try TextLayout(
            [TextRun("Paga su "), TextRun("example.com/pay", link: "https://example.com/pay")],
            fonts: fonts
        )
        let area = try #require(layout.linkAreas.first)
        #expect(layout.linkAreas.count == 1)
        #expect(area.url == "https://example.com/pay")
        #expect(area.rect.x > 0 && area.rect.maxX <= layout.width + 0.01)
    }

    @Test func unknownFamilyIsAnErrorNamingIt() throws {
        #expect(throws: CanvasError.self) {
            try TextLayout("x", style: TextStyle(family: "Comic Papyrus"), fonts: fonts)
        }
        do {
            _ = try TextLayout("x", style: TextStyle(family: "Comic Papyrus"), fonts: fonts)
        } catch {
            #expect(error.description.contains("'Comic Papyrus'"))
            #expect(error.description.contains("Liberation Sans"))
        }
    }

    @Test func theProjectConfigurationHasTheDefaultFamily() throws {
        #expect(fonts.hasFamily(FontLibrary.defaultFamily))
        #expect(fonts.hasFamily("sans-serif"))
    }

    @Test("two font libraries in one process each find only the fonts of their own configuration")
    func eachLibraryKeepsToItsOwnConfiguration() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fonts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        func library(_ name: String, fonts: String) throws -> FontLibrary {
            let file = folder.appendingPathComponent("\(name)/fonts.conf")
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try "<?xml version=\"1.0\"?>\n<fontconfig><dir>\(fonts)</dir></fontconfig>\n"
                .write(to: file, atomically: true, encoding: .utf8)
            return try FontLibrary(configurationFile: file)
        }
        // Whichever is made first may become fontconfig's current configuration; both must keep to their own.
        let dejaVu = try library("dejavu", fonts: "/usr/share/fonts/truetype/dejavu")
        let liberation = try library("liberation", fonts: "/usr/share/fonts/truetype/liberation2")
        #expect(dejaVu.hasFamily("DejaVu Sans") && !dejaVu.hasFamily("Liberation Sans"), "\(dejaVu.families)")
        #expect(
            liberation.hasFamily("Liberation Sans") && !liberation.hasFamily("DejaVu Sans"),
            "\(liberation.families)"
        )
        let dejaVuText = try TextLayout("Totale documento", style: TextStyle(family: "DejaVu Sans"), fonts: dejaVu)
        let liberationText = try TextLayout(
            "Totale documento",
            style: TextStyle(family: "Liberation Sans"),
            fonts: liberation
        )
        #expect(dejaVuText.width > liberationText.width, "DejaVu Sans is the wider face")
        #expect(throws: CanvasError.self) {
            try TextLayout("x", style: TextStyle(family: "Liberation Sans"), fonts: dejaVu)
        }
    }

    @Test func aMissingConfigurationFileIsATypedError() {
        #expect(throws: CanvasError.fontConfiguration(path: "/nonexistent/fonts.conf", reason: "no such file")) {
            try FontLibrary(configurationFile: URL(fileURLWithPath: "/nonexistent/fonts.conf"))
        }
    }
}

extension String {
    fileprivate var trimmingNewlines: String { trimmingCharacters(in: .newlines) }
}

@Suite("Text limits")
struct TextLimitTests {
    @Test func anAbsurdFontSizeIsAnErrorAndAHugeWidthIsHarmless() throws {
        let fonts = try projectFonts()
        #expect(throws: CanvasError.self) { try TextLayout("x", style: TextStyle(size: 3_000_000), fonts: fonts) }
        let wide = try TextLayout("x", paragraph: ParagraphStyle(width: 1e12), fonts: fonts)
        #expect(wide.lineCount == 1)
    }
}
