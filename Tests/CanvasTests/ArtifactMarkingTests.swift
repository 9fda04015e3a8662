import Testing

@testable import Canvas

/// What finishing marks as an artifact in a page's contents, and what it leaves as it is.
@Suite("Artifact marking")
struct ArtifactMarkingTests {
    private func marked(_ content: String) -> String? {
        ArtifactMarking.marked(Array(content.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func whatNoElementHoldsIsMarkedObjectByObject() throws {
        let content = """
            q
            0.9 g 10 10 100 20 re f
            /P << /MCID 0 >> BDC
            BT /f-0-0 1 Tf (Total)Tj ET
            0 0 1 RG 5 5 m 50 5 l S
            EMC
            BT /f-0-0 1 Tf (Page 1 of 2)Tj ET
            /a0 gs /x5 Do
            Q
            """
        let result = try #require(marked(content))
        #expect(result.contains("0.9 g /Artifact BMC\n10 10 100 20 re f\nEMC"))
        #expect(result.contains("/Artifact BMC\nBT /f-0-0 1 Tf (Page 1 of 2)Tj ET\nEMC"))
        #expect(result.contains("/a0 gs /Artifact BMC\n/x5 Do\nEMC"))
        // Inside the paragraph nothing changes: its rule belongs to it.
        #expect(result.contains("/P << /MCID 0 >> BDC\nBT /f-0-0 1 Tf (Total)Tj ET\n0 0 1 RG 5 5 m 50 5 l S\nEMC"))
        #expect(result.components(separatedBy: "/Artifact BMC").count == 4)
    }

    @Test func aGlyphsActualTextInsideAnUnmarkedTextObjectStaysInIt() throws {
        let content = "BT (A)Tj /Span << /ActualText <feff0020> >> BDC ( )Tj EMC (B)Tj ET"
        #expect(marked(content) == "/Artifact BMC\n" + content + "\nEMC")
    }

    @Test func contentsNotAsCairoWritesThemAreLeftAlone() {
        #expect(marked("10 10 m /P << /MCID 0 >> BDC 20 20 l S EMC") == nil)  // marked content in a path
        #expect(marked("/P << /MCID 0 >> BDC BT (A)Tj EMC ET") == nil)  // an element closed in a text object
        #expect(marked("EMC") == nil)
        #expect(marked("BT (A)Tj") == nil)
        #expect(marked("(unclosed string Tj") == nil)
    }
}
