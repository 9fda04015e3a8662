import Billing
import BillingCenter
import Foundation
import HTTPTypes
import HistoryStore
import Hummingbird
import LedgerprintTestSupport
import Testing

/// The month-end run's results for representatives: what `ledgerprint invoices run` printed at its
/// end is what the page shows, failures with their messages.
@Suite(.serialized) struct RunResultsTests {
    /// The numbers in the run's summary line ("issued 3 invoices, printed 5 (0 already printed) into …").
    static func summary(_ text: String) throws -> [Int] {
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("issued ") })
        return line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.prefix(3).map { $0 }
    }

    /// The four counts of the page's last run: issued, printed, failed, already printed.
    static func counts(_ page: String) -> [Int] {
        page.components(separatedBy: "<p class=\"amount").dropFirst().compactMap { part in
            guard let start = part.firstIndex(of: ">") else { return nil }
            return Int(part[part.index(after: start)...].prefix { $0.isNumber })
        }
    }

    @Test(arguments: StoreKind.allCases) func theLastRunsCountsAndFailuresAreWhatTheRunReported(
        _ kind: StoreKind
    ) async throws {
        let fixture = try WebFixture(kind, today: try CalendarDate("2026-11-29"))
        let out = fixture.folder.appendingPathComponent("out")
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let none = String(buffer: try await marco.send(.get, "/runs").body)
            #expect(none.contains("No month-end run has been recorded yet."))
        }
        let first = try CLIRun.run(
            ["invoices", "run", "--period", "2026-11", "--out", out.path, "--jobs", "1"],
            fixture: fixture
        )
        #expect(first.status == 0, "\(first.text)")
        let reported = try Self.summary(first.text)
        #expect(reported[1] > 0, "the samples have invoices to print in 2026-11")
        // One invoice's file cannot be written the next time: a folder stands where it goes.
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".pdf") }
            .sorted()
        let blocked = try #require(pdfs.first)
        try FileManager.default.removeItem(at: out.appendingPathComponent(blocked))
        try FileManager.default.createDirectory(
            at: out.appendingPathComponent(blocked),
            withIntermediateDirectories: false
        )
        let second = try CLIRun.run(
            ["invoices", "run", "--period", "2026-11", "--out", out.path, "--jobs", "1"],
            fixture: fixture
        )
        #expect(second.status == 3, "\(second.text)")
        let failure = try #require(
            second.stderr.split(separator: "\n").first { $0.hasPrefix("ledgerprint: invoice ") }
        ).dropFirst("ledgerprint: ".count)

        let runs = try fixture.store.invoiceRuns()
        #expect(runs.count == 2)
        #expect(runs.first?.failures == [String(failure)])
        try await fixture.test { client in
            var marco = Browser(client)
            try await marco.signIn(WebFixture.marco, "marco-password-1")
            let page = String(buffer: try await marco.send(.get, "/runs").body)
            #expect(page.contains("<h2>The last run: 2026-11 · All accounts</h2>"))
            #expect(Self.counts(page) == [0, 0, 1, pdfs.count - 1])
            let escaped = String(failure).replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
            #expect(page.contains("<td class=\"failure\">\(escaped)</td>"))
            // The first run is listed below with what it reported.
            let earlier = try #require(page.range(of: "Earlier runs")).upperBound
            #expect(
                page[earlier...].contains(
                    "<td class=\"num\">\(reported[0])</td><td class=\"num\">\(reported[1])</td><td class=\"num\">0</td><td class=\"num\">\(reported[2])</td>"
                )
            )
            let italian = String(buffer: try await marco.send(.get, "/runs?lang=it").body)
            #expect(italian.contains("L&#39;ultima elaborazione: 2026-11 · Tutti gli account"))
        }
    }
}
