import Foundation
import LedgerprintTestSupport
import Testing

/// Issue 22 on the command line: a command parses only the templates its documents use, so a
/// mistake in another template does not stop it; the command that needs that template, and
/// `templates check`, name the file and line.
@Suite("Templates parsed when first needed, on the command line")
struct TemplateLoadingCLITests {
    @Test func aBrokenQuoteTemplateStopsQuotesAndTheCheckButNotInvoices() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let folder = cli.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let quote = folder.appendingPathComponent("quote.html")
        let text = try String(contentsOf: quote, encoding: .utf8)
        try (text + "{{#never}}\n").write(to: quote, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let message = "quote.html:\(line):1: Mustache: 'never' is opened here and never closed"

        let invoice = try cli.run([
            "invoices", "print", "2025/0001", "--templates", folder.path, "-o", cli.path("i.pdf"),
        ])
        #expect(invoice.status == 0, "\(invoice.error)")
        #expect(
            try poppler("pdftotext", on: Data(contentsOf: URL(fileURLWithPath: cli.path("i.pdf")))).contains(
                "2025/0001"
            )
        )

        let check = try cli.run(["templates", "check", folder.path])
        #expect(check.status == 65)
        #expect(check.error.contains(message), "\(check.error)")
        #expect(!check.output.contains("are valid"))
    }
}

/// A month-end run parses the templates its invoices print with before it issues anything.
@Suite("A run checks its templates before it issues")
struct RunTemplateCheckTests {
    @Test func aBrokenInvoiceTemplateStopsTheRunBeforeAnyInvoiceIsIssuedButABrokenQuoteDoesNot() throws {
        let cli = try CLI()
        defer { cli.remove() }
        try cli.importSamples()
        let folder = cli.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Templates"), to: folder)
        let before = try cli.run(["export"]).output

        let invoice = folder.appendingPathComponent("invoice.html")
        let original = try String(contentsOf: invoice, encoding: .utf8)
        try (original + "{{#never}}\n").write(to: invoice, atomically: true, encoding: .utf8)
        let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
        let run = [
            "invoices", "run", "--period", "2026-12", "--today", "2026-12-04", "--out", cli.path("out"),
            "--templates", folder.path,
        ]
        let refused = try cli.run(run)
        #expect(refused.status == 65, "\(refused.output)\(refused.error)")
        #expect(
            refused.error.contains("invoice.html:\(line):1: Mustache: 'never' is opened here and never closed"),
            "\(refused.error)"
        )
        #expect(!refused.output.contains("issued"))
        #expect(try cli.run(["export"]).output == before, "nothing may be issued when the invoices cannot print")

        try original.write(to: invoice, atomically: true, encoding: .utf8)
        let quote = folder.appendingPathComponent("quote.html")
        try (try String(contentsOf: quote, encoding: .utf8) + "{{#never}}\n").write(
            to: quote,
            atomically: true,
            encoding: .utf8
        )
        let ran = try cli.run(run)
        #expect(ran.status == 0, "\(ran.error)")
        #expect(ran.output.contains("issued 1 invoices, printed 1"), "\(ran.output)")
    }
}
