import Billing
import Foundation
import HistoryStore
import Synchronization
import Testing

/// Threads recording printed files at once, as a month-end run's writing threads do (issue 22): on
/// SQLite their rows are committed together, each call returning once its own row is in the index.
@Suite("Printed files recorded at once")
struct PrintedIndexWriterTests {
    static func entry(_ thread: Int, _ file: Int) -> PrintedDocument {
        PrintedDocument(
            kind: "invoice",
            reference: "2026/\(thread)-\(file)",
            accountID: nil,
            format: "pdf",
            sha256: String(repeating: "0", count: 64),
            size: file,
            templateVersion: "test",
            printedAt: "2026-02-01T00:00:00Z",
            path: "/out/\(thread)-\(file).pdf"
        )
    }

    /// Eight threads record twenty files each: every file is in the index exactly once, and each
    /// thread already reads its own file back (on another connection) when its call returns.
    @Test(arguments: StoreKind.allCases)
    func everyFileRecordedAtOnceIsInTheIndexOnceWhenTheCallReturns(kind: StoreKind) throws {
        let fixtures = try StoreFixtures()
        defer { fixtures.remove() }
        let open = try fixtures.newSharedStore(kind)
        let store = try open()
        let reader = try open()
        let missing = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for file in 0..<20 {
                let entry = Self.entry(thread, file)
                do {
                    try store.recordPrinted(entry)
                    if try !reader.printedDocuments(kind: "invoice").contains(entry) {
                        missing.withLock { $0.append("\(entry.path) not readable when recordPrinted returned") }
                    }
                } catch {
                    missing.withLock { $0.append("\(entry.path): \(error)") }
                }
            }
        }
        #expect(missing.withLock { $0 }.isEmpty)
        let paths = try store.printedDocuments(kind: nil).map(\.path)
        #expect(paths.count == 160)
        #expect(Set(paths) == Set((0..<8).flatMap { thread in (0..<20).map { "/out/\(thread)-\($0).pdf" } }))
    }
}
