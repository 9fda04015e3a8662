import Billing
import Canvas
import Documents
import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

func projectFonts() throws -> FontLibrary {
    try FontLibrary(configurationFile: repositoryRoot.appendingPathComponent("Fonts/fonts.conf"))
}

func makeRenderer() throws -> DocumentRenderer {
    try DocumentRenderer(templateFolder: repositoryRoot.appendingPathComponent("Templates"), fonts: projectFonts())
}

/// A copy of `Templates/` in a temporary folder, for tests that break a template on purpose.
func copyOfTemplates() throws -> URL {
    let folder = try temporaryFolder("templates")
    let source = repositoryRoot.appendingPathComponent("Templates")
    for item in try FileManager.default.contentsOfDirectory(atPath: source.path) {
        try FileManager.default.copyItem(
            at: source.appendingPathComponent(item),
            to: folder.appendingPathComponent(item)
        )
    }
    return folder
}

/// A store in a temporary folder with the samples imported; removed by `SampleStore.remove()`.
struct SampleStore {
    let folder: URL
    let store: SQLiteStore

    init() throws {
        folder = try temporaryFolder("documents")
        store = try SQLiteStore(path: folder.appendingPathComponent("samples.sqlite").path)
        let data = try Data(contentsOf: repositoryRoot.appendingPathComponent("Samples/history.json"))
        try store.importFiles([("Samples/history.json", data)])
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func vendor() throws -> Vendor { try #require(try store.vendor()) }
}
