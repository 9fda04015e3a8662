import Foundation
import HistoryStore
import LedgerprintTestSupport
import Testing

@Suite("ledgerprint records when each file was printed")
struct PrintedIndexTests {
    /// Every printed file's record says when it was printed, in ISO 8601 UTC to the second, as the
    /// clock read while the command ran (written by hand since issue 22, without ICU).
    @Test func printedFilesRecordTheirTimeInUTC() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let before = Date().addingTimeInterval(-1)
        let printed = try cli.run(["invoices", "print", "2025/0001", "-o", cli.path("one.pdf")])
        #expect(printed.status == 0, "\(printed.error)")
        let run = try cli.run(["invoices", "run", "--period", "2025-03", "--out", cli.path("out"), "--jobs", "2"])
        #expect(run.status == 0, "\(run.error)")
        let after = Date().addingTimeInterval(1)
        let records = try SQLiteStore(path: cli.environment["LEDGERPRINT_STORE"] ?? "").printedDocuments()
        #expect(records.contains { $0.path.hasSuffix("one.pdf") })
        #expect(records.count > 1)
        let parser = ISO8601DateFormatter()
        for record in records {
            #expect(record.printedAt.count == 20 && record.printedAt.hasSuffix("Z"), "\(record.printedAt)")
            let date = try #require(parser.date(from: record.printedAt), "\(record.printedAt)")
            #expect(date >= before && date <= after, "\(record.printedAt) is not when \(record.path) was printed")
            #expect(parser.string(from: date) == record.printedAt)
        }
    }
}
