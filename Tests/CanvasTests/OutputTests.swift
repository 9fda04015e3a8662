import Canvas
import Foundation
import LedgerprintTestSupport
import Testing

@Suite("Images and files")
struct OutputTests {
    let swatch = repositoryRoot.appendingPathComponent("Tests/CanvasTests/Fixtures/swatch.png")

    @Test func aPngIsDecodedAndDrawnScaled() throws {
        let image = try Image(png: Data(contentsOf: swatch))
        #expect(image.pixelWidth == 40 && image.pixelHeight == 20)
        let fitted = image.fitted(in: Rect(x: 0, y: 0, width: 100, height: 100))
        #expect(fitted == Rect(x: 0, y: 25, width: 100, height: 50))
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Logo", creationDate: fixedDate))
        try pdf.addPage { page in try page.draw(image, in: fitted) }
        let list = try poppler("pdfimages", ["-list"], on: pdf.finish())
        #expect(list.contains("   40    20  rgb"))
    }

    @Test(arguments: [
        ("not a png", Data("hello, world".utf8)),
        ("truncated", Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])),
        ("empty", Data()),
    ])
    func brokenPngBytesAreATypedError(name: String, bytes: Data) {
        #expect(throws: CanvasError.self, "\(name)") { try Image(png: bytes) }
    }

    @Test func aTruncatedRealPngIsATypedError() throws {
        let bytes = try Data(contentsOf: swatch)
        #expect(throws: CanvasError.self) { try Image(png: bytes.prefix(bytes.count - 20)) }
    }

    @Test func writingIsAtomicAndLeavesNothingBehind() throws {
        let folder = try temporaryFolder("canvas-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("invoice.pdf")
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Atomic", creationDate: fixedDate))
        try pdf.addPage { _ in }
        try pdf.write(to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["invoice.pdf"])
        #expect(try Data(contentsOf: target) == pdf.finish())
    }

    @Test func anUnwritablePathIsATypedErrorNamingIt() throws {
        let pdf = try PDFDocument(metadata: PDFMetadata(title: "Nowhere", creationDate: fixedDate))
        try pdf.addPage { _ in }
        let target = URL(fileURLWithPath: "/nonexistent-folder/out/invoice.pdf")
        do {
            try pdf.write(to: target)
            Issue.record("writing to a missing folder succeeded")
        } catch {
            #expect(
                error == .cannotWrite(path: target.path, reason: "the folder /nonexistent-folder/out does not exist")
            )
        }
    }

    @Test func aFailedWriteKeepsTheOldFile() throws {
        let folder = try temporaryFolder("canvas-tests")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("existing")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        #expect(throws: CanvasError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) && isFolder.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["existing"])
    }
}
