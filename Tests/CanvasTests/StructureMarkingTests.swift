import Foundation
import Testing

@testable import Canvas

/// How a page Cairo drew untagged is marked after it from the counts of what each element drew.
@Suite("Structure marking")
struct StructureMarkingTests {
    private typealias Segment = StructureRecorder.Segment
    private let types = ["TD", "TD", "P"]

    private func marked(_ content: String, _ segments: [Segment]) -> (text: String, mcids: [Int])? {
        StructureMarking.marked(
            Array(content.utf8),
            segments: segments,
            bytesPerGlyph: { String(decoding: $0, as: UTF8.self) == "f-0-1" ? 2 : 1 },
            type: { types[$0] }
        ).map { (String(decoding: $0.content, as: UTF8.self), $0.segmentOfMCID) }
    }

    @Test func aRowShownAsOneTextObjectIsSplitWhereItsCellsChange() throws {
        // Two cells of a row in one TJ, the gap between them a number; a rule as an artifact.
        let content = """
            q
            BT /f-0-0 1 Tf [(2025/0001)-2256(12,00)]TJ ET
            0.5 w 10 10 m 50 10 l S
            Q
            """
        let segments = [
            Segment(owner: 0, glyphs: 9, paints: 0), Segment(owner: 1, glyphs: 5, paints: 0),
            Segment(owner: -1, glyphs: 0, paints: 1),
        ]
        let result = try #require(marked(content, segments))
        #expect(
            result.text.contains("/TD <</MCID 0>> BDC\n[(2025/0001)-2256]TJ\nEMC\n/TD <</MCID 1>> BDC\n[(12,00)]TJ")
        )
        #expect(result.text.contains("/Artifact BMC\n10 10 m 50 10 l S\n"))
        #expect(result.text.hasSuffix("EMC\nQ"))
        #expect(result.mcids == [0, 1])
        // Marked content never holds a text object's end or a Q.
        #expect(result.text.contains("EMC\nET"))
    }

    @Test func aStringIsSplitBetweenGlyphsOfOneOrTwoBytes() throws {
        let simple = try #require(
            marked(
                "BT /f-0-0 1 Tf (ab\\(c)Tj ET",
                [Segment(owner: 0, glyphs: 2, paints: 0), Segment(owner: 2, glyphs: 2, paints: 0)]
            )
        )
        #expect(simple.text.contains("(ab)Tj\nEMC\n/P <</MCID 1>> BDC\n(\\(c)Tj"))
        let composite = try #require(
            marked(
                "BT /f-0-1 1 Tf <00410042>Tj ET",
                [Segment(owner: 0, glyphs: 1, paints: 0), Segment(owner: 2, glyphs: 1, paints: 0)]
            )
        )
        #expect(composite.text.contains("<0041>Tj\nEMC\n/P <</MCID 1>> BDC\n<0042>Tj"))
    }

    @Test func contentsThatDoNotMatchTheCountsAreLeftToCairosTags() {
        let content = "BT /f-0-0 1 Tf (Total)Tj ET 10 10 100 20 re f"
        // One glyph too many, one too few, a painting where a glyph was counted.
        #expect(marked(content, [Segment(owner: 0, glyphs: 6, paints: 1)]) == nil)
        #expect(marked(content, [Segment(owner: 0, glyphs: 4, paints: 1)]) == nil)
        #expect(
            marked(content, [Segment(owner: -1, glyphs: 0, paints: 1), Segment(owner: 0, glyphs: 5, paints: 0)]) == nil
        )
        #expect(marked(content, [Segment(owner: 0, glyphs: 5, paints: 1)]) != nil)
        // A clip is no painting.
        #expect(marked("q 0 0 5 5 re W n BT /f-0-0 1 Tf (a)Tj ET Q", [Segment(owner: 0, glyphs: 1, paints: 0)]) != nil)
    }
}
