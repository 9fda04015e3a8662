import Foundation
import LedgerprintTestSupport
import Testing

@Suite("An account's paper")
struct PaperTests {
    @Test func aContactChoosesLetterAndDocumentsIssuedBeforeKeepTheirPaper() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        #expect(try cli.run(["accounts", "show", "ROSSI-IT"]).output.contains("paper: A4 (by country)"))
        let before = try #require(
            try cli.run(["invoices", "list", "--account", "ROSSI-IT", "--format", "csv"]).output
                .split(separator: "\n").last?.split(separator: ",").first.map(String.init)
        )

        let set = try cli.run([
            "accounts", "update", "ROSSI-IT", "--paper", "letter", "--as", "anna.bianchi@studiorossi.example",
        ])
        #expect(set.status == 0, "\(set.error)")
        #expect(try cli.run(["accounts", "show", "ROSSI-IT"]).output.contains("paper: letter (chosen)"))
        #expect(
            try cli.run(["history", "ROSSI-IT", "--from", "2026-11-27"]).output.contains(
                "anna.bianchi@studiorossi.example"
            )
        )

        // A statement is made now: on the account's paper. An invoice issued before keeps A4.
        #expect(try cli.run(["statement", "ROSSI-IT", "--period", "2026-10", "-o", cli.path("s.pdf")]).status == 0)
        #expect(
            try poppler("pdfinfo", on: Data(contentsOf: URL(fileURLWithPath: cli.path("s.pdf")))).contains("612 x 792")
        )
        #expect(try cli.run(["invoices", "print", before, "-o", cli.path("i.pdf")]).status == 0)
        #expect(
            try poppler("pdfinfo", on: Data(contentsOf: URL(fileURLWithPath: cli.path("i.pdf")))).contains(
                "595.276 x 841.89"
            )
        )

        // Back to the country's choice, in any case.
        #expect(
            try cli.run(["accounts", "update", "ROSSI-IT", "--paper", "BY-COUNTRY", "--as", "rep:Marco"]).status == 0
        )
        #expect(try cli.run(["accounts", "show", "ROSSI-IT"]).output.contains("paper: A4 (by country)"))
    }

    @Test func anUnknownPaperIsRefusedWithTheChoicesAndNothingChanges() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let refused = try cli.run(["accounts", "update", "ROSSI-IT", "--paper", "A5", "--as", "rep:Marco"])
        #expect(refused.status == 64)
        #expect(refused.error.contains("'by-country', 'A4' or 'letter'"))
        #expect(!(try cli.run(["history", "ROSSI-IT", "--from", "2026-11-27"]).output.contains("updated the account")))
    }
}
