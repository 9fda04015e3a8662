import Foundation
import LedgerprintTestSupport
import Testing

/// Several downloads at once: each renders with a renderer of its own from the desk's pool, and each
/// PDF is whole and the same, byte for byte, as the one the account gets when it downloads alone.
@Suite("The Billing Center renders several documents at once")
struct RendererPoolTests {
    @Test func manyDownloadsAtOnceGiveWholeAndRightPDFs() async throws {
        let fixture = try WebFixture(renderers: 3)
        var list: [(path: String, expected: String)] = []
        for account in ["ROSSI-IT", "KLEIN-DE", "GLOBEX-US", "BLUEFIN-US"] {
            let number = try #require(try fixture.store.invoices(accountID: account).last?.number?.description)
            let stem = try fixture.invoiceStem(of: account)
            list.append(("/accounts/\(account)/documents/\(stem).pdf", number))
            list.append(("/accounts/\(account)/statements/renewal-1.pdf", try fixture.store.account(account).name))
        }
        let paths = list
        try await fixture.test { client in
            var browser = Browser(client)
            try await browser.signIn(WebFixture.marco, "marco-password-1")
            var alone: [String: Data] = [:]
            for (path, expected) in paths {
                let pdf = Data(buffer: try await browser.send(.get, path).body)
                #expect(try poppler("pdftotext", on: pdf).contains(expected), "\(path)")
                alone[path] = pdf
            }
            let signedIn = browser
            let together = try await withThrowingTaskGroup(of: (String, Int, Data).self) { group in
                for _ in 0..<3 {
                    for (path, _) in paths {
                        group.addTask {
                            var browser = signedIn
                            let answer = try await browser.send(.get, path)
                            return (path, Int(answer.status.code), Data(buffer: answer.body))
                        }
                    }
                }
                var all: [(String, Int, Data)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(together.count == paths.count * 3)
            for (path, status, pdf) in together {
                #expect(status == 200, "\(path)")
                #expect(pdf.starts(with: Data("%PDF-".utf8)), "\(path)")
                #expect(pdf == alone[path], "\(path): \(pdf.count) bytes, alone \(alone[path]?.count ?? 0)")
            }
            let info = try poppler("pdfinfo", on: try #require(together.first?.2))
            #expect(info.contains("Pages:"))
        }
    }
}
